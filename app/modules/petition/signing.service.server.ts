import { randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database, SuspectReason } from "../../../db/schema";
import { enqueueMail } from "../mail/outbox.repo.server";
import { floodDomainOf } from "./email-key";
import {
  insertFirstSignature,
  lockSignatureById,
  lockSignatureByKey,
  noteConfirmationMailed,
  recordCountChange,
  restartSignature,
  setSignatureStatus,
  type PetitionRow,
} from "./petition.repo.server";
import { signatureIdFromConfirmToken, signatureIdFromWithdrawToken } from "./signature-links.server";
import type { ValidSignature } from "./signature-form";
import { canConfirm, canWithdraw, confirmationExpired, repeatSigningOutcome, suspicionOf } from "./signature-status";
import type { SigningConfig } from "./signing-config.server";

export interface SignRequest {
  petition: PetitionRow;
  /** The petition's title in the signer's language, for the mail. */
  petitionTitle: string;
  signature: ValidSignature;
  lng: string;
  honeypotFilled: boolean;
  fillMs: number;
  ipHash: string;
}

export interface SignContext {
  config: SigningConfig;
  now: Date;
}

/** What the signer is shown next; the same whether or not the address had signed before. */
export type SignResult = { kind: "signed"; referralCode: string } | { kind: "closed" };

const newReferralCode = () => randomBytes(6).toString("base64url");

/**
 * Stores a signature and queues its confirmation mail. A first signature is one
 * SQL statement (rate-limit counters, the row, the outbox row: all or nothing),
 * so a surge costs one round trip per person. A repeat by the same person (same
 * email key) changes nothing visible: the unique constraint keeps one row, and
 * at most a rate-limited mail goes out.
 */
export async function signPetition(db: Kysely<Database>, req: SignRequest, ctx: SignContext): Promise<SignResult> {
  const first = await insertFirstSignature(db, {
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
    knownSuspicion: suspicionOf({ honeypotFilled: req.honeypotFilled, fillMs: req.fillMs, minFillMs: ctx.config.minFillMs, overRateLimit: false }),
    floodDomain: floodDomainOf(req.signature.emailKey),
    limits: { perMinute: ctx.config.perMinute, perHour: ctx.config.perHour, perDomainPerHour: ctx.config.perDomainPerHour },
    mail: { petitionTitle: req.petitionTitle, linkDays: Math.round(ctx.config.confirmTtlMs / 86_400_000) },
  });
  if (first.kind === "closed") return first;
  if (first.kind === "inserted") return { kind: "signed", referralCode: first.referralCode };
  // This person had signed before: the rare path, in a transaction of its own.
  return { kind: "signed", referralCode: await signAgain(db, req, ctx, first.suspectReason) };
}

async function signAgain(db: Kysely<Database>, req: SignRequest, ctx: SignContext, suspectReason: SuspectReason | null): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const existing = await lockSignatureByKey(trx, req.petition.id, req.signature.emailKey);
    // An automated-looking repeat changes nothing and sends nothing.
    if (suspectReason) return existing.referral_code;
    const outcome = repeatSigningOutcome(
      {
        status: existing.status,
        confirmationSentAt: existing.confirmation_sent_at ? new Date(existing.confirmation_sent_at) : null,
        confirmationMails: existing.confirmation_mails,
      },
      ctx.now,
      ctx.config.resend,
    );
    const mailData = { signatureId: existing.id, petitionTitle: req.petitionTitle };
    switch (outcome.kind) {
      case "sign_again":
        await restartSignature(trx, existing.id, { ...req.signature, language: req.lng, ipHash: req.ipHash });
        await enqueueSignatureMail(trx, "signature-confirm", existing.email, req, existing.confirmation_mails + 1, { ...mailData, name: req.signature.name, linkDays: Math.round(ctx.config.confirmTtlMs / 86_400_000) });
        break;
      case "resend_confirmation":
        await enqueueSignatureMail(trx, "signature-confirm", existing.email, req, await noteConfirmationMailed(trx, existing.id), { ...mailData, name: existing.name, linkDays: Math.round(ctx.config.confirmTtlMs / 86_400_000) });
        break;
      case "notify_already_signed":
        await enqueueSignatureMail(trx, "signature-already-signed", existing.email, req, await noteConfirmationMailed(trx, existing.id), { ...mailData, petitionSlug: req.petition.slug });
        break;
      case "nothing":
        break;
    }
    return existing.referral_code;
  });
}

function enqueueSignatureMail(
  trx: Transaction<Database>,
  template: "signature-confirm" | "signature-already-signed",
  recipient: string,
  req: SignRequest,
  mailNumber: number,
  templateData: Record<string, unknown> & { signatureId: string },
) {
  return enqueueMail(trx, {
    recipient,
    template,
    language: req.lng,
    idempotencyKey: `${template}:${templateData.signatureId}:${mailNumber}`,
    templateData,
  });
}

export interface ConfirmContext {
  config: SigningConfig;
  secrets: readonly string[];
  now: Date;
}

export type ConfirmOutcome =
  | { kind: "confirmed" | "already_confirmed" | "withdrawn" | "expired" | "closed"; slug: string }
  | { kind: "invalid" };

/** What a confirm link would do, without doing it (the GET page). */
export async function inspectConfirmation(db: Kysely<Database>, token: string, ctx: ConfirmContext): Promise<ConfirmOutcome> {
  return confirmOrInspect(db, token, ctx, false);
}

/** The POST behind the button: pending becomes confirmed once, and the count goes up by one. */
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
    if (row.status === "confirmed") return { kind: "already_confirmed", slug };
    if (row.status === "withdrawn") return { kind: "withdrawn", slug };
    if (!canConfirm(row.status)) return { kind: "invalid" };
    if (row.petition_status !== "live") return { kind: "closed", slug };
    const sentAt = row.confirmation_sent_at ? new Date(row.confirmation_sent_at) : null;
    if (confirmationExpired(sentAt, ctx.now, ctx.config.confirmTtlMs)) return { kind: "expired", slug };
    if (apply) {
      await setSignatureStatus(trx, row.id, "confirmed");
      await recordCountChange(trx, row.petition_id, row.country_code, 1);
    }
    return { kind: "confirmed", slug };
  });
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
    if (row.status === "confirmed") await recordCountChange(trx, row.petition_id, row.country_code, -1);
    return { kind: "withdrawn", slug: row.slug };
  });
}
