import type { MailDataField } from "../../../emails/intents";
import { emailKey } from "../mail/email-key";

/**
 * What of a finished mail's `template_data` is kept once its personal content
 * goes (retention after RETENTION_MAIL_DAYS, or an erasure): ids of what it
 * was about, public titles and numbers. Names, addresses, letter words,
 * subjects senders chose, and lists of whom they wrote to are not.
 */
export const KEPT_MAIL_FIELDS = ["signatureId", "letterId", "followId", "signInId", "petitionTitle", "petitionSlug", "linkDays", "minutes", "count", "countryName"] as const satisfies readonly MailDataField[];

/** Mail to decision makers (their public role's address): the recipient is not a person to forget. */
export const TARGET_TEMPLATES = ["letter", "letter-digest"] as const;

export const isTargetTemplate = (template: string) => (TARGET_TEMPLATES as readonly string[]).includes(template);

/** The fields of `data` that may stay after its personal content is removed. */
export function keptMailData(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => (KEPT_MAIL_FIELDS as readonly string[]).includes(key)));
}

export interface Person {
  /** As typed, case folded: the person's own spelling. */
  lower: string;
  /** The key signatures are unique on (case, `+tags`, Gmail dots folded): every spelling of the mailbox. */
  key: string;
  /** The key's local part without dots, and its domain: what SQL compares before the exact check in code. */
  looseLocal: string;
  domain: string;
}

export function personOf(email: string): Person {
  const key = emailKey(email);
  const at = key.lastIndexOf("@");
  return { lower: email.trim().toLowerCase(), key, looseLocal: key.slice(0, at).replaceAll(".", ""), domain: key.slice(at + 1) };
}

/** Whether a stored address is one of this person's spellings. */
export const isAddressOf = (address: string | null | undefined, person: Person) => typeof address === "string" && emailKey(address) === person.key;

export interface DigestLetter {
  id: string;
  name: string;
  city: string | null;
  paragraph: string;
}

/**
 * A digest's data without the entries of these letters. Entries name their
 * letter; older ones (written before they did) are matched by sender, city
 * and words, one entry per letter.
 */
export function digestWithout(data: Record<string, unknown>, letters: readonly DigestLetter[]): { data: Record<string, unknown>; removed: number } {
  const entries = Array.isArray(data.entries) ? (data.entries as unknown[]) : [];
  const ids = new Set(letters.map((l) => l.id));
  const unnamed = letters.filter((l) => !entries.some((e) => isObject(e) && String(e.letterId) === l.id));
  const kept: unknown[] = [];
  let removed = 0;
  for (const entry of entries) {
    if (isObject(entry) && entry.letterId !== undefined && ids.has(String(entry.letterId))) {
      removed++;
      continue;
    }
    const same = isObject(entry) && entry.letterId === undefined ? unnamed.findIndex((l) => l.name === entry.name && (l.city ?? null) === (entry.city ?? null) && l.paragraph === entry.paragraph) : -1;
    if (same >= 0) {
      unnamed.splice(same, 1);
      removed++;
      continue;
    }
    kept.push(entry);
  }
  return { data: { ...data, entries: kept }, removed };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
