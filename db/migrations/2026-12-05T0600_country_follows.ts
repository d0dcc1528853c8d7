import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

const LANGUAGE = sql`~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'`;

/**
 * People who asked to hear when a country's position on a treaty changes. The address is kept
 * as signatures keep it: as typed (trimmed, NFC) where mail goes, and its key (case, `+tags`,
 * Gmail dots folded) for "one follow per person and country". Unsubscribing from everything is
 * the do-not-mail list (`mail_suppressions`), which every mail already passes through.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("country_follows")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("treaty_id", "integer", (c) => c.notNull().references("treaties.id").onDelete("cascade"))
    .addColumn("country_code", "char(3)", (c) => c.notNull().references("countries.code3"))
    .addColumn("email", "text", (c) => c.notNull().check(sql`email ~ '^[^\\s@<>]+@[^\\s@<>]+$' and length(email) <= 254`))
    .addColumn("email_key", "text", (c) => c.notNull().check(sql`email_key = lower(email_key) and length(email_key) <= 254`))
    .addColumn("language", "text", (c) => c.notNull().check(sql`language ${LANGUAGE}`))
    // pending → confirmed → unsubscribed; pending → unsubscribed ("it was not me").
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending', 'confirmed', 'unsubscribed')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    // The last confirmation mail: the link expires a while after it, and repeats are paced by it.
    .addColumn("confirmation_sent_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("confirmation_mails", "integer", (c) => c.notNull().defaultTo(1).check(sql`confirmation_mails >= 0`))
    .addColumn("confirmed_at", "timestamptz")
    .addColumn("unsubscribed_at", "timestamptz")
    .addCheckConstraint("country_follows_confirmed_has_time", sql`status <> 'confirmed' or confirmed_at is not null`)
    .addCheckConstraint("country_follows_unsubscribed_has_time", sql`status <> 'unsubscribed' or unsubscribed_at is not null`)
    .addCheckConstraint("country_follows_pending_not_done", sql`status <> 'pending' or (confirmed_at is null and unsubscribed_at is null)`)
    .execute();
  // One active follow per person and country; an unsubscribed one leaves room for a new start.
  await sql`create unique index country_follows_one_active on country_follows (treaty_id, country_code, email_key) where status <> 'unsubscribed'`.execute(db);
  // The followers of a country, for the alerts; a person's follows, for "unsubscribe from all".
  await sql`create index country_follows_confirmed on country_follows (treaty_id, country_code, id) where status = 'confirmed'`.execute(db);
  await db.schema.createIndex("country_follows_by_person").on("country_follows").column("email_key").execute();
  // Retention: pending ones never confirmed go after a while, with their mails (found by followId).
  await sql`create index country_follows_pending_age on country_follows (created_at) where status = 'pending'`.execute(db);
  await sql`create index outgoing_mails_about_follow on outgoing_mails ((template_data->>'followId')) where template_data ? 'followId'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists outgoing_mails_about_follow`.execute(db);
  await sql`delete from outgoing_mails where template in ('follow-confirm', 'follow-already')`.execute(db);
  await db.schema.dropTable("country_follows").execute();
}
