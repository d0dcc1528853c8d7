import type { Kysely, Transaction } from "kysely";
import type { Database, TrendingSource } from "../../../db/schema";
import { isDatabaseUnavailable } from "../../../db/unavailable";
import { signatureIdFromConfirmToken, signatureIdFromWithdrawToken } from "../../lib/links/signature-links.server";
import { logError } from "../../lib/safe-log.server";
import { recordCountChange } from "../campaign/counter.server";
import { newReferralCode } from "../campaign/referral-code.server";
import { enqueueMail } from "../mail/outbox.repo.server";
import { floodDomainOf } from "../mail/email-key";
import {
  lockSignatureById,
  lockSignatureForRepeat,
  noteConfirmationMailed,
  restartSignature,
  setSignaturePartner,
  setSignatureStatus,
  takeSignatureRepeats,
  type FirstSignature,
  type PetitionRow,
} from "./petition.repo.server";
import { writeSignature } from "./signature-writer.server";
import type { ValidSignature } from "./signature-form";
import { canConfirm, canWithdraw, confirmationExpired, counts, repeatSigningOutcome, statusOnConfirmation, suspicionOf, type TrendingRule } from "./signature-status";
import { decisionInForce, isDomainTrusted, lockTrendingSource, lockTrustedDomain } from "./trending.repo.server";
import { signatureAlreadySignedMail, signatureConfirmContent, signatureConfirmMail } from "./signature-mails.server";
import type { SigningConfig } from "./signing-config.server";
import { NO_PARTNER, partnerAfterRepeat, type PartnerConsent } from "../partner/partner-link";

export interface SignRequest {
  petition: PetitionRow;
  /** The petition's title in the signer's language, for the mail. */
  petitionTitle: string;
  signature: ValidSignature;
  lng: string;
  honeypotFilled: boolean;
  fillMs: number;
  ipHash: string;
  /** The partner whose link the form came through, and the person's box for it (none: `NO_PARTNER`). */
  partner?: PartnerConsent;
}

export interface SignContext {
  config: SigningConfig;
  now: Date;
}

/**
 * What the signer is shown next: the same whether or not the address had
 * signed before. The referral code is made for this request; a repeat never
 * sees the earlier signature's.
 */
export type SignResult = { kind: "signed"; referralCode: string } | { kind: "closed" } | { kind: "busy" };

/**
 * Stores a signature and queues its confirmation mail, in one SQL statement
 * (rate-limit counters, the row, the outbox row: all or nothing) shared with
 * the other signatures this process receives meanwhile (group commit,
 * `writeSignature`), so a surge costs one round trip per batch of people; the
 * answer comes only once the signature has committed. A repeat by the same
 * person (same email key) costs the same statement: it notes what was typed,
 * and the petition job (`processSignatureRepeats`) decides what to mail the
 * address's owner. The answer is the same, and comes as fast, either way.
 */
export async function signPetition(db: Kysely<Database>, req: SignRequest, ctx: SignContext): Promise<SignResult> {
  const signature: FirstSignature = {
    petitionId: req.petition.id,
    name: req.signature.name,
    email: req.signature.email,
    emailKey: req.signature.emailKey,
    countryCode: req.signature.countryCode,
    comment: req.signature.comment,
    showName: req.signature.showName,
    mailConsent: req.signature.mailConsent,
    language: req.lng,
    referralCode: newReferralCode(),
    referredBy: req.signature.referredBy,
    ipHash: req.ipHash,
    partner: req.partner ?? NO_PARTNER,
    knownSuspicion: suspicionOf({ honeypotFilled: req.honeypotFilled, fillMs: req.fillMs, minFillMs: ctx.config.minFillMs }),
    floodDomain: floodDomainOf(req.signature.emailKey),
    limits: { perMinute: ctx.config.perMinute, perHour: ctx.config.perHour, perDomainPerHour: ctx.config.perDomainPerHour },
    mail: signatureConfirmContent({ name: req.signature.name, petitionTitle: req.petitionTitle, confirmTtlMs: ctx.config.confirmTtlMs }),
  };
  const first = await writeSignature(db, signature, ctx.config.batchMax);
  if (first.kind === "closed" || first.kind === "busy") return first;
  return { kind: "signed", referralCode: first.referralCode };
}

