import { z } from "zod";
import { isValidEmailAddress } from "../mail/mail-address";

export const SUBJECT_MAX = 200;
export const BODY_MAX = 10_000;
export const PERSONAL_MAX = 3000;
/** Links per letter: more reads as spam to the people it goes to. */
export const MAX_LINKS = 3;

const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;
const hasControlBesidesNewlines = (text: string) => CONTROL.test(text.replace(/\r\n|\r|\n/gu, ""));
const MARKUP = /<\s*[a-z!/?]/iu;
const LINK = /\bhttps?:\/\/|\bwww\./giu;

export type LetterField = "targets" | "subject" | "body" | "personal" | "name" | "email" | "city";

export interface LetterFormValues {
  country: string;
  targets: string[];
  subject: string;
  body: string;
  personal: string;
  name: string;
  email: string;
  city: string;
  /** "Send me news about this campaign" (unticked when absent). */
  mailConsent?: boolean;
  /** The partner box (only on a page opened through a partner's link). */
  partnerConsent?: boolean;
}

export interface ValidLetter {
  countryCode: string;
  targetIds: number[];
  subject: string;
  body: string;
  personal: string;
  name: string;
  email: string;
  city: string | null;
  mailConsent: boolean;
}

const multiline = (max: number, tooLong: string) =>
  z
    .string()
    .max(max, { error: tooLong })
    .refine((v) => !hasControlBesidesNewlines(v), { error: "errors.controlCharacters" })
    .refine((v) => !MARKUP.test(v), { error: "errors.markup" })
    .refine((v) => (v.match(LINK) ?? []).length <= MAX_LINKS, { error: "errors.tooManyLinks" })
    .transform((v) => v.replace(/\r\n?/gu, "\n").trim().normalize("NFC"));

const line = (max: number, required: string, tooLong: string) =>
  z
    .string()
    .trim()
    .min(1, { error: required })
    .max(max, { error: tooLong })
    .refine((v) => !CONTROL.test(v), { error: "errors.lineBreaks" })
    .refine((v) => !/[<>]/u.test(v), { error: "errors.markup" });

// Messages are translation keys in the `letters` namespace. Built once per process.
const schema = z.object({
  subject: line(SUBJECT_MAX, "errors.subjectRequired", "errors.subjectTooLong"),
  body: multiline(BODY_MAX, "errors.bodyTooLong").refine((v) => v.length > 0, { error: "errors.bodyRequired" }),
  personal: multiline(PERSONAL_MAX, "errors.personalTooLong"),
  name: line(100, "errors.nameRequired", "errors.nameTooLong"),
  email: z
    .string()
    .trim()
    .min(1, { error: "errors.emailRequired" })
    .refine((v) => !CONTROL.test(v) && isValidEmailAddress(v), { error: "errors.emailInvalid" }),
  city: z
    .string()
    .trim()
    .max(100, { error: "errors.cityTooLong" })
    .refine((v) => !CONTROL.test(v) && !/[<>]/u.test(v), { error: "errors.markup" }),
});

/** Reads the letter form (strings from a POST); `targets` may repeat. */
export function readLetterValues(form: { get(name: string): unknown; getAll(name: string): unknown[] }): LetterFormValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  return {
    country: text("country"),
    targets: form.getAll("targets").filter((v): v is string => typeof v === "string"),
    subject: text("subject"),
    body: text("body"),
    personal: text("personal"),
    name: text("name"),
    email: text("email"),
    city: text("city"),
    mailConsent: form.get("mailConsent") === "on",
    partnerConsent: form.get("partnerConsent") === "on",
  };
}

/**
 * Checks a letter. Targets must be among `allowedTargetIds` (the campaign's
 * active targets for the chosen country): a sender picks people, never
 * addresses. The personal paragraph must have at least `minPersonal` characters.
 */
export function validateLetter(
  values: LetterFormValues,
  countryCode: string,
  allowedTargetIds: ReadonlySet<number>,
  minPersonal: number,
): { ok: true; letter: ValidLetter } | { ok: false; errors: Partial<Record<LetterField, string>> } {
  const parsed = schema.safeParse(values);
  const errors: Partial<Record<LetterField, string>> = {};
  for (const issue of parsed.error?.issues ?? []) errors[issue.path[0] as LetterField] ??= issue.message;
  const ids = values.targets.map((t) => (/^\d{1,9}$/u.test(t) ? Number(t) : NaN));
  if (ids.length === 0) errors.targets = "errors.targetsRequired";
  else if (ids.some((id) => !allowedTargetIds.has(id))) errors.targets = "errors.targetUnknown";
  if (!errors.personal && parsed.success && parsed.data.personal.length < minPersonal) errors.personal = "errors.personalTooShort";
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const { subject, body, personal, name, email, city } = parsed.data;
  return {
    ok: true,
    letter: { countryCode, targetIds: [...new Set(ids)], subject: subject.normalize("NFC"), body, personal, name: name.normalize("NFC"), email, city: city === "" ? null : city, mailConsent: values.mailConsent ?? false },
  };
}

/** The letter as its reader gets it: the sender's paragraph follows the greeting (the body's first paragraph). */
export function composeLetter(body: string, personal: string): string {
  const paragraphs = body.split(/\n{2,}/u);
  return [paragraphs[0], personal, ...paragraphs.slice(1)].filter((p) => p && p.trim() !== "").join("\n\n");
}
