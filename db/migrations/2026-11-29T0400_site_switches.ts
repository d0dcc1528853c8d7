import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Switches organizers flip for the whole site, read by every process (surge mode).
  await db.schema
    .createTable("site_switches")
    .addColumn("name", "text", (c) => c.primaryKey().check(sql`name in ('surge')`))
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("changed_by", "text", (c) => c.notNull())
    .addColumn("changed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("site_switches_surge_value", sql`name <> 'surge' or value in ('auto', 'on', 'off')`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("site_switches").execute();
}
