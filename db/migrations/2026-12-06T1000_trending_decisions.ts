import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

/**
 * Organizers' control over trending signatures (app/modules/petition/trending.ts):
 * - `trending_decisions`: per petition and source (an email domain, or a client-address hash),
 *   every decision `hold` or `count` ever taken, with who and when; the latest one is in force;
 * - `trusted_domain_changes`: every addition to and removal from `trusted_domains`, with who,
 *   when and why (the table itself holds only the current list);
 * - `trending_alerts`: a source raised its alert once per petition (the dashboard's "since"
 *   and the organizers' mail come from it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("trending_decisions")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("petition_id", "integer", (c) => c.notNull().references("petitions.id").onDelete("cascade"))
    .addColumn("source_kind", "text", (c) => c.notNull().check(sql`source_kind in ('domain', 'address')`))
    .addColumn("source_key", "text", (c) => c.notNull().check(sql`source_key <> '' and length(source_key) <= 253`))
    .addColumn("decision", "text", (c) => c.notNull().check(sql`decision in ('hold', 'count')`))
    .addColumn("decided_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("decided_by_email", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo("").check(sql`length(note) <= 500`))
    .addColumn("decided_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index trending_decisions_source on trending_decisions (petition_id, source_kind, source_key, id desc)`.execute(db);

  await db.schema
    .createTable("trusted_domain_changes")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("domain", "text", (c) => c.notNull().check(sql`domain <> '' and domain = lower(domain)`))
    .addColumn("change", "text", (c) => c.notNull().check(sql`change in ('add', 'remove')`))
    .addColumn("note", "text", (c) => c.notNull().defaultTo("").check(sql`length(note) <= 500`))
    .addColumn("changed_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("changed_by_email", "text", (c) => c.notNull())
    .addColumn("changed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index trusted_domain_changes_domain on trusted_domain_changes (domain, id desc)`.execute(db);

  await db.schema
    .createTable("trending_alerts")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("petition_id", "integer", (c) => c.notNull().references("petitions.id").onDelete("cascade"))
    .addColumn("source_kind", "text", (c) => c.notNull().check(sql`source_kind in ('domain', 'address')`))
    .addColumn("source_key", "text", (c) => c.notNull().check(sql`source_key <> ''`))
    .addColumn("since", "timestamptz", (c) => c.notNull())
    .addColumn("signatures", "integer", (c) => c.notNull().check(sql`signatures > 0`))
    .addColumn("raised_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("trending_alerts_once", ["petition_id", "source_kind", "source_key"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("trending_alerts").execute();
  await db.schema.dropTable("trusted_domain_changes").execute();
  await db.schema.dropTable("trending_decisions").execute();
}
