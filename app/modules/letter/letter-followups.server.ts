import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { enqueueMail } from "../mail/outbox.repo.server";
import { letterFollowupMail } from "./letter-mails.server";
import { recipientsWithMails } from "./letter.repo.server";

/**
 * When a recipient's letter reached them: its own mail's or its digest's
 * sending time; null while it has not gone out.
 */
const deliveredAt = sql<Date | null>`coalesce(m.sent_at, dm.sent_at)`;

/**
 * Asks senders "did you get a reply?" once `afterMs` has passed since their
 * letter was delivered: every recipient's mail is done (sent, or failed for
 * good) and at least one was sent that long ago. One mail per letter, ever.
 * Returns how many were queued.
 */
export async function queueDueFollowups(db: Kysely<Database>, now: Date, afterMs: number, batch = 500): Promise<number> {
  const cutoff = new Date(now.getTime() - afterMs);
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("letters as l")
      .select(["l.id", "l.sender_email", "l.language", "l.subject"])
      .where("l.status", "=", "confirmed")
      .where("l.followup_queued_at", "is", null)
      .where("l.confirmed_at", "<", cutoff)
      .where(({ exists, not, selectFrom }) =>
        not(
          exists(
            selectFrom("letter_recipients as r")
              .leftJoin("outgoing_mails as m", "m.id", "r.outgoing_mail_id")
              .leftJoin("letter_digests as d", "d.id", "r.digest_id")
              .leftJoin("outgoing_mails as dm", "dm.id", "d.outgoing_mail_id")
              .select(sql`1`.as("one"))
              .whereRef("r.letter_id", "=", "l.id")
              // Still on its way: waiting for a digest, or its mail not yet finished.
              .where(sql<boolean>`(coalesce(m.status, dm.status, 'waiting') in ('waiting', 'queued', 'sending') or ${deliveredAt} >= ${cutoff.toISOString()}::timestamptz)`),
          ),
        ),
      )
      .forUpdate("l")
      .skipLocked()
      .limit(batch)
      .execute();
    for (const letter of due) {
      const delivered = await recipientsWithMails(trx)
        .select(["t.name", "t.role"])
        .where("r.letter_id", "=", letter.id)
        .where(deliveredAt, "is not", null)
        .orderBy("t.name")
        .execute();
      if (delivered.length > 0) {
        const targets = delivered.map((t) => `${t.name}, ${t.role}`);
        await enqueueMail(trx, letterFollowupMail({ letterId: letter.id, email: letter.sender_email, language: letter.language, subject: letter.subject, targets }));
      }
      // Marked either way: a letter none of whose mails went out is not asked about again.
      await trx.updateTable("letters").set({ followup_queued_at: now }).where("id", "=", letter.id).execute();
    }
    return due.length;
  });
}

/** Unconfirmed letters past their link's life are expired: they can no longer be sent. */
export async function expireUnconfirmedLetters(db: Kysely<Database>, now: Date, confirmTtlMs: number): Promise<number> {
  const result = await db
    .updateTable("letters")
    .set({ status: "expired" })
    .where("status", "=", "pending")
    .where("created_at", "<", new Date(now.getTime() - confirmTtlMs))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
