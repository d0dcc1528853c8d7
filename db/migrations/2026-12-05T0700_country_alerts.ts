import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

const STATUSES = sql`('not_signed', 'not_joined', 'signed', 'domestic_approval_reported', 'party', 'in_force')`;

/**
 * Alerts to the followers of a country whose status moved (ADR 30). Every row of
 * `country_status_changes` gets its draft in the same transaction, from a trigger: the write path
 * of facts (module `country`) knows nothing of alerts, and no way of writing a change can miss one.
 * Whether a move is sent without review is a row per status moved to, read when the draft is made.
 * The outbox gets a priority, so confirmations and letters go before bulk mail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("alert_settings")
    .addColumn("to_status", "text", (c) => c.primaryKey().check(sql`to_status in ${STATUSES}`))
    // A confirmed move to this status goes out at once; a reported one always waits for review.
    .addColumn("send_without_review", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("changed_by", "text")
    .addColumn("changed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`insert into alert_settings (to_status, send_without_review)
    values ('not_signed', false), ('not_joined', false), ('signed', false), ('domestic_approval_reported', false), ('party', true), ('in_force', true)`.execute(db);

  await db.schema
    .createTable("alert_drafts")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("status_change_id", "bigint", (c) => c.notNull().unique().references("country_status_changes.id").onDelete("cascade"))
    // draft → sending → sent; draft → discarded.
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft").check(sql`status in ('draft', 'sending', 'sent', 'discarded')`))
    // Sent without review (the setting of the status moved to); no organizer decided.
    .addColumn("automatic", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("decided_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("decided_by_email", "text")
    .addColumn("decided_at", "timestamptz")
    // Enqueueing goes in batches by follow id: the last one enqueued, and how many mails so far.
    .addColumn("last_follow_id", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("enqueued", "integer", (c) => c.notNull().defaultTo(0).check(sql`enqueued >= 0`))
    .addColumn("finished_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("alert_drafts_decided", sql`(status = 'draft') = (decided_at is null)`)
    .addCheckConstraint("alert_drafts_who_decided", sql`automatic or status = 'draft' or decided_by_email is not null`)
    .addCheckConstraint("alert_drafts_automatic_sends", sql`not automatic or status in ('sending', 'sent')`)
    .addCheckConstraint("alert_drafts_sent_finished", sql`(status = 'sent') = (finished_at is not null)`)
    .execute();
  // The queue of the review page and the job that finishes sending.
  await db.schema.createIndex("alert_drafts_open").on("alert_drafts").columns(["status", "id"]).where(sql.ref("status"), "in", sql`('draft', 'sending')`).execute();

  await sql`
    create function alert_draft_for_status_change() returns trigger language plpgsql as $$
    begin
      insert into alert_drafts (status_change_id, status, automatic, decided_at)
      select new.id,
             case when auto then 'sending' else 'draft' end,
             auto,
             case when auto then now() end
      from (select new.from_status <> new.to_status
                   and coalesce((select s.send_without_review from alert_settings s where s.to_status = new.to_status), false) as auto) d;
      return null;
    end
    $$`.execute(db);
  await sql`create trigger country_status_changes_alert after insert on country_status_changes
    for each row execute function alert_draft_for_status_change()`.execute(db);
  // Changes recorded before alerts existed wait for review; none goes out by itself.
  await sql`insert into alert_drafts (status_change_id) select id from country_status_changes`.execute(db);

  // 0 goes first (confirmations, letters, sign-in), 1 after (alerts and other bulk mail).
  await db.schema
    .alterTable("outgoing_mails")
    .addColumn("priority", "smallint", (c) => c.notNull().defaultTo(0).check(sql`priority in (0, 1)`))
    .execute();
  await db.schema.dropIndex("outgoing_mails_due").execute();
  await db.schema
    .createIndex("outgoing_mails_due")
    .on("outgoing_mails")
    .columns(["priority", "next_attempt_at"])
    .where(sql.ref("status"), "in", sql`('queued', 'sending')`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("outgoing_mails_due").execute();
  await db.schema.alterTable("outgoing_mails").dropColumn("priority").execute();
  await db.schema
    .createIndex("outgoing_mails_due")
    .on("outgoing_mails")
    .columns(["next_attempt_at"])
    .where(sql.ref("status"), "in", sql`('queued', 'sending')`)
    .execute();
  await sql`drop trigger country_status_changes_alert on country_status_changes`.execute(db);
  await sql`drop function alert_draft_for_status_change()`.execute(db);
  await db.schema.dropTable("alert_drafts").execute();
  await db.schema.dropTable("alert_settings").execute();
}
