/**
 * Updates to the people of a campaign, as pure rules (no I/O, the time passed in): what the
 * compose form may hold, which actions an update still takes, who may be mailed, the language
 * of each mail, and how enqueueing goes in batches.
 */
import type { UpdateAudience, UpdateStatus } from "../../../db/schema";
import { SUPPORTED_LANGUAGES, type Language } from "../../lib/i18n/languages";

export const UPDATE_AUDIENCES: readonly UpdateAudience[] = ["signers", "writers", "followers"];
export const SUBJECT_MAX = 200;
export const BODY_MAX = 20_000;

/** How many people one batch enqueues (one short transaction each). */
export const UPDATE_BATCH_SIZE = 10_000;

export type CampaignKind = "petition" | "letter";

/** The audiences a campaign of this kind may write to. */
export function audiencesFor(kind: CampaignKind): UpdateAudience[] {
  return kind === "petition" ? ["signers", "followers"] : ["writers", "followers"];
}

export interface UpdateText {
  subject: string;
  body: string;
}

export interface UpdateFormValues {
  audience: string;
  country: string;
  language: string;
  since: string;
  defaultLanguage: string;
  public: boolean;
  sendAt: string;
  texts: Record<Language, UpdateText>;
}

export type UpdateField = "audience" | "country" | "language" | "since" | "defaultLanguage" | "sendAt" | `subject_${Language}` | `body_${Language}`;

export interface ValidUpdate {
  audience: UpdateAudience;
  country: string | null;
  language: Language | null;
  since: Date | null;
  defaultLanguage: Language;
  public: boolean;
  /** Only the languages written (both subject and body). */
  texts: Partial<Record<Language, UpdateText>>;
}

const str = (value: unknown) => (typeof value === "string" ? value : "");
const isLanguage = (value: string): value is Language => (SUPPORTED_LANGUAGES as readonly string[]).includes(value);

export function readUpdateValues(form: { get(name: string): unknown }): UpdateFormValues {
  const texts = Object.fromEntries(
    SUPPORTED_LANGUAGES.map((lng) => [
      lng,
      {
        subject: str(form.get(`subject_${lng}`)).trim(),
        body: str(form.get(`body_${lng}`))
          .replace(/\r\n?/gu, "\n")
          .trim(),
      },
    ]),
  ) as Record<Language, UpdateText>;
  return {
    audience: str(form.get("audience")),
    country: str(form.get("country")).trim().toUpperCase(),
    language: str(form.get("language")),
    since: str(form.get("since")).trim(),
    defaultLanguage: str(form.get("defaultLanguage")),
    public: form.get("public") === "on",
    sendAt: str(form.get("sendAt")).trim(),
    texts,
  };
}

/** A date (`YYYY-MM-DD`) or a time (`YYYY-MM-DDTHH:MM`, UTC) from a form field; null if it is not one. */
export function parseFormTime(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/u.exec(value);
  if (!match) return null;
  const [, y, m, d, hh = "00", mm = "00"] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), Number(hh), Number(mm)));
  return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d) && Number(hh) < 24 && Number(mm) < 60 ? date : null;
}

/**
 * Checks the compose form: an audience this campaign has, a country for followers, a known
 * language filter, the default language written in full, every other language either written
 * in full or left empty. Messages are keys of the `updates` namespace.
 */
