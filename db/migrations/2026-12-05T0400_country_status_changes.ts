import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

const FACT_KINDS = sql`('signature', 'ratification', 'acceptance', 'approval', 'accession', 'succession', 'formal_confirmation', 'declaration_or_reservation', 'domestic_step', 'statement', 'vote')`;
const STATUSES = sql`('not_signed', 'not_joined', 'signed', 'domestic_approval_reported', 'party', 'in_force')`;
const CAUSES = sql`('manual', 'import', 'lead')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // The history keeps every kind of fact, says what made the change, and keeps a removed fact
  // (after is null then).
  await sql`alter table fact_changes drop constraint fact_changes_kind_check`.execute(db);
  await sql`alter table fact_changes add constraint fact_changes_kind_check check (kind in ${FACT_KINDS})`.execute(db);
  await db.schema
    .alterTable("fact_changes")
    .addColumn("cause", "text", (c) => c.notNull().defaultTo("manual").check(sql`cause in ${CAUSES}`))
    .execute();
  await sql`alter table fact_changes alter column after drop not null`.execute(db);
  await sql`alter table fact_changes add constraint fact_changes_something_changed check (before is not null or after is not null)`.execute(db);

  // A participant's status moved because its facts changed (never because a day passed): what
  // follows a move (alerts to followers, the asks that fit) starts from these rows, whoever made it.
  await db.schema
    .createTable("country_status_changes")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("treaty_id", "integer", (c) => c.notNull().references("treaties.id").onDelete("cascade"))
    .addColumn("country_code", "char(3)", (c) => c.notNull().references("countries.code3"))
    .addColumn("from_status", "text", (c) => c.notNull().check(sql`from_status in ${STATUSES}`))
    .addColumn("to_status", "text", (c) => c.notNull().check(sql`to_status in ${STATUSES}`))
    // What only the press or a single mention reports beyond the confirmed status; null: nothing.
    .addColumn("reported_from", "text", (c) => c.check(sql`reported_from in ${STATUSES}`))
    .addColumn("reported_to", "text", (c) => c.check(sql`reported_to in ${STATUSES}`))
    .addColumn("cause", "text", (c) => c.notNull().check(sql`cause in ${CAUSES}`))
    .addColumn("organizer_id", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("actor_email", "text", (c) => c.notNull())
    // The day the rules judged both statuses on.
    .addColumn("judged_on", "date", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "country_status_changes_moved",
      sql`from_status <> to_status or reported_from is distinct from reported_to`,
    )
    .execute();
  await db.schema.createIndex("country_status_changes_by_treaty").on("country_status_changes").columns(["treaty_id", "id"]).execute();
  await db.schema.createIndex("country_status_changes_by_country").on("country_status_changes").columns(["country_code", "id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("country_status_changes").execute();
  await sql`delete from fact_changes where after is null or kind not in ('signature', 'ratification', 'statement', 'vote')`.execute(db);
  await db.schema.alterTable("fact_changes").dropConstraint("fact_changes_something_changed").execute();
  await sql`alter table fact_changes alter column after set not null`.execute(db);
  await db.schema.alterTable("fact_changes").dropColumn("cause").execute();
  await sql`alter table fact_changes drop constraint fact_changes_kind_check`.execute(db);
  await sql`alter table fact_changes add constraint fact_changes_kind_check check (kind in ('signature', 'ratification', 'statement', 'vote'))`.execute(db);
}
