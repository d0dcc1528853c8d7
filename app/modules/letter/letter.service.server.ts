import type { Kysely } from "kysely";
import { emailKey } from "../mail/email-key";
import { touchPerson } from "../people/people.repo.server";
import { recordWebhookEvent } from "../webhooks/webhook-events.repo.server";
import type { Database } from "../../../db/schema";
import { letterIdFromConfirmToken } from "../../lib/links/letter-links.server";
import { takeHit } from "../../lib/rate-limit.server";
import { recordCountChange } from "../campaign/counter.server";
import { newReferralCode } from "../campaign/referral-code.server";
import { countryName } from "../country/country-names";
import { addressLimitKey } from "../mail/address-key.server";
import { enqueueMail } from "../mail/outbox.repo.server";
import type { LetterConfig } from "./letter-config.server";
import { letterFingerprint, routeToTarget } from "./letter-delivery.server";
import { letterConfirmMail, letterLimitMail, letterReceiptMail, letterToTargetMail } from "./letter-mails.server";
import { composeLetter, type ValidLetter } from "./letter-form";
import { campaignTargets, letterRecipients, lettersFromSenderToday, lockLetter } from "./letter.repo.server";
import { renderLetter } from "./letter-template";
import { NO_PARTNER, type PartnerConsent } from "../partner/partner-link";

/**
 * `over_sender_limit`: the address had written its letters for the day; the
 * form answers as for `written` (it must not tell a stranger what an address
 * did), and the address's owner hears it by mail, once a day at most.
 */
export type WriteOutcome =
  | { kind: "written"; letterId: string; referralCode: string }
  /** `referralCode`: made for this answer and stored nowhere, so the answer looks like `written`'s. */
  | { kind: "over_sender_limit"; referralCode: string }
  | { kind: "closed" }
  | { kind: "too_many" }
  | { kind: "targets_changed" };

/**
 * Stores a letter (pending) with its recipients and queues the mail that asks
 * the sender to confirm, in one transaction. Nothing reaches a target before
 * that confirmation. Targets are re-checked here against the campaign's active
 * targets for the country: ids only, never addresses, come from the sender.
 */
export async function writeLetter(
  db: Kysely<Database>,
  input: {
    campaignId: number;
    letter: ValidLetter;
    lng: string;
    ipHash: string;
    secrets: readonly string[];
    referredBy?: string | null;
    /** The partner whose link the form came through, and the sender's consent to that partner alone. */
    partner?: PartnerConsent;
  },
  limits: LetterConfig,
): Promise<WriteOutcome> {
  const campaign = await db.selectFrom("letter_campaigns").select("status").where("id", "=", input.campaignId).executeTakeFirst();
  if (campaign?.status !== "live") return { kind: "closed" };
  const allowed = new Set((await campaignTargets(db, input.campaignId, input.letter.countryCode)).map((t) => t.id));
  if (input.letter.targetIds.some((id) => !allowed.has(id))) return { kind: "targets_changed" };
  // One person however the address is spelled (case, +tags), named by a keyed hash, never the address.
  const senderKey = addressLimitKey(input.letter.email, input.secrets);
  if ((await lettersFromSenderToday(db, senderKey)) >= limits.perSenderPerDay) {
    const day = new Date().toISOString().slice(0, 10);
    await enqueueMail(db, letterLimitMail({ email: input.letter.email, language: input.lng, senderKey, day }));
    return { kind: "over_sender_limit", referralCode: newReferralCode() };
  }
  // Only letters let through count against the client address: a refused one takes no place.
  if (!(await takeHit(db, `letter:${input.campaignId}:${input.ipHash}:d`, 86_400, limits.perAddressPerDay))) return { kind: "too_many" };
  const referralCode = newReferralCode();
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("letters")
      .values({
        campaign_id: input.campaignId,
        country_code: input.letter.countryCode,
        language: input.lng,
        sender_name: input.letter.name,
        sender_email: input.letter.email,
        sender_key: senderKey,
        sender_city: input.letter.city,
        mail_consent: input.letter.mailConsent,
        partner_id: (input.partner ?? NO_PARTNER).partnerId,
        partner_consent: (input.partner ?? NO_PARTNER).consent,
        subject: input.letter.subject,
        body: input.letter.body,
        personal_paragraph: input.letter.personal,
        fingerprint: letterFingerprint(input.letter.body, input.letter.personal),
        ip_hash: input.ipHash,
        referral_code: referralCode,
        referred_by: input.referredBy ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("letter_recipients")
      .values(input.letter.targetIds.map((targetId) => ({ letter_id: id, target_id: targetId })))
      .execute();
    await enqueueMail(
      trx,
      letterConfirmMail({
        letterId: id,
        email: input.letter.email,
        language: input.lng,
        subject: input.letter.subject,
        recipients: input.letter.targetIds.length,
        confirmTtlMs: limits.confirmTtlMs,
      }),
    );
    return { kind: "written" as const, letterId: id, referralCode };
  });
}

