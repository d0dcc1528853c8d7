import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import { touchPeople, touchPerson } from "../people/people.repo.server";
import type { Database } from "../../../db/schema";
import { enqueueMail } from "../mail/outbox.repo.server";
import { recordCountChange, recordCountChanges } from "../campaign/counter.server";
import { petitionTexts, setSignatureStatus } from "./petition.repo.server";
import { pickText } from "../campaign/campaign-text";
import { signatureConfirmMail } from "./signature-mails.server";
import type { SigningConfig } from "./signing-config.server";
import { recordAudit } from "../audit/audit.repo.server";
import type { BulkFilter } from "./moderation";
import { BULK_STATUSES, moderationEffect, type ModerationDecision } from "./signature-status";

type Actor = { id: number; email: string };

async function petitionOf(db: Kysely<Database>, slug: string) {
  return db.selectFrom("petitions").select(["id", "slug", "default_language"]).where("slug", "=", slug).executeTakeFirst();
}

/**
 * Signatures held back, newest first: suspects (what made them suspect) and trending
 * signatures their signers confirmed but the rule holds for review (which source made
 * them trend); no addresses shown, only their domain.
 */
export async function suspectSignatures(db: Kysely<Database>, slug: string, limit = 200) {
  const petition = await petitionOf(db, slug);
  if (!petition) return null;
  const rows = await db
    .selectFrom("signatures")
    .select(["id", "name", "country_code", "status", "suspect_reason", "trending", "ip_hash", "created_at", sql<string>`split_part(email_key, '@', 2)`.as("domain")])
    .where("petition_id", "=", petition.id)
    .where("status", "in", ["suspect", "held"])
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString() }));
}

/** `counted`: a held signature was released and now counts. */
export type DecisionOutcome = "done" | "counted" | "not_found" | "not_applicable";

/** One signature: release a suspect (it gets its confirmation mail) or a held one (it counts), or reject; audited, one transaction. */
export async function decideSignature(
  db: Kysely<Database>,
  input: { slug: string; signatureId: string; decision: ModerationDecision; actor: Actor },
  signing: Pick<SigningConfig, "confirmTtlMs">,
): Promise<DecisionOutcome> {
  const petition = await petitionOf(db, input.slug);
  if (!petition || !/^\d{1,18}$/u.test(input.signatureId)) return "not_found";
  return db.transaction().execute(async (trx) => {
    const signature = await trx
      .selectFrom("signatures")
      .select(["id", "status", "email", "email_key", "name", "language", "country_code"])
      .where("id", "=", input.signatureId)
      .where("petition_id", "=", petition.id)
      .forUpdate()
      .executeTakeFirst();
    if (!signature) return "not_found";
    const effect = moderationEffect(signature.status, input.decision);
    if (!effect) return "not_applicable";
    if (effect.countDelta === 1) {
      // A held signature released: confirmed as its signer did, `signature.confirmed` now that it counts.
      await setSignatureStatus(trx, signature.id, effect.next);
    } else {
      await trx
        .updateTable("signatures")
        .set({ status: effect.next, suspect_reason: null, ...(effect.sendConfirmation ? { confirmation_sent_at: sql<Date>`now()`, confirmation_mails: sql`confirmation_mails + 1` } : {}) })
        .where("id", "=", signature.id)
        .execute();
    }
    if (effect.countDelta !== 0) await recordCountChange(trx, { kind: "signatures", id: petition.id, countryCode: signature.country_code, signatureId: signature.id }, effect.countDelta, "invalidated:moderation");
    if (signature.status === "confirmed") await touchPerson(trx, signature.email_key);
    if (effect.sendConfirmation) {
      const title = pickText(await petitionTexts(trx, petition.id), signature.language, petition.default_language)?.text.title ?? petition.slug;
      await enqueueMail(
        trx,
        signatureConfirmMail({
          signatureId: signature.id,
          email: signature.email,
          language: signature.language,
          name: signature.name,
          petitionTitle: title,
          confirmTtlMs: signing.confirmTtlMs,
          mailNumber: "released",
        }),
      );
    }
    await recordAudit(trx, {
      actor: input.actor,
      action: `signature.${input.decision}`,
      subject: `${petition.slug}#${signature.id}`,
      details: { before: signature.status, after: effect.next },
    });
    return effect.countDelta === 1 ? "counted" : "done";
  });
}

function matching<O>(query: SelectQueryBuilder<Database, "signatures", O>, petitionId: number, filter: BulkFilter) {
  let q = query.where("petition_id", "=", petitionId).where("status", "in", BULK_STATUSES);
  if (filter.ipHash) q = q.where("ip_hash", "=", filter.ipHash);
  if (filter.emailDomain) q = q.where(sql<string>`split_part(email_key, '@', 2)`, "=", filter.emailDomain);
  if (filter.country) q = q.where("country_code", "=", filter.country);
  if (filter.from) q = q.where("created_at", ">=", new Date(`${filter.from}T00:00:00Z`));
  if (filter.to) q = q.where("created_at", "<", new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000));
  return q;
}

/** How many signatures a bulk rejection would touch, by status: shown before anything is done. */
export async function previewBulkRejection(db: Kysely<Database>, slug: string, filter: BulkFilter) {
  const petition = await petitionOf(db, slug);
  if (!petition) return null;
  const rows = await matching(db.selectFrom("signatures").select(["status", sql<string>`count(*)`.as("n")]), petition.id, filter).groupBy("status").execute();
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<Record<string, number>>;
  return { total: rows.reduce((sum, r) => sum + Number(r.n), 0), confirmed: byStatus.confirmed ?? 0, pending: byStatus.pending ?? 0, held: byStatus.held ?? 0, suspect: byStatus.suspect ?? 0 };
}

export type BulkOutcome = { kind: "rejected"; count: number } | { kind: "changed"; total: number } | { kind: "not_found" };

/**
 * Rejects every matching signature in one transaction, taking the confirmed
 * ones off the counts. Only if the number is still the one the organizer was
 * shown: signatures that arrived since are not swept up unseen.
 */
export async function rejectInBulk(db: Kysely<Database>, input: { slug: string; filter: BulkFilter; expected: number; actor: Actor }): Promise<BulkOutcome> {
  const petition = await petitionOf(db, input.slug);
  if (!petition) return { kind: "not_found" };
  return db.transaction().execute(async (trx) => {
    const targets = await matching(trx.selectFrom("signatures").select(["id", "status", "country_code", "email_key"]), petition.id, input.filter).forUpdate().execute();
    if (targets.length !== input.expected) return { kind: "changed", total: targets.length };
    const ids = targets.map((t) => t.id);
    for (let i = 0; i < ids.length; i += 5000) {
      await trx.updateTable("signatures").set({ status: "rejected" }).where("id", "in", ids.slice(i, i + 5000)).execute();
    }
    const confirmed = targets.filter((t) => t.status === "confirmed");
    await recordCountChanges(trx, confirmed.map((t) => ({ kind: "signatures", id: petition.id, countryCode: t.country_code, signatureId: t.id })), -1, "invalidated:moderation");
    await touchPeople(trx, confirmed.map((t) => t.email_key));
    await recordAudit(trx, {
      actor: input.actor,
      action: "signature.reject_bulk",
      subject: petition.slug,
      details: { filter: input.filter, rejected: targets.length, confirmed: confirmed.length },
    });
    return { kind: "rejected", count: targets.length };
  });
}
