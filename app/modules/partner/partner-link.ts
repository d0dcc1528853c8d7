/**
 * Which partner a campaign link names, and the consent a form gives that partner.
 * Pure rules: no I/O. A partner is only ever the one the link named, and only when
 * it is active and runs this campaign; anything else is ignored (the plain page).
 */

/** What `?partner=` may carry: lower-case letters, digits and dashes (as the database checks). */
export const PARTNER_CODE = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/u;

/** The code a query or a hidden field carries, or null when it cannot be one. Case is forgiven. */
export function readPartnerCode(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const code = raw.trim().toLowerCase();
  return PARTNER_CODE.test(code) ? code : null;
}

/** A partner as a campaign page needs it. */
export interface CampaignPartner {
  id: number;
  code: string;
  name: string;
  websiteUrl: string;
  privacyUrl: string;
  active: boolean;
}

/**
 * The partner a request gets: the one whose code the link carries, if it is active and among
 * the partners running this campaign; otherwise none (no error: the page is the plain one).
 */
export function partnerOfRequest<P extends CampaignPartner>(rawCode: unknown, running: readonly P[]): P | null {
  const code = readPartnerCode(rawCode);
  if (code === null) return null;
  return running.find((p) => p.code === code && p.active) ?? null;
}

/** What a page opened through a partner's link shows of the partner. */
export interface LinkPartner {
  code: string;
  name: string;
  websiteUrl: string;
  privacyUrl: string;
}

/** A partner shown under "Run with" on a campaign page (only active ones). */
export interface ShownPartner {
  code: string;
  name: string;
  websiteUrl: string;
  hasLogo: boolean;
  /** Confirmed signatures or letters it brought, when shown publicly. */
  count: number | null;
}

/** A partner's row as a campaign page needs it. */
export const campaignPartnerOf = (row: { id: number; code: string; name: string; website_url: string; privacy_url: string; active: boolean }): CampaignPartner => ({
  id: row.id,
  code: row.code,
  name: row.name,
  websiteUrl: row.website_url,
  privacyUrl: row.privacy_url,
  active: row.active,
});

/** What a form gives a partner: which partner brought the person, and whether they may contact them. */
export interface PartnerConsent {
  partnerId: number | null;
  consent: boolean;
}

export const NO_PARTNER: PartnerConsent = { partnerId: null, consent: false };

/**
 * The partner box of a submitted form. The box counts only when it is ticked (`on`), and only for
 * the partner the form was for: a form without a valid partner gives no consent to anyone.
 */
export function readPartnerConsent(form: { get(name: string): unknown }, partner: Pick<CampaignPartner, "id"> | null): PartnerConsent {
  if (!partner) return NO_PARTNER;
  return { partnerId: partner.id, consent: form.get("partnerConsent") === "on" };
}

/**
 * What a repeat signature (the same address signing the same petition again) does to the partner
 * of the earlier one, when the petition job handles it. One row names one partner, and consent
 * is that partner's alone:
 * - the person signs anew (after a withdrawal): the new signature's partner and consent;
 * - the signature still waits for confirmation and a new confirmation mail goes out (else the
 *   link already mailed would confirm a consent it never covered): the same partner (or none
 *   before) takes the repeat's box too (ticked once stays ticked); another partner replaces it
 *   only when the earlier one had no consent;
 * - a confirmed signature is not changed by a form anyone could have filled in with this address.
 */
export function partnerAfterRepeat(
  earlier: PartnerConsent,
  repeat: PartnerConsent,
  outcome: "sign_again" | "resend_confirmation" | "notify_already_signed" | "nothing",
): PartnerConsent {
  if (outcome === "sign_again") return repeat;
  if (outcome !== "resend_confirmation" || repeat.partnerId === null) return earlier;
  if (earlier.partnerId === null || earlier.partnerId === repeat.partnerId) return { partnerId: repeat.partnerId, consent: earlier.consent || repeat.consent };
  return earlier.consent ? earlier : repeat;
}
