import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { emailKey } from "../petition/email-key";
import { recordAudit } from "./audit.repo.server";

const DAY_MS = 86_400_000;

export interface RetentionPolicy {
  /** Signatures never confirmed (pending, suspect, rejected) and letters never sent are deleted after this. */
  unconfirmedDays: number;
  /** Signatures of a closed petition keep only country and dates after this (RETENTION_AFTER_CLOSE_DAYS). */
  anonymizeAfterCloseDays: number;
}

/**
 * Deletes what no longer needs to be kept and anonymizes what only needs to
 * be counted. Counts do not change: confirmed signatures stay (without the
 * person), unconfirmed ones never counted. Run by the periodic jobs.
 */
export async function applyRetention(db: Kysely<Database>, now: Date, policy: RetentionPolicy) {
  const unconfirmedBefore = new Date(now.getTime() - policy.unconfirmedDays * DAY_MS);
  const closedBefore = new Date(now.getTime() - policy.anonymizeAfterCloseDays * DAY_MS);
  const signatures = await db
    .deleteFrom("signatures")
    .where("status", "in", ["pending", "suspect", "rejected"])
    .where("created_at", "<", unconfirmedBefore)
    .executeTakeFirst();
  const letters = await db.deleteFrom("letters").where("status", "in", ["pending", "expired"]).where("created_at", "<", unconfirmedBefore).executeTakeFirst();
  const anonymized = await db
    .updateTable("signatures")
    .set({
      // The address becomes unique per row at a domain that cannot receive mail (RFC 2606).
      name: "—",
      email: sql`'anonymized-' || id || '@erased.invalid'`,
      email_key: sql`'anonymized-' || id || '@erased.invalid'`,
      comment: null,
      ip_hash: null,
      show_name: false,
      mail_consent: false,
    })
    .where("petition_id", "in", (eb) => eb.selectFrom("petitions").select("petitions.id").where("petitions.status", "=", "closed").where("petitions.closed_at", "<", closedBefore))
    .where("email_key", "not like", "anonymized-%@erased.invalid")
    .executeTakeFirst();
  return { deletedSignatures: Number(signatures.numDeletedRows), deletedLetters: Number(letters.numDeletedRows), anonymizedSignatures: Number(anonymized.numUpdatedRows) };
}

/** How an address is found: as typed (case-folded) and by the key signatures are unique on. */
function addressesOf(email: string) {
  const lower = email.trim().toLowerCase();
  return { lower, key: emailKey(email) };
}

/** Everything stored about one address, for the person who asked (a data-subject request). */
export async function exportPersonData(db: Kysely<Database>, email: string, actor: { id: number; email: string }) {
  const { lower, key } = addressesOf(email);
  const signatures = await db
    .selectFrom("signatures as s")
    .innerJoin("petitions as p", "p.id", "s.petition_id")
    .select(["p.slug as petition", "s.status", "s.name", "s.email", "s.country_code", "s.comment", "s.show_name", "s.mail_consent", "s.language", "s.created_at", "s.confirmed_at", "s.withdrawn_at"])
    .where((eb) => eb.or([eb("s.email_key", "=", key), eb(sql<string>`lower(s.email)`, "=", lower)]))
    .execute();
  const letters = await db
    .selectFrom("letters as l")
    .innerJoin("letter_campaigns as c", "c.id", "l.campaign_id")
    .select(["c.slug as campaign", "l.status", "l.sender_name", "l.sender_email", "l.sender_city", "l.subject", "l.body", "l.personal_paragraph", "l.created_at", "l.confirmed_at"])
    .where(sql<string>`lower(l.sender_email)`, "=", lower)
    .execute();
  const mails = await db.selectFrom("outgoing_mails").select(["template", "status", "created_at", "sent_at"]).where(sql<string>`lower(recipient)`, "=", lower).execute();
  const suppressed = await db.selectFrom("mail_suppressions").select(["reason", "created_at"]).where(sql<string>`lower(email)`, "=", lower).execute();
  await recordAudit(db, { actor, action: "person.export", subject: fingerprintOf(lower) });
  return { email: lower, signatures, letters, mails, doNotMail: suppressed };
}

/** The audit log names the person only by a hash: it must not keep what erasure removed. */
const fingerprintOf = (lower: string) => `sha256:${createHash("sha256").update(lower).digest("hex").slice(0, 16)}`;

/**
 * Erases one person across the tables, in one transaction: signatures
 * (confirmed ones come off the counts), letters, and mail to them. Their
 * do-not-mail entry stays, so they are never mailed again.
 */
export async function erasePerson(db: Kysely<Database>, email: string, actor: { id: number; email: string }) {
  const { lower, key } = addressesOf(email);
  return db.transaction().execute(async (trx) => {
    const signatures = await trx
      .deleteFrom("signatures")
      .where((eb) => eb.or([eb("email_key", "=", key), eb(sql<string>`lower(email)`, "=", lower)]))
      .returning(["petition_id", "country_code", "status"])
      .execute();
    const counted = signatures.filter((s) => s.status === "confirmed");
    if (counted.length > 0) {
      await trx
        .insertInto("signature_count_changes")
        .values(counted.map((s) => ({ petition_id: s.petition_id, country_code: s.country_code, delta: -1 as const })))
        .execute();
    }
    const letters = await trx.deleteFrom("letters").where(sql<string>`lower(sender_email)`, "=", lower).executeTakeFirst();
    const mails = await trx.deleteFrom("outgoing_mails").where(sql<string>`lower(recipient)`, "=", lower).executeTakeFirst();
    const erased = { signatures: signatures.length, letters: Number(letters.numDeletedRows), mails: Number(mails.numDeletedRows) };
    await recordAudit(trx, { actor, action: "person.erase", subject: fingerprintOf(lower), details: erased });
    return erased;
  });
}