/**
 * The petition job's part of a repeat: for each noted one, oldest first, the
 * owner of the address gets what fits the earlier signature (rate-limited by
 * `repeatSigningOutcome`): the confirmation again, a note that they had
 * already signed with their own share link, or a new start after a
 * withdrawal; a rejected or suspect signature gets nothing. Each in its own
 * transaction; one that fails for any reason but an unreachable database is
 * dropped (logged), so it cannot hold up the others. Returns how many were
 * taken (`limit` means more may wait).
 */
export async function processSignatureRepeats(db: Kysely<Database>, config: SigningConfig, now = new Date(), limit = 100): Promise<number> {
  let taken = 0;
  while (taken < limit) {
    let current: string | undefined;
    try {
      await db.transaction().execute(async (trx) => {
        const [repeat] = await takeSignatureRepeats(trx, 1);
        current = repeat?.id;
        if (repeat) await signAgain(trx, repeat, config, now);
      });
    } catch (error) {
      if (current === undefined || isDatabaseUnavailable(error)) throw error;
      logError("a repeated signature could not be handled and was dropped", error);
      await db.deleteFrom("signature_repeats").where("id", "=", current).execute();
    }
    if (current === undefined) break;
    taken++;
  }
  return taken;
}

type NotedRepeat = Awaited<ReturnType<typeof takeSignatureRepeats>>[number];

async function signAgain(trx: Transaction<Database>, repeat: NotedRepeat, config: SigningConfig, now: Date): Promise<void> {
  const existing = await lockSignatureForRepeat(trx, repeat.signature_id);
  if (!existing || existing.petition_status !== "live") return;
  const outcome = repeatSigningOutcome(
    {
      status: existing.status,
      confirmationSentAt: existing.confirmation_sent_at ? new Date(existing.confirmation_sent_at) : null,
      confirmationMails: existing.confirmation_mails,
    },
    now,
    config.resend,
  );
  const partner = partnerAfterRepeat(
    { partnerId: existing.partner_id, consent: existing.partner_consent },
    { partnerId: repeat.partner_id, consent: repeat.partner_consent },
    outcome.kind,
  );
  if (outcome.kind === "resend_confirmation" && (partner.partnerId !== existing.partner_id || partner.consent !== existing.partner_consent)) {
    await setSignaturePartner(trx, existing.id, partner);
  }
  const to = { signatureId: existing.id, email: existing.email, language: repeat.language, petitionTitle: repeat.petition_title };
  const confirm = (name: string, mailNumber: number) => enqueueMail(trx, signatureConfirmMail({ ...to, name, confirmTtlMs: config.confirmTtlMs, mailNumber }));
  switch (outcome.kind) {
    case "sign_again":
      await restartSignature(trx, existing.id, {
        name: repeat.name,
        email: repeat.email,
        countryCode: repeat.country_code,
        comment: repeat.comment,
        showName: repeat.show_name,
        mailConsent: repeat.mail_consent,
        language: repeat.language,
        referredBy: repeat.referred_by,
        ipHash: repeat.ip_hash ?? "",
        partner,
      });
      await confirm(repeat.name, existing.confirmation_mails + 1);
      break;
    case "resend_confirmation":
      await confirm(existing.name, await noteConfirmationMailed(trx, existing.id));
      break;
    case "notify_already_signed":
      // Their own share link comes in this mail, never in the answer to the form.
      await enqueueMail(
        trx,
        signatureAlreadySignedMail({ ...to, petitionSlug: existing.slug, referralCode: existing.referral_code, mailNumber: await noteConfirmationMailed(trx, existing.id) }),
      );
      break;
    case "nothing":
      break;
  }
}

export interface ConfirmContext {
  config: SigningConfig;
  secrets: readonly string[];
  now: Date;
}

/**
 * `referralCode` and `countryCode` (alpha-3) are the signature's own: a confirmed signer shares with the first, acts on the second.
 * `confirmed`: on the GET, it can be confirmed; after the POST, it was, and `held` says whether it waits for review instead of counting.
 * `held`: confirmed earlier and still held for review, with the source that made it trend (what the person is told).
 */
export type ConfirmOutcome =
  | { kind: "confirmed"; slug: string; referralCode: string; countryCode: string; held: boolean }
  | { kind: "already_confirmed"; slug: string; referralCode: string; countryCode: string }
  | { kind: "held"; slug: string; source: TrendingSource }
  | { kind: "withdrawn" | "expired" | "closed" | "rejected"; slug: string }
  | { kind: "invalid" };

