import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // How many confirmed letters the organizers aim for; none is a campaign without a goal.
  await db.schema
    .alterTable("letter_campaigns")
    .addColumn("goal", "integer", (c) => c.check(sql`goal is null or goal between 1 and 100000000`))
    .execute();
  // The public page counts a campaign's confirmed letters: from the index alone.
  await db.schema.createIndex("letters_by_campaign").on("letters").columns(["campaign_id", "status"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("letters_by_campaign").execute();
  await db.schema.alterTable("letter_campaigns").dropColumn("goal").execute();
}
