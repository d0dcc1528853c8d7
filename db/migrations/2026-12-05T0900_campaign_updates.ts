import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

const LANGUAGES = sql`('en', 'fr', 'es', 'ar', 'ru', 'zh')`;

/**
 * Updates to the people of a campaign (ADR 32): news an organizer writes to the consenting
 * signers of a petition, the letter writers of a letter campaign who consented, or the confirmed
 * followers of a country. Enqueued in batches by the id of the person's row (the watermark), each
 * batch a short transaction; the outbox's unique idempotency key (update and person) adds nothing
 * twice. Letters get the consent box signatures already have.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("letters")
    .addColumn("mail_consent", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();

  await db.schema
    .createTable("campaign_updates")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("petition_id", "integer", (c) => c.references("petitions.id").onDelete("cascade"))
    .addColumn("letter_campaign_id", "integer", (c) => c.references("letter_campaigns.id").onDelete("cascade"))
    // signers: confirmed signatures with consent; writers: confirmed letters with consent; followers: confirmed follows of a country.
    .addColumn("audience", "text", (c) => c.notNull().check(sql`audience in ('signers', 'writers', 'followers')`))
    .addColumn("filter_country", "char(3)", (c) => c.references("countries.code3"))
    .addColumn("filter_language", "text", (c) => c.check(sql`filter_language in ${LANGUAGES}`))
    .addColumn("filter_since", "timestamptz")
    .addColumn("default_language", "text", (c) => c.notNull().check(sql`default_language in ${LANGUAGES}`))
    // draft → scheduled → sending → sent; draft/scheduled/sending → cancelled.
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status in ('draft', 'scheduled', 'sending', 'sent', 'cancelled')`),
    )
    .addColumn("public", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("send_at", "timestamptz")
    .addColumn("created_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("created_by_email", "text", (c) => c.notNull())
    .addColumn("sent_by_email", "text")
    .addColumn("started_at", "timestamptz")
    .addColumn("finished_at", "timestamptz")
    .addColumn("cancelled_at", "timestamptz")
    // Enqueueing goes in batches by the id of the person's row: the last one done, and mails added so far.
    .addColumn("last_person_id", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("enqueued", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`enqueued >= 0`),
    )
    // People who stopped this campaign's news (or all mail) from this update's link.
    .addColumn("unsubscribed", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`unsubscribed >= 0`),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("campaign_updates_one_campaign", sql`num_nonnulls(petition_id, letter_campaign_id) = 1`)
    .addCheckConstraint(
      "campaign_updates_audience_fits",
      sql`(audience <> 'signers' or petition_id is not null) and (audience <> 'writers' or letter_campaign_id is not null) and (audience <> 'followers' or filter_country is not null)`,
    )
    .addCheckConstraint("campaign_updates_scheduled_has_time", sql`status <> 'scheduled' or send_at is not null`)
    .addCheckConstraint("campaign_updates_started", sql`status not in ('sending', 'sent') or (started_at is not null and sent_by_email is not null)`)
    .addCheckConstraint("campaign_updates_sent_finished", sql`(status = 'sent') = (finished_at is not null)`)
    .addCheckConstraint("campaign_updates_cancelled_time", sql`(status = 'cancelled') = (cancelled_at is not null)`)
    .execute();
  await db.schema.createIndex("campaign_updates_by_petition").on("campaign_updates").columns(["petition_id", "id"]).execute();
  await db.schema.createIndex("campaign_updates_by_letter_campaign").on("campaign_updates").columns(["letter_campaign_id", "id"]).execute();
  // The job: updates due or being sent.
  await sql`create index campaign_updates_open on campaign_updates (status, send_at) where status in ('scheduled', 'sending')`.execute(db);

  await db.schema
    .createTable("campaign_update_texts")
    .addColumn("update_id", "bigint", (c) => c.notNull().references("campaign_updates.id").onDelete("cascade"))
    .addColumn("language", "text", (c) => c.notNull().check(sql`language in ${LANGUAGES}`))
    .addColumn("subject", "text", (c) => c.notNull().check(sql`length(subject) between 1 and 200`))
    .addColumn("body_markdown", "text", (c) => c.notNull().check(sql`length(body_markdown) between 1 and 20000`))
    .addPrimaryKeyConstraint("campaign_update_texts_pk", ["update_id", "language"])
    .execute();

  // The audiences, read in id order from the watermark.
  await sql`create index signatures_update_audience on signatures (petition_id, id) where status = 'confirmed' and mail_consent`.execute(db);
  await sql`create index letters_update_audience on letters (campaign_id, id) where status = 'confirmed' and mail_consent`.execute(db);
  // The bulk sending rate: bulk mail sent in the last minute, and bulk mail being sent now.
  await sql`create index outgoing_mails_bulk_sent on outgoing_mails (sent_at) where priority = 1 and status = 'sent'`.execute(db);
  await sql`create index outgoing_mails_bulk_sending on outgoing_mails (lease_expires_at) where priority = 1 and status = 'sending'`.execute(db);
  // An update's mails: its figures, and taking back the unsent ones on cancel.
  await sql`create index outgoing_mails_campaign_update on outgoing_mails (((template_data ->> 'updateId')::bigint), status) where template = 'campaign-update'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index outgoing_mails_campaign_update`.execute(db);
  await sql`drop index outgoing_mails_bulk_sent`.execute(db);
  await sql`drop index outgoing_mails_bulk_sending`.execute(db);
  await sql`drop index letters_update_audience`.execute(db);
  await sql`drop index signatures_update_audience`.execute(db);
  await db.schema.dropTable("campaign_update_texts").execute();
  await db.schema.dropTable("campaign_updates").execute();
  await db.schema.alterTable("letters").dropColumn("mail_consent").execute();
}
