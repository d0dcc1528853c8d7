import { randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { countHit } from "../../lib/rate-limit.server";
import { enqueueMail } from "../mail/outbox.repo.server";
import {
  insertSignature,
  lockSignatureById,
  lockSignatureByKey,
  noteConfirmationMailed,
  recordCountChange,
  restartSignature,
  setSignatureStatus,
  type NewSignature,
  type PetitionRow,
} from "./petition.repo.server";
import { confirmUrlFor, signatureIdFromConfirmToken, signatureIdFromWithdrawToken, withdrawUrlFor } from "./signature-links.server";
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
  publicUrl: string;
  secrets: readonly string[];
  now: Date;
}

/** What the signer is shown next; the same whether or not the address had signed before. */
export interface SignResult {
  referralCode: string;
}

const newReferralCode = () => randomBytes(6).toString("base64url");

async function overRateLimit(db: Kysely<Database>, petitionId: number, ipHash: string, config: SigningConfig): Promise<boolean> {
  // Outside the signing transaction: the counter row is locked only for its own upsert.
  const [minute, hour] = await Promise.all([
    countHit(db, `sign:${petitionId}:${ipHash}:m`, 60),
    countHit(db, `sign:${petitionId}:${ipHash}:h`, 3600),
  ]);
  return minute > config.perMinute || hour > config.perHour;
}

async function enqueueConfirmation(
  trx: Transaction<Database>,
  req: SignRequest,
  ctx: SignContext,
  signatureId: string,
  mailNumber: number,
) {
  await enqueueMail(trx, {
    recipient: req.signature.email,
    template: "signature-confirm",
    language: req.lng,
    idempotencyKey: `signature-confirm:${signatureId}:${mailNumber}`,
    templateData: {
      name: req.signature.name,
      petitionTitle: req.petitionTitle,
      confirmUrl: confirmUrlFor(signatureId, ctx.publicUrl, req.lng, ctx.secrets),
      withdrawUrl: withdrawUrlFor(signatureId, ctx.publicUrl, req.lng, ctx.secrets),
      linkDays: Math.round(ctx.config.confirmTtlMs / 86_400_000),
    },
  });
}

/**
 * Stores a signature and queues its confirmation mail in one transaction.
 * A repeat by the same person (same email key) changes nothing visible: the
 * unique constraint keeps one row, and at most a rate-limited mail goes out.
 */
export async function signPetition(db: Kysely<Database>, req: SignRequest, ctx: SignContext): Promise<SignResult> {
  const limited = await overRateLimit(db, req.petition.id, req.ipHash, ctx.config);
  const suspectReason = suspicionOf({
    honeypotFilled: req.honeypotFilled,
    fillMs: req.fillMs,
    minFillMs: ctx.config.minFillMs,
    overRateLimit: limited,
  });
  const row: NewSignature = {
    petitionId: req.petition.id,
    status: suspectReason ? "suspect" : "pending",
    suspectReason,
    ...req.signature,
    language: req.lng,
    referralCode: newReferralCode(),
    ipHash: req.ipHash,
  };
  return db.transaction().execute(async (trx) => {
    const inserted = await insertSignature(trx, row);
    if (inserted) {
      if (!suspectReason) await enqueueConfirmation(trx, req, ctx, inserted.id, 1);
      return { referralCode: inserted.referralCode };
    }
    const existing = await lockSignatureByKey(trx, req.petition.id, req.signature.emailKey);
    // An automated-looking repeat changes nothing and sends nothing.
    if (suspectReason) return { referralCode: existing.referral_code };
    const outcome = repeatSigningOutcome(
      {
        status: existing.status,
        confirmationSentAt: existing.confirmation_sent_at ? new Date(existing.confirmation_sent_at) : null,
        confirmationMails: existing.confirmation_mails,
      },
      ctx.now,
      ctx.config.resend,
    );
    switch (outcome.kind) {
      case "sign_again":
        await restartSignature(trx, existing.id, row);
        await enqueueConfirmation(trx, req, ctx, existing.id, existing.confirmation_mails + 1);
        break;
      case "resend_confirmation":
        await enqueueConfirmation(trx, req, ctx, existing.id, await noteConfirmationMailed(trx, existing.id));
        break;
      case "notify_already_signed": {
        const n = await noteConfirmationMailed(trx, existing.id);
        await enqueueMail(trx, {
          recipient: existing.email,
          template: "signature-already-signed",
          language: req.lng,
          idempotencyKey: `signature-already-signed:${existing.id}:${n}`,
          templateData: {
            petitionTitle: req.petitionTitle,
            petitionUrl: `${ctx.publicUrl}/${req.lng}/petitions/${req.petition.slug}`,
            withdrawUrl: withdrawUrlFor(existing.id, ctx.publicUrl, req.lng, ctx.secrets),
          },
        });
        break;
      }
      case "nothing":
        break;
    }
    return { referralCode: existing.referral_code };
  });
}

export type ConfirmOutcome =
  | { kind: "confirmed" | "already_confirmed" | "withdrawn" | "expired" | "closed"; slug: string }
  | { kind: "invalid" };

/** What a confirm link would do, without doing it (the GET page). */
export async function inspectConfirmation(db: Kysely<Database>, token: string, ctx: Omit<SignContext, "publicUrl">): Promise<ConfirmOutcome> {
  return confirmOrInspect(db, token, ctx, false);
}

/** The POST behind the button: pending becomes confirmed once, and the count goes up by one. */
export async function confirmSignature(db: Kysely<Database>, token: string, ctx: Omit<SignContext, "publicUrl">): Promise<ConfirmOutcome> {
  return confirmOrInspect(db, token, ctx, true);
}

async function confirmOrInspect(db: Kysely<Database>, token: string, ctx: Omit<SignContext, "publicUrl">, apply: boolean): Promise<ConfirmOutcome> {
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
