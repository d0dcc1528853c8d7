import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // What a letter is, for spotting identical ones; and whether its sender was asked about replies.
  await db.schema
    .alterTable("letters")
    .addColumn("fingerprint", "text", (c) => c.check(sql`fingerprint ~ '^[0-9a-f]{64}$'`))
    .addColumn("followup_queued_at", "timestamptz")
    .execute();
  await db.schema.createIndex("letters_by_fingerprint").on("letters").columns(["fingerprint"]).execute();
  await db.schema.createIndex("letters_by_country").on("letters").columns(["country_code", "status"]).execute();
  await db.schema.createIndex("letters_pending_by_age").on("letters").column("created_at").where(sql.ref("status"), "=", "pending").execute();

  // One mail per target per day, listing everyone who wrote (digest mode, over the cap, or folded).
  await db.schema
    .createTable("letter_digests")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("letter_campaigns.id").onDelete("cascade"))
    .addColumn("target_id", "integer", (c) => c.notNull().references("targets.id"))
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("letters", "integer", (c) => c.notNull().check(sql`letters > 0`))
    .addColumn("outgoing_mail_id", "bigint", (c) => c.references("outgoing_mails.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("letter_digests_one_per_target_per_day", ["campaign_id", "target_id", "day"])
    .execute();

  await db.schema
    .alterTable("letter_recipients")
    .addColumn("route", "text", (c) => c.notNull().defaultTo("individual").check(sql`route in ('individual', 'digest')`))
    .addColumn("digest_id", "bigint", (c) => c.references("letter_digests.id").onDelete("set null"))
    // The sender's answer to "did you get a reply?", per person written to.
    .addColumn("reply", "text", (c) => c.check(sql`reply in ('yes', 'no', 'not_yet')`))
    .addColumn("replied_at", "timestamptz")
    .execute();
  await sql`alter table letter_recipients add constraint letter_recipients_digest_route check (digest_id is null or route = 'digest')`.execute(db);
  await sql`alter table letter_recipients add constraint letter_recipients_reply_has_time check ((reply is null) = (replied_at is null))`.execute(db);
  // Reply rates per target and country (country pages) read recipients by target.
  await db.schema.createIndex("letter_recipients_by_target").on("letter_recipients").column("target_id").execute();
  await db.schema.createIndex("letter_recipients_awaiting_digest").on("letter_recipients").column("target_id").where(sql<boolean>`route = 'digest' and digest_id is null`).execute();

  // Letters to one target per campaign per day: the daily cap reads and bumps one row.
  await db.schema
    .createTable("letter_target_days")
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("letter_campaigns.id").onDelete("cascade"))
    .addColumn("target_id", "integer", (c) => c.notNull().references("targets.id").onDelete("cascade"))
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("letters", "integer", (c) => c.notNull().check(sql`letters >= 0`))
    .addPrimaryKeyConstraint("letter_target_days_pk", ["campaign_id", "target_id", "day"])
    .execute();

  // Aggregate counters, no personal data: people who wanted to write but found no target,
  // and letters opened in the sender's own mail app (mailto), per country and day.
  await db.schema
    .createTable("letter_campaign_events")
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("letter_campaigns.id").onDelete("cascade"))
    .addColumn("country_code", "char(3)", (c) => c.notNull().references("countries.code3"))
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('no_targets', 'mailto_opened')`))
    .addColumn("count", "integer", (c) => c.notNull().check(sql`count >= 0`))
    .addPrimaryKeyConstraint("letter_campaign_events_pk", ["campaign_id", "country_code", "day", "kind"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("letter_campaign_events").execute();
  await db.schema.dropTable("letter_target_days").execute();
  await db.schema.dropIndex("letter_recipients_awaiting_digest").execute();
  await db.schema.dropIndex("letter_recipients_by_target").execute();
  await db.schema
    .alterTable("letter_recipients")
    .dropConstraint("letter_recipients_digest_route")
    .execute();
  await db.schema.alterTable("letter_recipients").dropConstraint("letter_recipients_reply_has_time").execute();
  for (const column of ["route", "digest_id", "reply", "replied_at"]) await db.schema.alterTable("letter_recipients").dropColumn(column).execute();
  await db.schema.dropTable("letter_digests").execute();
  await db.schema.dropIndex("letters_pending_by_age").execute();
  await db.schema.dropIndex("letters_by_country").execute();
  await db.schema.dropIndex("letters_by_fingerprint").execute();
  await db.schema.alterTable("letters").dropColumn("fingerprint").dropColumn("followup_queued_at").execute();
}