export type LetterConfirmOutcome =
  /** `referralCode` (null for letters written before codes) and `countryCode` (alpha-3) are the letter's own. */
  | { kind: "confirmed" | "already_confirmed" | "expired" | "closed"; slug: string; recipients: number; referralCode: string | null; countryCode: string }
  | { kind: "invalid" };

/**
 * The sender's confirmation: one outbox row per target (the letter with its
 * merge fields filled for that person, Reply-To the sender), and a receipt to
 * the sender, all in one transaction; a second click changes nothing.
 */
export async function confirmLetter(
  db: Kysely<Database>,
  token: string,
  ctx: { secrets: readonly string[]; now: Date; apply: boolean; config: LetterConfig; nameOverrides?: Record<string, string> },
): Promise<LetterConfirmOutcome> {
  const id = letterIdFromConfirmToken(token, ctx.secrets);
  if (!id) return { kind: "invalid" };
  const { config } = ctx;
  return db.transaction().execute(async (trx) => {
    const letter = await lockLetter(trx, id, ctx.apply);
    if (!letter) return { kind: "invalid" };
    const recipients = await letterRecipients(trx, id);
    const base = { slug: letter.slug, recipients: recipients.length, referralCode: letter.referral_code, countryCode: letter.country_code };
    if (letter.status === "confirmed") return { kind: "already_confirmed", ...base };
    if (letter.status === "expired" || ctx.now.getTime() - new Date(letter.created_at).getTime() > config.confirmTtlMs) return { kind: "expired", ...base };
    if (letter.campaign_status !== "live") return { kind: "closed", ...base };
    if (!ctx.apply) return { kind: "confirmed", ...base };

    const sent = await trx
      .updateTable("letters")
      .set({ status: "confirmed", confirmed_at: ctx.now })
      .where("id", "=", id)
      .returning(["sender_email", "partner_id", "partner_consent"])
      .executeTakeFirstOrThrow();
    await recordCountChange(trx, { kind: "letters", id: letter.campaign_id }, 1);
    // A letter's writer is the same person as a signer with the same mailbox: one email key.
    const writer = emailKey(sent.sender_email);
    await touchPerson(trx, writer);
    await recordWebhookEvent(trx, {
      event: "letter.sent",
      data: { letterId: id, campaignId: letter.campaign_id },
      person: { emailKey: writer, partnerId: sent.partner_id, partnerConsent: sent.partner_consent },
    });
    const country = countryName(letter.language, letter.country_code2, ctx.nameOverrides);
    let firstText = "";
    const direct: string[] = [];
    const inDigest: string[] = [];
    for (const target of recipients) {
      const decision = await routeToTarget(trx, letter, target.id, { now: ctx.now, identicalThreshold: config.identicalThreshold });
      (decision.route === "individual" ? direct : inDigest).push(`${target.name}, ${target.role}`);
      const text = renderLetter(composeLetter(letter.body, letter.personal_paragraph), {
        "target.name": target.name,
        "target.role": target.role,
        "target.organization": target.organization,
        "sender.name": letter.sender_name,
        "sender.city": letter.sender_city ?? "",
        "country.name": country,
      });
      firstText ||= text;
      if (decision.route === "digest") {
        await trx.updateTable("letter_recipients").set({ route: "digest" }).where("letter_id", "=", id).where("target_id", "=", target.id).execute();
        continue;
      }
      const mail = letterToTargetMail({
        letterId: id,
        target,
        language: letter.language,
        subject: letter.subject,
        text,
        sender: { name: letter.sender_name, email: letter.sender_email },
      });
      await enqueueMail(trx, mail);
      await trx
        .updateTable("letter_recipients")
        .set({ outgoing_mail_id: (eb) => eb.selectFrom("outgoing_mails").select("id").where("idempotency_key", "=", mail.idempotencyKey) })
        .where("letter_id", "=", id)
        .where("target_id", "=", target.id)
        .execute();
    }
    await enqueueMail(
      trx,
      letterReceiptMail({ letterId: id, email: letter.sender_email, language: letter.language, subject: letter.subject, text: firstText, recipients: direct, digestRecipients: inDigest }),
    );
    return { kind: "confirmed", ...base };
  });
}
