import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

/**
 * Views of campaign pages, counted per campaign and day: aggregate numbers
 * for the organizers' funnel, with no cookie, no visitor id, no third party.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("petition_page_views")
    .addColumn("petition_id", "integer", (c) => c.notNull().references("petitions.id").onDelete("cascade"))
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("views", "bigint", (c) => c.notNull().check(sql`views >= 0`))
    .addPrimaryKeyConstraint("petition_page_views_pk", ["petition_id", "day"])
    .execute();
  await db.schema
    .createTable("letter_page_views")
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("letter_campaigns.id").onDelete("cascade"))
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("views", "bigint", (c) => c.notNull().check(sql`views >= 0`))
    .addPrimaryKeyConstraint("letter_page_views_pk", ["campaign_id", "day"])
    .execute();

  // Organizers correct how a country voted, too: kept in the history like the other facts.
  await sql`alter table fact_changes drop constraint fact_changes_kind_check`.execute(db);
  await sql`alter table fact_changes add constraint fact_changes_kind_check check (kind in ('signature', 'ratification', 'statement', 'vote'))`.execute(db);
  // Null for votes as loaded from the sources; set when an organizer corrects one.
  await db.schema.alterTable("country_votes").addColumn("updated_at", "timestamptz").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("country_votes").dropColumn("updated_at").execute();
  await sql`delete from fact_changes where kind = 'vote'`.execute(db);
  await sql`alter table fact_changes drop constraint fact_changes_kind_check`.execute(db);
  await sql`alter table fact_changes add constraint fact_changes_kind_check check (kind in ('signature', 'ratification', 'statement'))`.execute(db);
  await db.schema.dropTable("letter_page_views").execute();
  await db.schema.dropTable("petition_page_views").execute();
}
