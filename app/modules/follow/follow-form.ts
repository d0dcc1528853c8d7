/** The follow form's rules: an address and a language, nothing else. Pure; messages are keys in the `follows` namespace. */
import { isSupportedLanguage, type Language } from "../../lib/i18n/languages";
import { cleanEmail, emailKey } from "../mail/email-key";
import { isValidEmailAddress } from "../mail/mail-address";

export type FollowField = "email" | "language";

/** The fields as submitted, kept to fill the form again after an error. */
export interface FollowFormValues {
  email: string;
  language: string;
}

export interface ValidFollow {
  email: string;
  emailKey: string;
  language: Language;
}

export type FollowFormResult = { ok: true; follow: ValidFollow } | { ok: false; errors: Partial<Record<FollowField, string>> };

const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;

export function readFollowValues(form: { get(name: string): unknown }): FollowFormValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  return { email: text("email"), language: text("language") };
}

export function validateFollow(values: FollowFormValues): FollowFormResult {
  const errors: Partial<Record<FollowField, string>> = {};
  const email = cleanEmail(values.email);
  if (email === "") errors.email = "errors.emailRequired";
  else if (CONTROL.test(email) || !isValidEmailAddress(email)) errors.email = "errors.emailInvalid";
  const language = values.language.trim();
  if (!isSupportedLanguage(language)) errors.language = "errors.languageUnknown";
  if (errors.email || errors.language || !isSupportedLanguage(language)) return { ok: false, errors };
  return { ok: true, follow: { email, emailKey: emailKey(email), language } };
}

/** The follow offer after signing or writing: the country acted from with the form's token, or none known and the countries to choose from. */
export interface FollowOfferView {
  country: { segment: string; name: string; formToken: string } | null;
  countries: readonly { segment: string; name: string }[];
}
