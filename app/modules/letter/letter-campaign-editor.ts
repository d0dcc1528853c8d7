import type { DeliveryMode } from "../../../db/schema";
import { unknownMergeFields } from "./letter-template";
import { lineField, longTextField, readLanguageTexts, readSlugAndLanguage, readWholeNumber, SINGLE_LINE, type EditorErrors, type TextField } from "../campaign/campaign-form";

export interface LetterCampaignText {
  title: string;
  intro: string;
  /** Subject lines senders choose from, one per line in the form. */
  subjects: string[];
  bodyTemplate: string;
}

export interface LetterCampaignDraft {
  slug: string;
  defaultLanguage: string;
  deliveryMode: DeliveryMode;
  dailyCapPerTarget: number;
  minPersonalChars: number;
  /** Confirmed letters aimed for, or null. */
  goal: number | null;
  targetIds: number[];
  texts: Record<string, LetterCampaignText>;
}

export const MAX_SUBJECT_VARIANTS = 10;

const subjectLines: TextField<string[]> = {
  read: (raw) =>
    raw
      .split(/\r\n?|\n/u)
      .map((line) => line.trim())
      .filter(Boolean),
  isEmpty: (lines) => lines.length === 0,
  isValid: (lines) => lines.length > 0 && lines.length <= MAX_SUBJECT_VARIANTS && lines.every((line) => line.length <= 200 && SINGLE_LINE.test(line)),
  error: "letterEditor.errors.subjects",
};

const LETTER_TEXT = {
  title: lineField(200, "editor.errors.title"),
  intro: longTextField(5_000, "letterEditor.errors.intro"),
  subjects: subjectLines,
  // A merge field that does not exist would reach the decision maker as `{{…}}`.
  bodyTemplate: longTextField(10_000, "letterEditor.errors.bodyTemplate", (text) => unknownMergeFields(text).length === 0),
};

const DELIVERY_MODES: readonly DeliveryMode[] = ["individual", "digest"];

/**
 * Reads the letter campaign editor: `slug`, `defaultLanguage`, `deliveryMode`,
 * `dailyCapPerTarget`, `minPersonalChars`, `goal` (may be empty), the chosen `target` ids, and per
 * language `title.<lng>`, `intro.<lng>`, `subjects.<lng>` (one per line) and
 * `bodyTemplate.<lng>`. Whether the target ids exist is the database's to say.
 */
export function readLetterCampaignForm(
  get: (name: string) => string,
  getAll: (name: string) => string[],
  languages: readonly string[],
): { ok: true; draft: LetterCampaignDraft } | { ok: false; errors: EditorErrors } {
  const errors: EditorErrors = {};
  const { slug, defaultLanguage } = readSlugAndLanguage(get, languages, errors);
  const deliveryMode = get("deliveryMode") as DeliveryMode;
  if (!DELIVERY_MODES.includes(deliveryMode)) errors.deliveryMode = "letterEditor.errors.deliveryMode";
  const dailyCapPerTarget = readWholeNumber(get, "dailyCapPerTarget", { min: 1, max: 100_000 }, "letterEditor.errors.dailyCap", errors);
  const minPersonalChars = readWholeNumber(get, "minPersonalChars", { min: 0, max: 2_000 }, "letterEditor.errors.minPersonalChars", errors);
  const goal = readWholeNumber(get, "goal", { min: 1, max: 100_000_000, empty: null }, "editor.errors.goal", errors);
  const targetIds = [...new Set(getAll("target").map(Number))];
  // Ids are PostgreSQL integers: anything larger is no target (and must not reach the database as an error).
  if (targetIds.some((id) => !Number.isInteger(id) || id < 1 || id > 2_147_483_647)) errors.targets = "letterEditor.errors.targets";
  const texts = readLanguageTexts<LetterCampaignText>(get, languages, defaultLanguage, LETTER_TEXT, errors);
  if (Object.keys(errors).length > 0 || dailyCapPerTarget === null || minPersonalChars === null) return { ok: false, errors };
  return { ok: true, draft: { slug, defaultLanguage, deliveryMode, dailyCapPerTarget, minPersonalChars, goal, targetIds, texts } };
}

/** A campaign goes live only with someone to write to. */
export function publishBlocker(targetCount: number): string | null {
  return targetCount > 0 ? null : "letterEditor.errors.noTargets";
}