export function validateUpdate(
  values: UpdateFormValues,
  kind: CampaignKind,
): { ok: true; update: ValidUpdate } | { ok: false; errors: Partial<Record<UpdateField, string>> } {
  const errors: Partial<Record<UpdateField, string>> = {};
  const audience = audiencesFor(kind).find((a) => a === values.audience);
  if (!audience) errors.audience = "errors.audience";
  const country = values.country === "" ? null : values.country;
  if (country !== null && !/^[A-Z]{3}$/u.test(country)) errors.country = "errors.country";
  if (audience === "followers" && country === null) errors.country = "errors.countryNeeded";
  const language = values.language === "" ? null : values.language;
  if (language !== null && !isLanguage(language)) errors.language = "errors.language";
  const since = values.since === "" ? null : parseFormTime(values.since);
  if (values.since !== "" && since === null) errors.since = "errors.date";
  if (!isLanguage(values.defaultLanguage)) errors.defaultLanguage = "errors.language";
  const texts: Partial<Record<Language, UpdateText>> = {};
  for (const lng of SUPPORTED_LANGUAGES) {
    const { subject, body } = values.texts[lng];
    if (subject.length > SUBJECT_MAX) errors[`subject_${lng}`] = "errors.subjectLong";
    if (body.length > BODY_MAX) errors[`body_${lng}`] = "errors.bodyLong";
    if (subject === "" && body === "") {
      if (lng === values.defaultLanguage) errors[`subject_${lng}`] = "errors.defaultText";
      continue;
    }
    if (subject === "") errors[`subject_${lng}`] = "errors.subjectMissing";
    if (body === "") errors[`body_${lng}`] = "errors.bodyMissing";
    texts[lng] = { subject, body };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    update: {
      audience: audience!,
      country,
      language: language as Language | null,
      since,
      defaultLanguage: values.defaultLanguage as Language,
      public: values.public,
      texts,
    },
  };
}

/** The language of one person's mail: theirs if the update is written in it, else the update's default. */
export function mailLanguage(personLanguage: string, written: readonly string[], defaultLanguage: string): string {
  return written.includes(personLanguage) ? personLanguage : defaultLanguage;
}

/** What a reader of the public page gets: the text in their language, else the default's. */
export function textFor<T>(texts: ReadonlyMap<string, T>, lng: string, defaultLanguage: string): T | undefined {
  return texts.get(lng) ?? texts.get(defaultLanguage);
}

export type UpdateAction = "edit" | "send" | "schedule" | "cancel" | "test";

/** Which actions an update in this state takes: a draft all but cancel; a scheduled one all (schedule again moves its time); one going out only cancel. */
export function mayDo(status: UpdateStatus, action: UpdateAction): boolean {
  switch (status) {
    case "draft":
      return action !== "cancel";
    case "scheduled":
      return true;
    case "sending":
      return action === "cancel";
    case "sent":
    case "cancelled":
      return false;
  }
}

/** A scheduled time must be ahead of now (a minute's grace) and within a year. */
export function checkSendAt(sendAt: Date | null, now: Date): "ok" | "missing" | "past" | "far" {
  if (!sendAt) return "missing";
  if (sendAt.getTime() < now.getTime() - 60_000) return "past";
  if (sendAt.getTime() > now.getTime() + 366 * 86_400_000) return "far";
  return "ok";
}

/** A scheduled update is due at its time. */
export function isDue(update: { status: UpdateStatus; sendAt: Date | null }, now: Date): boolean {
  return update.status === "scheduled" && update.sendAt !== null && update.sendAt.getTime() <= now.getTime();
}

export type PersonDecision = { mail: true } | { mail: false; reason: "no_consent" | "not_confirmed" | "do_not_mail" };

/**
 * Whether an update may go to a person's row: only a confirmed signature or letter whose
 * writer ticked "send me news about this campaign" (and has not unsubscribed from it, which
 * clears the box), or a confirmed follow; never an address on the do-not-mail list
 * (unsubscribed from all mail, bounced, complained). Erased people have no rows left.
 */
export function mayMailPerson(person: { confirmed: boolean; consent: boolean }, onDoNotMailList: boolean): PersonDecision {
  if (!person.confirmed) return { mail: false, reason: "not_confirmed" };
  if (!person.consent) return { mail: false, reason: "no_consent" };
  if (onDoNotMailList) return { mail: false, reason: "do_not_mail" };
  return { mail: true };
}

/** A batch smaller than asked for was the last one. */
export function isLastBatch(found: number, batchSize: number): boolean {
  return found < batchSize;
}

/** The outbox's idempotency key of one person's mail of an update: a second enqueue adds nothing. */
export function updateMailKey(updateId: string, kind: "s" | "l" | "f", personId: string): string {
  return `campaign-update:${updateId}:${kind}${personId}`;
}
