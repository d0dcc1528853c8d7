import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

const SLUG = sql`~ '^[a-z0-9]+(-[a-z0-9]+)*$'`;
const LANGUAGE = sql`~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'`;
const EMAIL = sql`~ '^[^\\s@<>]+@[^\\s@<>]+$'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("letter_campaigns")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("slug", "text", (c) => c.notNull().unique().check(sql`slug ${SLUG} and length(slug) <= 80`))
    .addColumn("treaty_id", "integer", (c) => c.references("treaties.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft").check(sql`status in ('draft', 'live', 'closed')`))
    .addColumn("default_language", "text", (c) => c.notNull().check(sql`default_language ${LANGUAGE}`))
    // individual: one mail per letter with Reply-To the sender; digest: one mail per target per day.
    .addColumn("delivery_mode", "text", (c) => c.notNull().defaultTo("individual").check(sql`delivery_mode in ('individual', 'digest')`))
    .addColumn("daily_cap_per_target", "integer", (c) => c.notNull().defaultTo(50).check(sql`daily_cap_per_target > 0`))
    .addColumn("min_personal_chars", "integer", (c) => c.notNull().defaultTo(40).check(sql`min_personal_chars between 0 and 2000`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("opened_at", "timestamptz")
    .addColumn("closed_at", "timestamptz")
    .addCheckConstraint("letter_campaigns_live_has_opened_at", sql`status = 'draft' or opened_at is not null`)
    .execute();

  await db.schema
    .createTable("letter_campaign_texts")
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("letter_campaigns.id").onDelete("cascade"))
    .addColumn("language", "text", (c) => c.notNull().check(sql`language ${LANGUAGE}`))
    .addColumn("title", "text", (c) => c.notNull().check(sql`length(title) between 1 and 200 and title !~ '[[:cntrl:]]'`))
    .addColumn("intro", "text", (c) => c.notNull().check(sql`length(intro) between 1 and 5000`))
    // Subject lines senders choose from (and may edit): a JSON array of one-line strings.
    .addColumn("subject_variants", "jsonb", (c) => c.notNull().check(sql`jsonb_typeof(subject_variants) = 'array' and jsonb_array_length(subject_variants) > 0`))
    .addColumn("body_template", "text", (c) => c.notNull().check(sql`length(body_template) between 1 and 10000`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("letter_campaign_texts_pk", ["campaign_id", "language"])
    .execute();

  await db.schema
    .createTable("letter_campaign_targets")
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("letter_campaigns.id").onDelete("cascade"))
    .addColumn("target_id", "integer", (c) => c.notNull().references("targets.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("letter_campaign_targets_pk", ["campaign_id", "target_id"])
    .execute();

  await db.schema
    .createTable("letters")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("letter_campaigns.id").onDelete("cascade"))
    .addColumn("country_code", "char(3)", (c) => c.notNull().references("countries.code3"))
    .addColumn("language", "text", (c) => c.notNull().check(sql`language ${LANGUAGE}`))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending', 'confirmed', 'expired')`))
    .addColumn("sender_name", "text", (c) => c.notNull().check(sql`length(sender_name) between 1 and 100 and sender_name !~ '[[:cntrl:]<>]'`))
    .addColumn("sender_email", "text", (c) => c.notNull().check(sql`sender_email ${EMAIL} and length(sender_email) <= 254`))
    .addColumn("sender_city", "text", (c) => c.check(sql`length(sender_city) between 1 and 100 and sender_city !~ '[[:cntrl:]<>]'`))
    .addColumn("subject", "text", (c) => c.notNull().check(sql`length(subject) between 1 and 200 and subject !~ '[[:cntrl:]]'`))
    // The body as the sender left it (merge fields for the target still in it), and their own paragraph.
    .addColumn("body", "text", (c) => c.notNull().check(sql`length(body) between 1 and 10000`))
    .addColumn("personal_paragraph", "text", (c) => c.notNull().check(sql`length(personal_paragraph) between 1 and 3000`))
    .addColumn("ip_hash", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("confirmed_at", "timestamptz")
    .addCheckConstraint("letters_confirmed_has_time", sql`status <> 'confirmed' or confirmed_at is not null`)
    .execute();
  await db.schema.createIndex("letters_by_sender").on("letters").columns(["sender_email", "created_at"]).execute();

  // Who a letter goes to, and what became of it: the outbox row per target.
  await db.schema
    .createTable("letter_recipients")
    .addColumn("letter_id", "bigint", (c) => c.notNull().references("letters.id").onDelete("cascade"))
    .addColumn("target_id", "integer", (c) => c.notNull().references("targets.id"))
    .addColumn("outgoing_mail_id", "bigint", (c) => c.references("outgoing_mails.id").onDelete("set null"))
    .addPrimaryKeyConstraint("letter_recipients_pk", ["letter_id", "target_id"])
    .execute();

  // Letters answer to their sender: the platform sends, the target replies to the person.
  await db.schema
    .alterTable("outgoing_mails")
    .addColumn("reply_to", "text", (c) => c.check(sql`reply_to ${EMAIL} and length(reply_to) <= 254`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("outgoing_mails").dropColumn("reply_to").execute();
  for (const table of ["letter_recipients", "letters", "letter_campaign_targets", "letter_campaign_texts", "letter_campaigns"]) {
    await db.schema.dropTable(table).execute();
  }
}
