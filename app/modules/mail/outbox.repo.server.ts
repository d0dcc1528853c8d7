import { sql, type Kysely, type Selectable, type Transaction } from "kysely";
import type { Database, MailPriority, OutgoingMailsTable } from "../../../db/schema";
import type { MailIntent, MailIntents } from "../../../emails/intents";
import { addressLimitKey } from "./address-key.server";

type Db = Kysely<Database> | Transaction<Database>;
export type OutgoingMailRow = Selectable<OutgoingMailsTable>;

/** One outbox row to add: an intent with its data (`emails/intents.ts`), made by that mail's builder. */
export type NewMail<K extends MailIntent = MailIntent> = {
  [I in K]: {
    recipient: string;
    template: I;
    templateData: MailIntents[I];
    language: string;
    idempotencyKey: string;
    /** Replies go here instead of to us (a letter's sender). */
    replyTo?: string;
    /** Not before this (a follow-up days later); now by default. */
    notBefore?: Date;
    /** Bulk mail (1) waits behind confirmations and letters (0, the default). */
    priority?: MailPriority;
  };
}[K];

/** Who a mail goes to, in which language. */
export interface MailTo {
  email: string;
  language: string;
}

/**
 * An outbox row for `to`, of this intent with its data. Its idempotency key is
 * the intent and `once`, what makes this mail one of a kind (`letter-receipt:<letter id>`).
 */
export function outboxMail<K extends MailIntent>(template: K, to: MailTo, once: string, templateData: MailIntents[K]): NewMail<K> {
  return { recipient: to.email, template, language: to.language, idempotencyKey: `${template}:${once}`, templateData } as NewMail<K>;
}

/** The outbox row of a mail: due now unless it says when, priority 0 (first) unless it says otherwise. */
function outboxRow<K extends MailIntent>(mail: NewMail<K>) {
  return {
    recipient: mail.recipient,
    template: mail.template,
    template_data: mail.templateData,
    language: mail.language,
    idempotency_key: mail.idempotencyKey,
    reply_to: mail.replyTo ?? null,
    next_attempt_at: mail.notBefore ?? sql<Date>`now()`,
    priority: mail.priority ?? 0,
  };
}

/** Adds a mail to the outbox; the same idempotency key twice adds it once. */
export async function enqueueMail<K extends MailIntent>(db: Db, mail: NewMail<K>): Promise<{ enqueued: boolean }> {
  const row = await db
    .insertInto("outgoing_mails")
    .values(outboxRow(mail))
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  return { enqueued: row !== undefined };
}

/** Mails per insert statement: well under PostgreSQL's limit of parameters. */
const MAILS_PER_INSERT = 1000;

/** Adds many mails in a few statements (a job's batch); a key already in the outbox adds nothing. Returns how many were new. */
export async function enqueueMails(db: Db, mails: readonly NewMail[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < mails.length; i += MAILS_PER_INSERT) {
    const rows = await db
      .insertInto("outgoing_mails")
      .values(
        mails.slice(i, i + MAILS_PER_INSERT).map(outboxRow),
      )
      .onConflict((oc) => oc.column("idempotency_key").doNothing())
      .returning("id")
      .execute();
    added += rows.length;
  }
  return added;
}

/**
 * Takes up to `limit` due rows for this worker: queued ones whose time has
 * come, and rows left `sending` by a worker whose lease ran out. SKIP LOCKED
 * lets several workers claim side by side without waiting or double-claiming.
 * Priority first: confirmations and letters (0) go before alerts and other bulk mail (1).
 */