/** What a confirm link would do, without doing it (the GET page). */
export async function inspectConfirmation(db: Kysely<Database>, token: string, ctx: ConfirmContext): Promise<ConfirmOutcome> {
  return confirmOrInspect(db, token, ctx, false);
}

/**
 * The POST behind the button: pending becomes confirmed once, and the count goes up by one; or,
 * for a trending signature that the organizers' rule holds (`statusOnConfirmation`), held: confirmed
 * by its signer, not counted until organizers release it.
 */
export async function confirmSignature(db: Kysely<Database>, token: string, ctx: ConfirmContext): Promise<ConfirmOutcome> {
  return confirmOrInspect(db, token, ctx, true);
}

async function confirmOrInspect(db: Kysely<Database>, token: string, ctx: ConfirmContext, apply: boolean): Promise<ConfirmOutcome> {
  const id = signatureIdFromConfirmToken(token, ctx.secrets);
  if (!id) return { kind: "invalid" };
  return db.transaction().execute(async (trx) => {
    const row = await lockSignatureById(trx, id);
    if (!row) return { kind: "invalid" };
    const slug = row.slug;
    const own = { slug, referralCode: row.referral_code, countryCode: row.country_code };
    if (row.status === "confirmed") return { kind: "already_confirmed", ...own };
    if (row.status === "held") return { kind: "held", slug, source: row.trending ?? "domain" };
    if (row.status === "withdrawn" || row.status === "rejected") return { kind: row.status, slug };
    if (!canConfirm(row.status)) return { kind: "invalid" };
    if (row.petition_status !== "live") return { kind: "closed", slug };
    const sentAt = row.confirmation_sent_at ? new Date(row.confirmation_sent_at) : null;
    if (confirmationExpired(sentAt, ctx.now, ctx.config.confirmTtlMs)) return { kind: "expired", slug };
    if (!apply) return { kind: "confirmed", ...own, held: false };
    const next = await statusOnConfirmationOf(trx, row, ctx.config.trendingRule);
    await setSignatureStatus(trx, row.id, next);
    if (counts(next)) await recordCountChange(trx, { kind: "signatures", id: row.petition_id, countryCode: row.country_code, signatureId: row.id }, 1);
    return { kind: "confirmed", ...own, held: next === "held" };
  });
}

/**
 * What a signature being confirmed becomes, under the locks an organizer's decision on its source
 * and an allow-listing of its domain take, so neither can slip between reading the rule and applying it.
 */
async function statusOnConfirmationOf(
  trx: Transaction<Database>,
  row: { petition_id: number; trending: TrendingSource | null; ip_hash: string | null; domain: string },
  defaultRule: TrendingRule,
): Promise<"confirmed" | "held"> {
  if (row.trending === null) return "confirmed";
  const source = { kind: row.trending, key: row.trending === "domain" ? row.domain : (row.ip_hash ?? "") };
  await lockTrustedDomain(trx, row.domain);
  await lockTrendingSource(trx, row.petition_id, source);
  const domainTrusted = await isDomainTrusted(trx, row.domain);
  const decision = await decisionInForce(trx, row.petition_id, source);
  return statusOnConfirmation({ trending: row.trending, domainTrusted, decision, defaultRule });
}

export type WithdrawOutcome = { kind: "can_withdraw" | "withdrawn" | "already_withdrawn"; slug: string } | { kind: "invalid" };

/** The "it wasn't me" link: GET inspects, POST withdraws; a counted signature stops counting. */
export async function withdrawSignature(db: Kysely<Database>, token: string, secrets: readonly string[], apply: boolean): Promise<WithdrawOutcome> {
  const id = signatureIdFromWithdrawToken(token, secrets);
  if (!id) return { kind: "invalid" };
  return db.transaction().execute(async (trx) => {
    const row = await lockSignatureById(trx, id);
    if (!row) return { kind: "invalid" };
    if (row.status === "withdrawn") return { kind: "already_withdrawn", slug: row.slug };
    if (!canWithdraw(row.status)) return { kind: "invalid" };
    if (!apply) return { kind: "can_withdraw", slug: row.slug };
    await setSignatureStatus(trx, row.id, "withdrawn");
    if (counts(row.status)) await recordCountChange(trx, { kind: "signatures", id: row.petition_id, countryCode: row.country_code, signatureId: row.id }, -1, "withdrawn");
    return { kind: "withdrawn", slug: row.slug };
  });
}
