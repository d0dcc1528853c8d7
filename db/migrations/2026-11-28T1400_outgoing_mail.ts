import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("outgoing_mails")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("recipient", "text", (c) => c.notNull().check(sql`recipient ~ '^[^\\s@<>]+@[^\\s@<>]+$' and length(recipient) <= 254`))
    .addColumn("template", "text", (c) => c.notNull().check(sql`template ~ '^[a-z][a-z0-9-]*$'`))
    .addColumn("template_data", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("language", "text", (c) => c.notNull())
    // Enqueueing the same mail twice (same key) is a no-op.
    .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("queued").check(sql`status in ('queued', 'sending', 'sent', 'failed', 'suppressed')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0).check(sql`attempts >= 0`))
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    // While `sending`, the worker that claimed the row owns it until this time; after it, the row is retried.
    .addColumn("lease_expires_at", "timestamptz")
    .addColumn("last_error", "text")
    .addColumn("provider_message_id", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("sent_at", "timestamptz")
    .addCheckConstraint("outgoing_mails_sending_has_lease", sql`status <> 'sending' or lease_expires_at is not null`)
    .addCheckConstraint("outgoing_mails_sent_has_time", sql`status <> 'sent' or sent_at is not null`)
    .execute();
  // The worker's claim: due rows by time, only among those still to send.
  await db.schema
    .createIndex("outgoing_mails_due")
    .on("outgoing_mails")
    .columns(["next_attempt_at"])
    .where(sql.ref("status"), "in", sql`('queued', 'sending')`)
    .execute();

  // The per-domain send budget counts what was sent in the last minute.
  await db.schema
    .createIndex("outgoing_mails_recently_sent")
    .on("outgoing_mails")
    .columns(["sent_at"])
    .where(sql.ref("status"), "=", "sent")
    .execute();

  await db.schema
    .createTable("mail_suppressions")
    .addColumn("email", "text", (c) => c.primaryKey().check(sql`email = lower(email)`))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`reason in ('unsubscribed', 'bounced', 'complained')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("mail_suppressions").execute();
  await db.schema.dropTable("outgoing_mails").execute();
}
