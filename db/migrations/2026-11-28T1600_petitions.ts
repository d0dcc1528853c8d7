import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

const SLUG = sql`~ '^[a-z0-9]+(-[a-z0-9]+)*$'`;
const LANGUAGE = sql`~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'`;
// No control characters except, where a field is multi-line, line breaks.
const SINGLE_LINE = sql`!~ '[[:cntrl:]]'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("petitions")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("slug", "text", (c) => c.notNull().unique().check(sql`slug ${SLUG} and length(slug) <= 80`))
    // The treaty the petition is about, if any: the next action after signing links to it.
    .addColumn("treaty_id", "integer", (c) => c.references("treaties.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft").check(sql`status in ('draft', 'live', 'closed')`))
    .addColumn("default_language", "text", (c) => c.notNull().check(sql`default_language ${LANGUAGE}`))
    .addColumn("goal", "integer", (c) => c.check(sql`goal > 0`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("opened_at", "timestamptz")
    .addColumn("closed_at", "timestamptz")
    .addCheckConstraint("petitions_live_has_opened_at", sql`status = 'draft' or opened_at is not null`)
    .addCheckConstraint("petitions_closed_has_closed_at", sql`status <> 'closed' or closed_at is not null`)
    .execute();

  await db.schema
    .createTable("petition_texts")
    .addColumn("petition_id", "integer", (c) => c.notNull().references("petitions.id").onDelete("cascade"))
    .addColumn("language", "text", (c) => c.notNull().check(sql`language ${LANGUAGE}`))
    .addColumn("title", "text", (c) => c.notNull().check(sql`length(title) between 1 and 200 and title ${SINGLE_LINE}`))
    // Organizer markdown, rendered with raw HTML disabled.
    .addColumn("body_markdown", "text", (c) => c.notNull().check(sql`length(body_markdown) between 1 and 20000`))
    .addColumn("addressed_to", "text", (c) => c.notNull().check(sql`length(addressed_to) between 1 and 300 and addressed_to ${SINGLE_LINE}`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("petition_texts_pk", ["petition_id", "language"])
    .execute();

  await db.schema
    .createTable("signatures")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("petition_id", "integer", (c) => c.notNull().references("petitions.id").onDelete("cascade"))
    // pending → confirmed → withdrawn; suspect and rejected never count (see app/modules/petition/signature-status.ts).
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('pending', 'confirmed', 'suspect', 'rejected', 'withdrawn')`),
    )
    .addColumn("name", "text", (c) => c.notNull().check(sql`length(name) between 1 and 100 and name ${SINGLE_LINE} and name !~ '[<>]'`))
    // As typed (trimmed, NFC): where mail goes.
    .addColumn("email", "text", (c) => c.notNull().check(sql`email ~ '^[^\\s@<>]+@[^\\s@<>]+$' and length(email) <= 254`))
    // Folded for the one-signature-per-person rule only (case, Gmail dots, +tags).
    .addColumn("email_key", "text", (c) => c.notNull().check(sql`email_key = lower(email_key)`))
    .addColumn("country_code", "char(3)", (c) => c.notNull().references("countries.code3"))
    .addColumn("comment", "text", (c) => c.check(sql`length(comment) between 1 and 1000 and comment !~ '[\\x01-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]'`))
    .addColumn("show_name", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("mail_consent", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("language", "text", (c) => c.notNull().check(sql`language ${LANGUAGE}`))
    .addColumn("referral_code", "text", (c) => c.notNull().unique().check(sql`referral_code ~ '^[A-Za-z0-9_-]{6,32}$'`))
    .addColumn("referred_by", "text", (c) => c.check(sql`referred_by ~ '^[A-Za-z0-9_-]{6,32}$'`))
    // A keyed hash of the client address (never the address itself), for rate limits and moderation.
    .addColumn("ip_hash", "text")
    .addColumn("suspect_reason", "text", (c) => c.check(sql`suspect_reason in ('honeypot', 'too_fast', 'rate_limited')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    // The last confirmation mail: the link expires a while after it.
    .addColumn("confirmation_sent_at", "timestamptz")
    .addColumn("confirmation_mails", "integer", (c) => c.notNull().defaultTo(0).check(sql`confirmation_mails >= 0`))
    .addColumn("confirmed_at", "timestamptz")
    .addColumn("withdrawn_at", "timestamptz")
    .addUniqueConstraint("signatures_one_per_person", ["petition_id", "email_key"])
    .addCheckConstraint("signatures_confirmed_has_time", sql`status <> 'confirmed' or confirmed_at is not null`)
    .addCheckConstraint("signatures_withdrawn_has_time", sql`status <> 'withdrawn' or withdrawn_at is not null`)
    .addCheckConstraint("signatures_suspect_has_reason", sql`status <> 'suspect' or suspect_reason is not null`)
    .execute();
  // Recent public signers on the petition page.
  await db.schema
    .createIndex("signatures_recent_public")
    .on("signatures")
    .columns(["petition_id", "confirmed_at desc"])
    .where(sql.ref("status"), "=", "confirmed")
    .execute();

  // Counters the pages read (one row each) instead of counting signatures.
  await db.schema
    .createTable("petition_counts")
    .addColumn("petition_id", "integer", (c) => c.primaryKey().references("petitions.id").onDelete("cascade"))
    .addColumn("confirmed", "bigint", (c) => c.notNull().defaultTo(0).check(sql`confirmed >= 0`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable("petition_country_counts")
    .addColumn("petition_id", "integer", (c) => c.notNull().references("petitions.id").onDelete("cascade"))
    .addColumn("country_code", "char(3)", (c) => c.notNull().references("countries.code3"))
    .addColumn("confirmed", "bigint", (c) => c.notNull().defaultTo(0).check(sql`confirmed >= 0`))
    .addPrimaryKeyConstraint("petition_country_counts_pk", ["petition_id", "country_code"])
    .execute();
  // Each confirm (+1) or withdrawal (-1) writes one row in its own transaction; the
  // counting job folds them into the counters and deletes them, so each counts once.
  await db.schema
    .createTable("signature_count_changes")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("petition_id", "integer", (c) => c.notNull().references("petitions.id").onDelete("cascade"))
    .addColumn("country_code", "char(3)", (c) => c.notNull().references("countries.code3"))
    .addColumn("delta", "smallint", (c) => c.notNull().check(sql`delta in (-1, 1)`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Fixed-window hit counters shared by every process (rate limits).
  await db.schema
    .createTable("rate_limit_hits")
    .addColumn("bucket", "text", (c) => c.notNull().check(sql`length(bucket) <= 200`))
    .addColumn("window_start", "timestamptz", (c) => c.notNull())
    .addColumn("hits", "integer", (c) => c.notNull().check(sql`hits > 0`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("rate_limit_hits_pk", ["bucket", "window_start"])
    .execute();
  await db.schema.createIndex("rate_limit_hits_expiry").on("rate_limit_hits").column("expires_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["rate_limit_hits", "signature_count_changes", "petition_country_counts", "petition_counts", "signatures", "petition_texts", "petitions"]) {
    await db.schema.dropTable(table).execute();
  }
}
