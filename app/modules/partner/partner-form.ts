import { formText } from "../../lib/form-text";
import { isValidEmailAddress } from "../mail/mail-address";
import { PARTNER_CODE } from "./partner-link";

export type PartnerField = "name" | "code" | "websiteUrl" | "privacyUrl" | "contactEmail";

/** The partner form as typed, kept to fill the form again after an error. */
export interface PartnerFormValues {
  name: string;
  code: string;
  websiteUrl: string;
  privacyUrl: string;
  contactEmail: string;
  active: boolean;
}

/** The same fields, checked and tidied (trimmed, the contact address in lower case). */
export type ValidPartner = PartnerFormValues;

export type PartnerFormResult = { ok: true; partner: ValidPartner } | { ok: false; errors: Partial<Record<PartnerField, string>> };

export const PARTNER_NAME_MAX = 120;
const URL_MAX = 500;
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;

export function readPartnerValues(form: { get(name: string): unknown }): PartnerFormValues {
  const text = (name: string) => formText(form, name);
  return {
    name: text("name"),
    code: text("code"),
    websiteUrl: text("websiteUrl"),
    privacyUrl: text("privacyUrl"),
    contactEmail: text("contactEmail"),
    active: form.get("active") === "on",
  };
}

/** An http(s) address a person can follow: no spaces, no credentials, a host. */
function webUrlProblem(raw: string): string | null {
  if (raw === "") return "required";
  if (raw.length > URL_MAX || /\s/u.test(raw)) return "url";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "url";
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.hostname === "" || url.username || url.password) return "url";
  return null;
}

/** Messages are keys under `partners.errors` of the `organizePartners` namespace. */
export function validatePartner(values: PartnerFormValues): PartnerFormResult {
  const errors: Partial<Record<PartnerField, string>> = {};
  const name = values.name.trim().normalize("NFC");
  if (name === "") errors.name = "partners.errors.nameRequired";
  else if (name.length > PARTNER_NAME_MAX) errors.name = "partners.errors.nameTooLong";
  else if (CONTROL.test(name) || /[<>]/u.test(name)) errors.name = "partners.errors.nameCharacters";
  const code = values.code.trim();
  if (code === "") errors.code = "partners.errors.codeRequired";
  else if (!PARTNER_CODE.test(code)) errors.code = "partners.errors.codeFormat";
  const website = values.websiteUrl.trim();
  const websiteProblem = webUrlProblem(website);
  if (websiteProblem) errors.websiteUrl = websiteProblem === "required" ? "partners.errors.websiteRequired" : "partners.errors.urlInvalid";
  const privacy = values.privacyUrl.trim();
  const privacyProblem = webUrlProblem(privacy);
  if (privacyProblem) errors.privacyUrl = privacyProblem === "required" ? "partners.errors.privacyRequired" : "partners.errors.urlInvalid";
  const email = values.contactEmail.trim();
  if (email === "") errors.contactEmail = "partners.errors.emailRequired";
  else if (!isValidEmailAddress(email)) errors.contactEmail = "partners.errors.emailInvalid";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, partner: { name, code, websiteUrl: website, privacyUrl: privacy, contactEmail: email.toLowerCase(), active: values.active } };
}
