import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

const HTTP_URL = sql`~ '^https?://[^\\s]+$'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("countries")
    .addColumn("code3", "char(3)", (c) => c.primaryKey().check(sql`code3 ~ '^[A-Z]{3}$'`))
    .addColumn("code2", "char(2)", (c) => c.notNull().unique().check(sql`code2 ~ '^[A-Z]{2}$'`))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('member_state', 'observer_state', 'organization')`),
    )
    .addColumn("reference_name", "text", (c) => c.notNull().check(sql`length(reference_name) > 0`))
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("subregion", "text", (c) => c.notNull())
    .addColumn("un_regional_group", "text")
    .execute();

  await db.schema
    .createTable("treaties")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("slug", "text", (c) => c.notNull().unique().check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`))
    .addColumn("ratifications_for_entry_into_force", "integer", (c) =>
      c.notNull().check(sql`ratifications_for_entry_into_force > 0`),
    )
    .addColumn("adopted_on", "date")
    .addColumn("opened_for_signature_on", "date")
    .addColumn("source_url", "text", (c) => c.notNull().check(sql`source_url ${HTTP_URL}`))
    .execute();

  await db.schema
    .createTable("treaty_actions")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("treaty_id", "integer", (c) => c.notNull().references("treaties.id").onDelete("cascade"))
    .addColumn("country_code", "char(3)", (c) => c.notNull().references("countries.code3"))
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('signature', 'ratification')`))
    .addColumn("acted_on", "date")
    .addColumn("source_url", "text", (c) => c.notNull().check(sql`source_url ${HTTP_URL}`))
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("treaty_actions_one_per_country", ["treaty_id", "country_code", "action"])
    .execute();

  await db.schema
    .createTable("country_statements")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("treaty_id", "integer", (c) => c.notNull().references("treaties.id").onDelete("cascade"))
    .addColumn("country_code", "char(3)", (c) => c.notNull().references("countries.code3"))
    .addColumn("stated_on", "date")
    .addColumn("stance", "text", (c) =>
      c.notNull().check(sql`stance in ('supports', 'opposes', 'mixed', 'unknown')`),
    )
    .addColumn("summary", "text", (c) => c.notNull().check(sql`length(summary) > 0`))
    .addColumn("source_url", "text", (c) => c.notNull().check(sql`source_url ${HTTP_URL}`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("country_statements_one_per_source", ["treaty_id", "country_code", "source_url"])
    .execute();
  await db.schema.createIndex("country_statements_by_country").on("country_statements").column("country_code").execute();

  await db.schema
    .createTable("timeline_events")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("treaty_id", "integer", (c) => c.notNull().references("treaties.id").onDelete("cascade"))
    .addColumn("occurred_on", "date", (c) => c.notNull())
    .addColumn("event", "text", (c) => c.notNull().check(sql`length(event) > 0`))
    .addColumn("source_url", "text", (c) => c.notNull().check(sql`source_url ${HTTP_URL}`))
    .addUniqueConstraint("timeline_events_unique", ["treaty_id", "occurred_on", "event"])
    .execute();

  await db.schema
    .createTable("recorded_votes")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("treaty_id", "integer", (c) => c.notNull().references("treaties.id").onDelete("cascade"))
    .addColumn("reference", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("voted_on", "date", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("yes_count", "integer", (c) => c.notNull().check(sql`yes_count >= 0`))
    .addColumn("no_count", "integer", (c) => c.notNull().check(sql`no_count >= 0`))
    .addColumn("abstain_count", "integer", (c) => c.notNull().check(sql`abstain_count >= 0`))
    .addColumn("absent_count", "integer", (c) => c.check(sql`absent_count >= 0`))
    .addColumn("source_url", "text", (c) => c.notNull().check(sql`source_url ${HTTP_URL}`))
    .addUniqueConstraint("recorded_votes_unique_reference", ["treaty_id", "reference"])
    .execute();

  await db.schema
    .createTable("country_votes")
    .addColumn("recorded_vote_id", "integer", (c) => c.notNull().references("recorded_votes.id").onDelete("cascade"))
    .addColumn("country_code", "char(3)", (c) => c.notNull().references("countries.code3"))
    .addColumn("vote", "text", (c) => c.notNull().check(sql`vote in ('yes', 'no', 'abstain', 'absent')`))
    .addColumn("source_url", "text", (c) => c.notNull().check(sql`source_url ${HTTP_URL}`))
    .addPrimaryKeyConstraint("country_votes_pkey", ["recorded_vote_id", "country_code"])
    .execute();
  await db.schema.createIndex("country_votes_by_country").on("country_votes").column("country_code").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "country_votes",
    "recorded_votes",
    "timeline_events",
    "country_statements",
    "treaty_actions",
    "treaties",
    "countries",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