export async function claimDueMails(db: Db, limit: number, leaseMs: number, at?: Date, only?: { priority: MailPriority }): Promise<OutgoingMailRow[]> {
  if (limit <= 0) return [];
  // The database's clock by default, the same one that stamped the rows; tests pass their own time.
  const now = at ? sql<Date>`${at.toISOString()}::timestamptz` : sql<Date>`now()`;
  return db
    .updateTable("outgoing_mails")
    .set({ status: "sending", lease_expires_at: sql`${now} + ${`${leaseMs} milliseconds`}::interval`, attempts: sql`attempts + 1` })
    .where("id", "in", (eb) =>
      eb
        .selectFrom("outgoing_mails")
        .select("id")
        .where((w) =>
          w.or([
            w.and([w("status", "=", "queued"), w("next_attempt_at", "<=", now)]),
            w.and([w("status", "=", "sending"), w("lease_expires_at", "<", now)]),
          ]),
        )
        .$if(only !== undefined, (q) => q.where("priority", "=", only!.priority))
        .orderBy("priority")
        .orderBy("next_attempt_at")
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/**
 * The do-not-mail list holds keyed hashes of addresses (the key of signatures:
 * case, `+tags`, Gmail dots folded), written with the newest secret. An entry
 * written with an older secret still in the list (rotation) is found too, and
 * written again with the newest.
 */
function suppressionKeys(email: string, secrets: readonly string[]): string[] {
  return secrets.map((secret) => addressLimitKey(email, [secret]));
}

/** Which of these addresses are on the do-not-mail list (as given). */
export async function suppressedAmong(db: Db, recipients: string[], secrets: readonly string[]): Promise<Set<string>> {
  if (recipients.length === 0) return new Set();
  const keysOf = new Map(recipients.map((r) => [r, suppressionKeys(r, secrets)]));
  const rows = await db
    .selectFrom("mail_suppressions")
    .select(["address_key", "reason"])
    .where("address_key", "in", [...new Set([...keysOf.values()].flat())])
    .execute();
  const reasons = new Map(rows.map((r) => [r.address_key, r.reason]));
  const suppressed = new Set<string>();
  const rekeyed = new Map<string, MailSuppressionReason>();
  for (const [recipient, keys] of keysOf) {
    const found = keys.find((k) => reasons.has(k));
    if (!found) continue;
    suppressed.add(recipient);
    if (found !== keys[0]) rekeyed.set(keys[0]!, reasons.get(found)!);
  }
  if (rekeyed.size > 0) {
    await db
      .insertInto("mail_suppressions")
      .values([...rekeyed].map(([address_key, reason]) => ({ address_key, reason })))
      .onConflict((oc) => oc.column("address_key").doNothing())
      .execute();
  }
  return suppressed;
}

/** Whether one address is on the do-not-mail list, and why (a person's data export). */
export async function suppressionOf(db: Db, email: string, secrets: readonly string[]) {
  return db.selectFrom("mail_suppressions").select(["reason", "created_at"]).where("address_key", "in", suppressionKeys(email, secrets)).execute();
}

/**
 * Records the outcome of a send. The status rule lives in the WHERE: only a row
 * still `sending` moves on (to sent, queued, failed or suppressed); final rows never change.
 */
export async function recordOutcome(
  db: Db,
  id: string,
  outcome:
    | { status: "sent"; providerMessageId: string | null; at: Date }
    | { status: "queued"; nextAttemptAt: Date; error: string }
    | { status: "failed" | "suppressed"; error: string },
): Promise<void> {
  const base = db.updateTable("outgoing_mails").where("id", "=", id).where("status", "=", "sending");
  if (outcome.status === "sent") {
    await base.set({ status: "sent", sent_at: outcome.at, provider_message_id: outcome.providerMessageId, lease_expires_at: null }).execute();
  } else if (outcome.status === "queued") {
    await base.set({ status: "queued", next_attempt_at: outcome.nextAttemptAt, last_error: outcome.error, lease_expires_at: null }).execute();
  } else {
    await base.set({ status: outcome.status, last_error: outcome.error, lease_expires_at: null }).execute();
  }
}

export type MailSuppressionReason = "unsubscribed" | "bounced" | "complained";

/** Never mail this address again: its keyed hash goes on the list (idempotent). */
export async function suppressAddress(db: Db, email: string, reason: MailSuppressionReason, secrets: readonly string[]): Promise<void> {
  await db
    .insertInto("mail_suppressions")
    .values({ address_key: addressLimitKey(email, secrets), reason })
    .onConflict((oc) => oc.column("address_key").doNothing())
    .execute();
}

/** How many mails went to each of these domains in the last minute. */
export async function sentInLastMinuteByDomain(db: Db, domains: string[]): Promise<Map<string, number>> {
  if (domains.length === 0) return new Map();
  const domain = sql<string>`lower(split_part(recipient, '@', 2))`;
  const rows = await db
    .selectFrom("outgoing_mails")
    .select([domain.as("domain"), (eb) => eb.fn.countAll<string>().as("sent")])
    .where("status", "=", "sent")
    .where("sent_at", ">", sql<Date>`now() - interval '1 minute'`)
    .where(domain, "in", domains)
    .groupBy(domain)
    .execute();
  return new Map(rows.map((r) => [r.domain, Number(r.sent)]));
}

/** Bulk mail (priority 1) sent in the last minute, or being sent now, by every worker. */
export async function bulkSentInLastMinute(db: Db): Promise<number> {
  const row = await db
    .selectFrom("outgoing_mails")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("priority", "=", 1)
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "sent"), eb("sent_at", ">", sql<Date>`now() - interval '1 minute'`)]),
        eb.and([eb("status", "=", "sending"), eb("lease_expires_at", ">", sql<Date>`now()`)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Hands a claimed row back for later without counting the attempt (it was never tried). */
export async function deferClaimed(db: Db, id: string, seconds: number): Promise<void> {
  await db
    .updateTable("outgoing_mails")
    .set({
      status: "queued",
      attempts: sql`attempts - 1`,
      lease_expires_at: null,
      next_attempt_at: sql`now() + ${`${seconds} seconds`}::interval`,
    })
    .where("id", "=", id)
    .where("status", "=", "sending")
    .execute();
}

/**
 * The claimed rows as they are now, just before sending: a row erased since
 * it was claimed is gone (not sent), and one whose content changed (a digest
 * that lost an erased sender's letter) is sent as it now is.
 */
export async function stillClaimed(db: Db, ids: string[]): Promise<Map<string, Pick<OutgoingMailRow, "recipient" | "template_data" | "reply_to">>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("outgoing_mails")
    .select(["id", "recipient", "template_data", "reply_to"])
    .where("id", "in", ids)
    .where("status", "=", "sending")
    .execute();
  return new Map(rows.map(({ id, ...row }) => [id, row]));
}
