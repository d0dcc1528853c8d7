/**
 * A signer's receipt (docs/transparency.md, "Receipts"): shown on their confirm page once their
 * entry is in the petition's log, and mailed to them when it is appended.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { signatureIdFromConfirmToken } from "../../lib/links/signature-links.server";
import { enqueueMails, outboxMail } from "../mail/outbox.repo.server";
import { logOriginOf } from "../transparency/checkpoint";
import type { AppendedAdd, OnAppended } from "../transparency/log-append.server";
import { receiptOf } from "../transparency/log-read.service.server";
import { makeReceipt, type Receipt } from "../transparency/receipt";

/** A confirmed signature's receipt, or `preparing` while its add waits for the log job (seconds). */
export type SignatureReceipt = { status: "ready"; slug: string; receipt: Receipt } | { status: "preparing"; slug: string };

/**
 * The receipt a confirm link leads to: the same signed token as the confirm page. Null for a token
 * that is not a signature's, or a signature that does not count (pending, held, withdrawn, rejected).
 */
export async function receiptForConfirmToken(db: Kysely<Database>, token: string, ctx: { secrets: readonly string[]; siteOrigin: string }): Promise<SignatureReceipt | null> {
  const id = signatureIdFromConfirmToken(token, ctx.secrets);
  if (!id) return null;
  const row = await db
    .selectFrom("signatures as s")
    .innerJoin("petitions as p", "p.id", "s.petition_id")
    .select(["s.status", "p.slug", (eb) => eb.exists(eb.selectFrom("petition_log_queue as q").select("q.id").whereRef("q.petition_id", "=", "s.petition_id").whereRef("q.signature_id", "=", "s.id")).as("queued")])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!row || row.status !== "confirmed") return null;
  // A change still queued (a signature counted again after a removal) makes the latest appended add stale.
  const receipt = row.queued ? null : await receiptOf(db, id, ctx.siteOrigin);
  return receipt ? { status: "ready", slug: row.slug, receipt } : { status: "preparing", slug: row.slug };
}

type ReceiptRecipient = { id: string; email: string; language: string; uuid: string; slug: string; title: string; entry_index: string; secret: Uint8Array };

/**
 * The receipt mails of adds just appended, in the appending transaction: one per signature that
 * still counts (its latest add of the batch), none for one withdrawn, rejected or erased before
 * the append, nor for one counted before the log existed. Keyed by signature and entry, so the same add never mails twice. Bulk: they wait
 * behind confirmation mails in a surge.
 */
export async function enqueueReceiptMails(trx: Transaction<Database>, adds: readonly AppendedAdd[], siteOrigin: string): Promise<number> {
  const byPetition = new Map<number, number[]>();
  for (const add of adds.filter((a) => a.mailReceipt)) byPetition.set(add.petitionId, [...(byPetition.get(add.petitionId) ?? []), add.index]);
  let enqueued = 0;
  for (const [petitionId, indexes] of byPetition) {
    const { rows } = await sql<ReceiptRecipient>`
      select distinct on (s.id) s.id, s.email, s.language, s.uuid, p.slug, coalesce(own.title, def.title, p.slug) as title, e.entry_index, e.secret
      from petition_log_entries e
      join signatures s on s.id = e.signature_id and s.petition_id = e.petition_id
      join petitions p on p.id = e.petition_id
      left join petition_texts own on own.petition_id = p.id and own.language = s.language
      left join petition_texts def on def.petition_id = p.id and def.language = p.default_language
      where e.petition_id = ${petitionId} and e.kind = 'add' and e.entry_index in (${sql.join(indexes.map((i) => sql`${i}::bigint`))})
        and s.status = 'confirmed' and e.secret is not null
      order by s.id, e.entry_index desc`.execute(trx);
    const mails = rows.map((row) => {
      const receipt = makeReceipt(logOriginOf(siteOrigin, row.slug), Number(row.entry_index), String(row.uuid), new Uint8Array(row.secret));
      const signatureId = String(row.id);
      const mail = outboxMail("signature-receipt", row, `${signatureId}:${receipt.index}`, { signatureId, petitionTitle: row.title, petitionSlug: row.slug, receipt });
      return { ...mail, priority: 1 as const };
    });
    enqueued += await enqueueMails(trx, mails);
  }
  return enqueued;
}

/** The log job's `onAppended`: receipt mails for the adds of each appended batch. */
export function receiptMailsOnAppend(siteOrigin: string): OnAppended {
  return async (trx, adds) => {
    await enqueueReceiptMails(trx, adds, siteOrigin);
  };
}
