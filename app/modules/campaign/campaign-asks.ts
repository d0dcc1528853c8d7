/**
 * Asks per country status: what a campaign asks of a country, by where the country stands.
 * Pure: which group a status falls in, which variant a reader sees, and how the editor's form
 * is read. Organizers write for four groups; a status without its own ask falls back.
 */
import type { AskStatusGroup } from "../../../db/schema";
import { legacyStatus } from "../country/country-standing";
import type { ParticipantStatus } from "../country/treaty-status";
import { lineField, longTextField, readLanguageTexts, type EditorErrors, type TextField } from "./campaign-form";

/** In the order the editor shows them, from furthest to nearest the treaty. */
export const ASK_GROUPS: readonly AskStatusGroup[] = ["not_signed", "signed", "party", "in_force"];

/**
 * The group a country's confirmed status falls in. Below a party the groups are the API's old
 * statuses: not signed and not joined ask the same (sign or accede, or not), and a reported
 * domestic approval is still a signatory; a party and a party in force are apart.
 */
export function askGroupOf(status: ParticipantStatus): AskStatusGroup {
  if (status === "party" || status === "in_force") return status;
  return legacyStatus(status) === "signed" ? "signed" : "not_signed";
}

/** Groups whose ask a country of this group is shown, nearest first: a party in force is still a party. */
function groupsFor(group: AskStatusGroup): AskStatusGroup[] {
  return group === "in_force" ? ["in_force", "party"] : [group];
}

export interface AskVariant {
  statusGroup: AskStatusGroup;
  language: string;
  heading: string;
  body: string;
  letterTemplate: string | null;
}

/**
 * The ask a reader sees for a country with `status`: this status in the reader's language, then
 * in the campaign's default language (for a party in force, the party's ask the same way). Null:
 * no ask fits, and the page shows the campaign's general text (title and intro).
 */
export function pickAsk<A extends Pick<AskVariant, "statusGroup" | "language">>(asks: readonly A[], status: ParticipantStatus, lng: string, defaultLanguage: string): A | null {
  for (const group of groupsFor(askGroupOf(status))) {
    for (const language of [lng, defaultLanguage]) {
      const ask = asks.find((a) => a.statusGroup === group && a.language === language);
      if (ask) return ask;
    }
  }
  return null;
}

/**
 * The body template a writer from a country with `status` starts from. The letter is written in
 * one language (`textLanguage`, the campaign text the page shows): the status's template in that
 * language, else the campaign's own template (never one in another language than the letter).
 */
export function pickLetterTemplate(asks: readonly AskVariant[], status: ParticipantStatus, textLanguage: string, campaignTemplate: string): string {
  for (const group of groupsFor(askGroupOf(status))) {
    const ask = asks.find((a) => a.statusGroup === group && a.language === textLanguage && a.letterTemplate !== null);
    if (ask?.letterTemplate) return ask.letterTemplate;
  }
  return campaignTemplate;
}

/** One status's ask as the editor's form has it (`template` only for letter campaigns). */
export interface AskText {
  heading: string;
  body: string;
  template: string;
}

/** A field that may stay empty; when filled it must be what `field` accepts. */
function optional(field: TextField<string>): TextField<string> {
  return { ...field, isValid: (v) => v === "" || field.isValid(v) };
}

/**
 * Reads the asks editor for one language: per status group `heading.<group>`, `body.<group>` and,
 * for a letter campaign, `template.<group>` (checked like the campaign's template: only merge fields
 * that exist, via `isTemplate`). A group left empty has no ask; one half filled is an error.
 */
export function readAsksForm(
  get: (name: string) => string,
  withTemplate: boolean,
  isTemplate: (text: string) => boolean,
): { ok: true; asks: Partial<Record<AskStatusGroup, AskText>> } | { ok: false; errors: EditorErrors } {
  const errors: EditorErrors = {};
  const template = longTextField(10_000, "organize:asks.editor.errors.template", isTemplate);
  const fields: { [K in keyof AskText]: TextField<string> } = {
    heading: lineField(160, "organize:asks.editor.errors.heading"),
    body: longTextField(1_000, "organize:asks.editor.errors.body"),
    // A campaign without templates reads nothing: a posted field is ignored, not stored.
    template: withTemplate ? optional(template) : { read: () => "", isEmpty: () => true, isValid: () => true, error: "" },
  };
  // The groups stand where readLanguageTexts puts languages; no group is required.
  const asks = readLanguageTexts<AskText>(get, ASK_GROUPS, "", fields, errors) as Partial<Record<AskStatusGroup, AskText>>;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, asks };
}
