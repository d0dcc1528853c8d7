import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

const LANGUAGE = sql`~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'`;

/**
 * What a campaign asks of a country, by where the country stands: a heading, a short text and,
 * for a letter campaign, the letter's body template, per language. A row belongs to exactly one
 * petition or one letter campaign and goes with it. Organizers write for four groups of statuses:
 * `not_signed` (has not signed or joined), `signed` (signed, domestic approval reported or not),
 * `party` and `in_force` (a party for which the treaty is in force).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("campaign_asks")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("petition_id", "integer", (c) => c.references("petitions.id").onDelete("cascade"))
    .addColumn("letter_campaign_id", "integer", (c) => c.references("letter_campaigns.id").onDelete("cascade"))
    .addColumn("status_group", "text", (c) => c.notNull().check(sql`status_group in ('not_signed', 'signed', 'party', 'in_force')`))
    .addColumn("language", "text", (c) => c.notNull().check(sql`language ${LANGUAGE}`))
    .addColumn("heading", "text", (c) => c.notNull().check(sql`length(heading) between 1 and 160 and heading !~ '[[:cntrl:]]'`))
    .addColumn("body", "text", (c) => c.notNull().check(sql`length(body) between 1 and 1000`))
    // Only letter campaigns: the body template for writers from a country with this status.
    .addColumn("letter_template", "text", (c) => c.check(sql`length(letter_template) between 1 and 10000`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("campaign_asks_one_campaign", sql`num_nonnulls(petition_id, letter_campaign_id) = 1`)
    .addCheckConstraint("campaign_asks_template_for_letters", sql`letter_template is null or letter_campaign_id is not null`)
    // A NULL owner never collides, so each kind has its own "one per status and language".
    .addUniqueConstraint("campaign_asks_petition_unique", ["petition_id", "status_group", "language"])
    .addUniqueConstraint("campaign_asks_letter_unique", ["letter_campaign_id", "status_group", "language"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("campaign_asks").execute();
}
