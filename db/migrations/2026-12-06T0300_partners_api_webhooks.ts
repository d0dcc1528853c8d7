import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

const EMAIL = sql`~ '^[^\\s@<>A-Z]+@[^\\s@<>A-Z]+$'`;
const WEB_URL = sql`~ '^https?://[^\\s]+$'`;
/** The scopes an API key may carry (app/modules/api/api-scopes.ts says what each allows). */
const SCOPES = sql`array['read:campaigns', 'read:people', 'write:signatures', 'manage:webhooks']::text[]`;
/** The events a webhook may subscribe to (app/modules/webhooks/webhook-events.ts). */
const EVENTS = sql`array['signature.confirmed', 'signature.withdrawn', 'letter.sent', 'country.status_changed', 'update.sent']::text[]`;

/** Tables whose rows an API client syncs by `modified_date`: each gets `modified_at`, kept by a trigger. */
const SYNCED = ["signatures", "letters", "petitions", "letter_campaigns"] as const;

/**
 * Coalitions and interop: partner organizations and their separate consent,
 * API keys, the people an API lists, and webhooks delivered through a queue.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // An organization that runs campaigns with others under its own name.
  await db.schema
    .createTable("partners")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("code", "text", (c) => c.notNull().unique().check(sql`code ~ '^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$'`))
    .addColumn("name", "text", (c) => c.notNull().check(sql`length(name) between 1 and 120`))
    .addColumn("website_url", "text", (c) => c.notNull().check(sql`website_url ${WEB_URL} and length(website_url) <= 500`))
    .addColumn("privacy_url", "text", (c) => c.notNull().check(sql`privacy_url ${WEB_URL} and length(privacy_url) <= 500`))
    .addColumn("contact_email", "text", (c) => c.notNull().check(sql`contact_email ${EMAIL} and length(contact_email) <= 254`))
    // The logo as we serve it: always a PNG we drew ourselves from what was uploaded (never the upload).
    .addColumn("logo_png", "bytea")
    .addColumn("logo_updated_at", "timestamptz")
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("partners_logo_size", sql`logo_png is null or octet_length(logo_png) <= 1048576`)
    .execute();

  // Which partners run a campaign (a petition or a letter campaign, exactly one).
  await db.schema
    .createTable("campaign_partners")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("petition_id", "integer", (c) => c.references("petitions.id").onDelete("cascade"))
    .addColumn("letter_campaign_id", "integer", (c) => c.references("letter_campaigns.id").onDelete("cascade"))
    .addColumn("partner_id", "integer", (c) => c.notNull().references("partners.id").onDelete("cascade"))
    // Whether the campaign page shows how many came through this partner.
    .addColumn("show_count", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("added_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("campaign_partners_one_campaign", sql`(petition_id is null) <> (letter_campaign_id is null)`)
    .addUniqueConstraint("campaign_partners_petition_once", ["petition_id", "partner_id"])
    .addUniqueConstraint("campaign_partners_letter_once", ["letter_campaign_id", "partner_id"])
    .execute();
  await db.schema.createIndex("campaign_partners_by_partner").on("campaign_partners").column("partner_id").execute();

  // Every row a client syncs has a public id (`treatywatch:<uuid>`) and a modification time.
  // `modified_at` is the modifying transaction's start (now()): the API lists only rows older
  // than every transaction still running, so a sync by modified_date never skips a late commit.
  await sql`create function touch_modified_at() returns trigger language plpgsql as $$
    begin
      new.modified_at := now();
      return new;
    end
  $$`.execute(db);
  for (const table of SYNCED) {
    await db.schema
      .alterTable(table)
      .addColumn("uuid", "uuid", (c) => c.notNull().unique().defaultTo(sql`gen_random_uuid()`))
      .addColumn("modified_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await sql`create trigger ${sql.id(`${table}_touch_modified_at`)} before update on ${sql.table(table)} for each row execute function touch_modified_at()`.execute(db);
  }
  // Rows from before: modified when last changed as far as we know.
  await sql`update signatures set modified_at = greatest(created_at, coalesce(confirmed_at, created_at), coalesce(withdrawn_at, created_at))`.execute(db);
  await sql`update letters set modified_at = greatest(created_at, coalesce(confirmed_at, created_at))`.execute(db);
  await sql`update petitions set modified_at = greatest(created_at, coalesce(opened_at, created_at), coalesce(closed_at, created_at))`.execute(db);
  await sql`update letter_campaigns set modified_at = greatest(created_at, coalesce(opened_at, created_at), coalesce(closed_at, created_at))`.execute(db);
  await db.schema.createIndex("signatures_by_petition_modified").on("signatures").columns(["petition_id", "modified_at", "id"]).execute();
  await db.schema.createIndex("letters_by_campaign_modified").on("letters").columns(["campaign_id", "modified_at", "id"]).execute();

  // Which partner brought a signature or a letter, and whether the person agreed that partner may
  // contact them. Consent to one partner is never consent to another: it is this row's, for this partner.
  for (const table of ["signatures", "letters", "signature_repeats"] as const) {
    await db.schema
      .alterTable(table)
      .addColumn("partner_id", "integer", (c) => c.references("partners.id"))
      .addColumn("partner_consent", "boolean", (c) => c.notNull().defaultTo(false))
      .execute();
    await db.schema.alterTable(table).addCheckConstraint(`${table}_partner_consent_names_partner`, sql`not partner_consent or partner_id is not null`).execute();
  }
  await sql`create index signatures_by_partner on signatures (partner_id, modified_at, id) where partner_id is not null`.execute(db);
  await sql`create index letters_by_partner on letters (partner_id, modified_at, id) where partner_id is not null`.execute(db);

  // A person as the API lists them: one per mailbox (the email key) with a confirmed signature or
  // a sent letter. Their name, address and country are read from those rows, not copied here.
  await db.schema
    .createTable("people")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("email_key", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("modified_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create trigger people_touch_modified_at before update on people for each row execute function touch_modified_at()`.execute(db);
  await db.schema.createIndex("people_by_modified").on("people").columns(["modified_at", "id"]).execute();

  // Organizer accounts of a partner: role `partner`, scoped to exactly one partner.
  await sql`alter table organizers drop constraint if exists organizers_role_check`.execute(db);
  await db.schema
    .alterTable("organizers")
    .addColumn("partner_id", "integer", (c) => c.references("partners.id").onDelete("cascade"))
    .execute();
  await db.schema.alterTable("organizers").addCheckConstraint("organizers_role_known", sql`role in ('admin', 'organizer', 'viewer', 'partner')`).execute();
  await db.schema.alterTable("organizers").addCheckConstraint("organizers_partner_role_has_partner", sql`(role = 'partner') = (partner_id is not null)`).execute();

  // API keys: only a SHA-256 of the key is kept; the key is shown once.
  await db.schema
    .createTable("api_keys")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("label", "text", (c) => c.notNull().check(sql`length(label) between 1 and 100`))
    .addColumn("key_hash", "text", (c) => c.notNull().unique().check(sql`key_hash ~ '^[0-9a-f]{64}$'`))
    // The key's last four characters, so a person can tell their keys apart.
    .addColumn("key_hint", "text", (c) => c.notNull().check(sql`length(key_hint) = 4`))
    .addColumn("partner_id", "integer", (c) => c.references("partners.id").onDelete("cascade"))
    .addColumn("scopes", sql`text[]`, (c) => c.notNull().check(sql`cardinality(scopes) > 0 and scopes <@ ${SCOPES}`))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .execute();

  // A webhook subscription. The secret signs deliveries, so it must be kept readable: it is
  // stored encrypted with a key derived from the deployment's secret (never in the clear).
  await db.schema
    .createTable("webhook_subscriptions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("url", "text", (c) => c.notNull().check(sql`url ${WEB_URL} and length(url) <= 2000`))
    .addColumn("events", sql`text[]`, (c) => c.notNull().check(sql`cardinality(events) > 0 and events <@ ${EVENTS}`))
    .addColumn("partner_id", "integer", (c) => c.references("partners.id").onDelete("cascade"))
    .addColumn("secret_sealed", "text", (c) => c.notNull())
    // Who is told when deliveries keep failing and the subscription is switched off.
    .addColumn("owner_email", "text", (c) => c.notNull().check(sql`owner_email ${EMAIL} and length(owner_email) <= 254`))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("api_key_id", "uuid", (c) => c.references("api_keys.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("failing_since", "timestamptz")
    .addColumn("consecutive_failures", "integer", (c) => c.notNull().defaultTo(0).check(sql`consecutive_failures >= 0`))
    .addColumn("disabled_at", "timestamptz")
    .addColumn("disabled_reason", "text")
    .addColumn("deleted_at", "timestamptz")
    .execute();

  // What happened, written in the transaction of the action itself (the outbox pattern);
  // turned into one delivery per matching subscription by the webhook worker.
  await db.schema
    .createTable("webhook_events")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("event", "text", (c) => c.notNull().check(sql`array[event] <@ ${EVENTS}`))
    // The facts the body is built from (ids, statuses); personal data is read when fanning out.
    .addColumn("data", "jsonb", (c) => c.notNull())
    // Whose action this is (null: a public event) and the partner they consented to, if any.
    .addColumn("email_key", "text")
    .addColumn("partner_id", "integer", (c) => c.references("partners.id").onDelete("set null"))
    .addColumn("partner_consent", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("fanned_out_at", "timestamptz")
    .execute();
  await sql`create index webhook_events_waiting on webhook_events (id) where fanned_out_at is null`.execute(db);

  // One event for one subscription: the id is the X-TreatyWatch-Delivery header, the same on
  // every retry; the body is built once and kept, so every retry sends the same bytes.
  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("subscription_id", "uuid", (c) => c.notNull().references("webhook_subscriptions.id").onDelete("cascade"))
    .addColumn("event_id", "bigint", (c) => c.references("webhook_events.id").onDelete("set null"))
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    // The person the body is about (erasure deletes their deliveries); null for a public event.
    .addColumn("email_key", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("queued").check(sql`status in ('queued', 'sending', 'delivered', 'failed')`))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0).check(sql`attempts >= 0`))
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("lease_expires_at", "timestamptz")
    .addColumn("last_status_code", "integer")
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("finished_at", "timestamptz")
    .addUniqueConstraint("webhook_deliveries_one_per_event", ["subscription_id", "event_id"])
    .execute();
  await sql`create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status in ('queued', 'sending')`.execute(db);
  await db.schema.createIndex("webhook_deliveries_by_subscription").on("webhook_deliveries").columns(["subscription_id", "created_at"]).execute();
  await sql`create index webhook_deliveries_by_person on webhook_deliveries (email_key) where email_key is not null`.execute(db);

  // The delivery log: every attempt, with what the receiver answered.
  await db.schema
    .createTable("webhook_attempts")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("delivery_id", "uuid", (c) => c.notNull().references("webhook_deliveries.id").onDelete("cascade"))
    .addColumn("attempt", "integer", (c) => c.notNull().check(sql`attempt >= 1`))
    .addColumn("started_at", "timestamptz", (c) => c.notNull())
    .addColumn("duration_ms", "integer", (c) => c.notNull().check(sql`duration_ms >= 0`))
    .addColumn("status_code", "integer")
    .addColumn("error", "text")
    .execute();
  await db.schema.createIndex("webhook_attempts_by_delivery").on("webhook_attempts").columns(["delivery_id", "attempt"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["webhook_attempts", "webhook_deliveries", "webhook_events", "webhook_subscriptions", "api_keys"]) await db.schema.dropTable(table).execute();
  await db.schema.alterTable("organizers").dropConstraint("organizers_partner_role_has_partner").execute();
  await db.schema.alterTable("organizers").dropConstraint("organizers_role_known").execute();
  await db.schema.alterTable("organizers").dropColumn("partner_id").execute();
  await sql`alter table organizers add constraint organizers_role_check check (role in ('admin', 'organizer', 'viewer'))`.execute(db);
  await db.schema.dropTable("people").execute();
  for (const table of ["signatures", "letters", "signature_repeats"] as const) {
    await db.schema.alterTable(table).dropColumn("partner_consent").dropColumn("partner_id").execute();
  }
  for (const table of SYNCED) {
    await sql`drop trigger ${sql.id(`${table}_touch_modified_at`)} on ${sql.table(table)}`.execute(db);
    await db.schema.alterTable(table).dropColumn("modified_at").dropColumn("uuid").execute();
  }
  await sql`drop function touch_modified_at()`.execute(db);
  await db.schema.dropTable("campaign_partners").execute();
  await db.schema.dropTable("partners").execute();
}
