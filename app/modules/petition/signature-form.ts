import { z } from "zod";
import { isValidEmailAddress } from "../mail/mail-address";
import { cleanEmail, emailKey } from "../mail/email-key";
import { readReferralCode } from "../campaign/referral-code";

export const NAME_MAX = 100;
export const COMMENT_MAX = 1000;

/**
 * Control characters (C0, DEL and C1) and the Unicode line and paragraph
 * separators; line breaks are allowed only where a field is multi-line.
 */
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;
const hasControlBesidesNewlines = (text: string) => CONTROL.test(text.replace(/\r\n|\r|\n/gu, ""));
/** Something that reads as markup: a tag opening, a comment, a processing instruction. */
const MARKUP = /<\s*[a-z!/?]/iu;
/** A referral code a signature may carry: a signer's own, or one an organizer gave out. */
export const isReferralCode = (code: string) => readReferralCode(code) !== null;

export type SignatureField = "name" | "email" | "country" | "comment";

/** The fields as submitted, kept to fill the form again after an error. */
export interface SignatureFormValues {
  name: string;
  email: string;
  country: string;
  comment: string;
  showName: boolean;
  mailConsent: boolean;
  /** The partner box (only on a page opened through a partner's link). */
  partnerConsent?: boolean;
}

export interface ValidSignature {
  name: string;
  email: string;
  emailKey: string;
  countryCode: string;
  comment: string | null;
  showName: boolean;
  mailConsent: boolean;
  referredBy: string | null;
}

export type SignatureFormResult =
  | { ok: true; signature: ValidSignature }
  | { ok: false; errors: Partial<Record<SignatureField, string>> };

// Messages are translation keys in the `petitions` namespace (errors.*). Built once: zod schemas are costly to make.
const schema = z.object({
    name: z
      .string()
      .trim()
      .min(1, { error: "errors.nameRequired" })
      .max(NAME_MAX, { error: "errors.nameTooLong" })
      .refine((v) => !CONTROL.test(v), { error: "errors.lineBreaks" })
      .refine((v) => !/[<>]/u.test(v), { error: "errors.markup" }),
    email: z
      .string()
      .transform(cleanEmail)
      .refine((v) => v.length > 0, { error: "errors.emailRequired", abort: true })
      .refine((v) => !CONTROL.test(v) && isValidEmailAddress(v), { error: "errors.emailInvalid" }),
    country: z.string().trim().toUpperCase().min(1, { error: "errors.countryRequired" }),
    comment: z
      .string()
      .trim()
      .max(COMMENT_MAX, { error: "errors.commentTooLong" })
      .refine((v) => !hasControlBesidesNewlines(v), { error: "errors.controlCharacters" })
      .refine((v) => !MARKUP.test(v), { error: "errors.markup" }),
  });

/** Reads the sign form's fields (strings from a POST) and checks them. */
export function readSignatureValues(form: { get(name: string): unknown }): SignatureFormValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  return {
    name: text("name"),
    email: text("email"),
    country: text("country"),
    comment: text("comment"),
    showName: form.get("showName") === "on",
    mailConsent: form.get("mailConsent") === "on",
    partnerConsent: form.get("partnerConsent") === "on",
  };
}

export function validateSignature(
  values: SignatureFormValues,
  referral: string,
  isKnownCountry: (code: string) => boolean,
): SignatureFormResult {
  const parsed = schema.safeParse(values);
  const errors: Partial<Record<SignatureField, string>> = {};
  for (const issue of parsed.error?.issues ?? []) {
    const field = issue.path[0] as SignatureField;
    errors[field] ??= issue.message;
  }
  // The list of countries lives in the database: checked here, not in the schema.
  const country = values.country.trim().toUpperCase();
  if (!errors.country && !isKnownCountry(country)) errors.country = "errors.countryUnknown";
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const { name, email, comment } = parsed.data;
  return {
    ok: true,
    signature: {
      name: name.normalize("NFC"),
      email,
      emailKey: emailKey(email),
      countryCode: country,
      comment: comment === "" ? null : comment.replace(/\r\n?/gu, "\n").normalize("NFC"),
      showName: values.showName,
      mailConsent: values.mailConsent,
      referredBy: readReferralCode(referral),
    },
  };
}
