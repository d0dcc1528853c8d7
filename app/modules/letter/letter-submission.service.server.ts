import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { hashClientAddress } from "../../lib/client-address.server";
import { checkFormToken, honeypotFilled } from "../campaign/form-token.server";
import { readReferralCode } from "../campaign/referral-code";
import { newReferralCode } from "../campaign/referral-code.server";
import { readLetterValues, validateLetter, type LetterField, type LetterFormValues } from "./letter-form";
import type { LetterConfig } from "./letter-config.server";
import { countLetterEvent } from "./letter-events.repo.server";
import { getLetterPage, mailtoLink, previewLetter } from "./letter-page.service.server";
import { publicTargetAddresses } from "./letter.repo.server";
import { writeLetter } from "./letter.service.server";
import { partnerConsentOfForm } from "../partner/partner-consent.server";

export type LetterSubmission =
  | { kind: "not_found" }
  | { kind: "closed" }
  | { kind: "invalid"; errors: Partial<Record<LetterField | "form", string>>; values: LetterFormValues; formToken?: string }
  /** `ownMailApp`: the chosen targets whose address is public, the only ones the sender's own mail app may write to. */
  | { kind: "preview"; values: LetterFormValues; text: string; ownMailApp: number[]; formToken: string }
  | { kind: "mailto"; url: string }
  /** `referralCode`: the writer's own, for the link they share (`?ref=`). */
  | { kind: "written"; referralCode: string };

/**
 * One POST of the letter form: `intent=preview` shows exactly what the first
 * target will read (names and roles, never an address); `intent=send` stores
 * the letter and asks the sender to confirm; `intent=mailto` counts an "opened
 * in my own mail app" and hands back the mailto: link, only when every chosen
 * target's address is public (else the form comes back with a message and
 * nothing is counted). No letter is stored but on a send without errors.
 * Like the sign form, every POST carries the form token of the page it came
 * from (else: "expired"); a send within the minimum fill time is refused with
 * a note (the form keeps its token, so sending again a moment later works), and
 * one with the honeypot filled gets the usual answer while nothing is stored.
 * A valid token is handed back, so the page keeps it across previews.
 */
export async function submitLetter(
  db: Kysely<Database>,
  slug: string,
  lng: string,
  form: { get(name: string): unknown; getAll(name: string): unknown[] },
  ctx: { clientAddress: string; secrets: readonly string[]; nameOverrides: Record<string, string>; now: Date; config: LetterConfig },
): Promise<LetterSubmission> {
  const values = readLetterValues(form);
  // The chosen country's template variant, as the page showed it.
  const page = await getLetterPage(db, slug, lng, values.country, ctx.nameOverrides, { now: ctx.now });
  if (!page) return { kind: "not_found" };
  if (page.campaign.status !== "live") return { kind: "closed" };
  if (!page.country) return { kind: "invalid", errors: { form: "errors.countryRequired" }, values };
  const formToken = String(form.get("formToken") ?? "");
  const token = checkFormToken(formToken, page.campaign.id, ctx.now, ctx.config.formMaxAgeMs, ctx.secrets, "letter");
  if (!token.ok) return { kind: "invalid", errors: { form: "errors.formExpired" }, values };
  const checked = validateLetter(values, page.country.code3, new Set(page.targets.map((t) => t.id)), page.campaign.min_personal_chars);
  if (!checked.ok) return { kind: "invalid", errors: checked.errors, values, formToken };
  const intent = form.get("intent");
  const ipHash = hashClientAddress(ctx.clientAddress, ctx.secrets);
  if (intent !== "send") {
    const chosen = page.targets.filter((t) => checked.letter.targetIds.includes(t.id));
    const { text } = previewLetter(checked.letter, chosen, page.country.name);
    if (intent !== "mailto") return { kind: "preview", values, text, ownMailApp: chosen.filter((t) => t.addressPublic).map((t) => t.id), formToken };
    const addresses = await publicTargetAddresses(db, page.campaign.id, page.country.code3, checked.letter.targetIds);
    if (!addresses) return { kind: "invalid", errors: { targets: "errors.addressNotPublic" }, values, formToken };
    await countLetterEvent(db, { campaignId: page.campaign.id, countryCode: page.country.code3, kind: "mailto_opened", ipHash, now: ctx.now });
    return { kind: "mailto", url: mailtoLink(addresses, checked.letter.subject, text) };
  }
  if (honeypotFilled(form)) return { kind: "written", referralCode: newReferralCode() };
  if (token.fillMs < ctx.config.minFillMs) return { kind: "invalid", errors: { form: "errors.tooFast" }, values, formToken };
  const referredBy = readReferralCode(form.get("ref"));
  const partner = await partnerConsentOfForm(db, { kind: "letter", id: page.campaign.id }, form);
  const written = await writeLetter(db, { campaignId: page.campaign.id, letter: checked.letter, lng, ipHash, secrets: ctx.secrets, referredBy, partner }, ctx.config);
  switch (written.kind) {
    case "written":
    case "over_sender_limit":
      // The same answer: whether an address has written before is its owner's to know (they get a mail).
      return { kind: "written", referralCode: written.referralCode };
    case "closed":
      return { kind: "closed" };
    case "too_many":
      return { kind: "invalid", errors: { form: "errors.tooManyLetters" }, values, formToken };
    case "targets_changed":
      return { kind: "invalid", errors: { targets: "errors.targetUnknown" }, values, formToken };
  }
}
