/** The shape of a referral code (`?ref=`): what signing and writing made, or close enough to store. */
const REFERRAL_CODE = /^[A-Za-z0-9_-]{6,32}$/u;

/** A referral code as typed into a URL or form, or null when it is not one. */
export function readReferralCode(raw: unknown): string | null {
  return typeof raw === "string" && REFERRAL_CODE.test(raw) ? raw : null;
}
