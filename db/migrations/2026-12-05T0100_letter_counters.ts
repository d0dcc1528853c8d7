import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Confirmed letters per campaign, counted as signatures are: the page reads one row.
  await db.schema
    .createTable("letter_counts")
    .addColumn("campaign_id", "integer", (c) => c.primaryKey().references("letter_campaigns.id").onDelete("cascade"))
    .addColumn("confirmed", "bigint", (c) => c.notNull().defaultTo(0).check(sql`confirmed >= 0`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Each confirmation (+1) or erasure of a confirmed letter (-1) writes one row in its own
  // transaction; the counting job folds them into the counters and deletes them.
  await db.schema
    .createTable("letter_count_changes")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("letter_campaigns.id").onDelete("cascade"))
    .addColumn("delta", "smallint", (c) => c.notNull().check(sql`delta in (-1, 1)`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The letters confirmed so far.
  await sql`
    insert into letter_counts (campaign_id, confirmed)
    select campaign_id, count(*) from letters where status = 'confirmed' group by campaign_id
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("letter_count_changes").execute();
  await db.schema.dropTable("letter_counts").execute();
}
