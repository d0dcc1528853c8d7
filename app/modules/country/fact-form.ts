import type { Stance, VoteChoice } from "../../../db/schema";
import { sourceConfidence } from "../../../db/treaty-actions";
import { isConfidence, isTreatyFactKind, type Confidence, type TreatyFactKind } from "./treaty-facts";

export type FactField =
  | "action"
  | "date"
  | "sourceUrl"
  | "notes"
  | "confidence"
  | "declarationText"
  | "declarationUrl"
  | "stance"
  | "summary"
  | "recordedVote"
  | "vote";
type Errors = Partial<Record<FactField, string>>;
type Read<T> = { ok: true; fact: T } | { ok: false; errors: Errors };

const CONTROL = /[\p{Cc}]/u;
const STANCES: readonly Stance[] = ["supports", "opposes", "mixed", "unknown"];

function day(raw: string, today: string, errors: Errors): string | null {
  const value = raw.trim();
  const valid = /^\d{4}-\d{2}-\d{2}$/u.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!valid) errors.date = "facts.errors.date";
  else if (value > today) errors.date = "facts.errors.future";
  return valid ? value : null;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && !/\s/u.test(value);
  } catch {
    return false;
  }
}

function sourceUrl(raw: string, errors: Errors): string {
  const value = raw.trim();
  if (!isHttpUrl(value)) errors.sourceUrl = value ? "facts.errors.sourceUrl" : "facts.errors.sourceRequired";
  return value;
}

/** A treaty fact as the organizer editor and the lead confirmation read it (the writer's input without the participant). */
export interface TreatyFactForm {
  kind: TreatyFactKind;
  /** Null when the source gives no day; the notes then say what it does give. */
  actedOn: string | null;
  sourceUrl: string;
  notes: string;
  confidence: Confidence;
  declarationText: string | null;
  declarationUrl: string | null;
}

const LONG_TEXT = 4000;
/** Kinds whose notes must say what happened: a domestic step and a statement are described, not deposited. */
const DESCRIBED: readonly TreatyFactKind[] = ["domestic_step", "statement"];

function optionalDay(raw: string, today: string, errors: Errors): string | null {
  return raw.trim() === "" ? null : day(raw, today, errors);
}

function optionalUrl(raw: string, field: FactField, errors: Errors): string | null {
  const value = raw.trim();
  if (value === "") return null;
  if (!isHttpUrl(value)) errors[field] = "facts.errors.declarationUrl";
  return value;
}

/**
 * How sure the fact is: empty means what its source says (`sourceConfidence`); `depositary`
 * only with a UN Treaty Collection address, since only the depositary's record is that.
 */
function confidenceOf(raw: string, url: string, urlValid: boolean, errors: Errors): Confidence {
  const value = raw.trim();
  const fromSource: Confidence = urlValid ? sourceConfidence(url) : "reported";
  if (value === "") return fromSource;
  if (!isConfidence(value)) {
    errors.confidence = "facts.errors.confidence";
    return fromSource;
  }
  if (value === "depositary" && urlValid && fromSource !== "depositary") errors.confidence = "facts.errors.depositaryOnlyUntc";
  return value;
}

/**
 * Any fact of the depositary's vocabulary as an organizer records it: what happened, the day
 * (optional when the source gives none, and then the notes must say so), the source, notes,
 * and how sure it is. A declaration or reservation carries its text and/or a link to it;
 * only it does. Returns translation keys by field, never a partial fact.
 */
export function readTreatyFact(get: (name: string) => string, today: string): Read<TreatyFactForm> {
  const errors: Errors = {};
  const kind = get("action").trim();
  if (!isTreatyFactKind(kind)) errors.action = "facts.errors.kind";
  const actedOn = optionalDay(get("date"), today, errors);
  const url = sourceUrl(get("sourceUrl"), errors);
  const notes = get("notes").trim();
  if (notes.length > 500 || CONTROL.test(notes)) errors.notes = "facts.errors.notes";
  else if (notes === "" && actedOn === null && !errors.date) errors.notes = "facts.errors.notesWithoutDate";
  else if (notes === "" && isTreatyFactKind(kind) && DESCRIBED.includes(kind)) errors.notes = "facts.errors.notesDescribe";
  const confidence = confidenceOf(get("confidence"), url, !errors.sourceUrl, errors);
  const text = get("declarationText").trim().replace(/\r\n?/gu, "\n");
  const declarationUrl = optionalUrl(get("declarationUrl"), "declarationUrl", errors);
  if (text.length > LONG_TEXT || CONTROL.test(text.replace(/[\n\t]/gu, ""))) errors.declarationText = "facts.errors.declarationText";
  if (kind === "declaration_or_reservation") {
    if (text === "" && declarationUrl === null && !errors.declarationUrl) errors.declarationText = "facts.errors.declarationMissing";
  } else if (text !== "" || declarationUrl !== null) {
    errors[text !== "" ? "declarationText" : "declarationUrl"] = "facts.errors.declarationOnly";
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    fact: { kind: kind as TreatyFactKind, actedOn, sourceUrl: url, notes, confidence, declarationText: text === "" ? null : text, declarationUrl },
  };
}

/** A public statement: when, which way, a one-paragraph summary, and its source. */
export function readStatementFact(get: (name: string) => string, today: string): Read<{ statedOn: string; stance: Stance; summary: string; sourceUrl: string }> {
  const errors: Errors = {};
  const statedOn = day(get("date"), today, errors);
  const stance = get("stance");
  if (!(STANCES as readonly string[]).includes(stance)) errors.stance = "facts.errors.stance";
  const summary = get("summary").trim().replace(/\r\n?/gu, "\n");
  if (summary.length === 0 || summary.length > 1000 || CONTROL.test(summary.replace(/\n/gu, ""))) errors.summary = "facts.errors.summary";
  const url = sourceUrl(get("sourceUrl"), errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, fact: { statedOn: statedOn!, stance: stance as Stance, summary, sourceUrl: url } };
}

const VOTES: readonly VoteChoice[] = ["yes", "no", "abstain", "absent"];

/** How the country voted in one of the treaty's recorded votes (its day is the vote's), and the source that says so. */
export function readVoteFact(get: (name: string) => string, recordedVoteIds: readonly number[]): Read<{ recordedVoteId: number; vote: VoteChoice; sourceUrl: string }> {
  const errors: Errors = {};
  const recordedVoteId = Number(get("recordedVote"));
  if (!recordedVoteIds.includes(recordedVoteId)) errors.recordedVote = "facts.errors.recordedVote";
  const vote = get("vote");
  if (!(VOTES as readonly string[]).includes(vote)) errors.vote = "facts.errors.vote";
  const url = sourceUrl(get("sourceUrl"), errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, fact: { recordedVoteId, vote: vote as VoteChoice, sourceUrl: url } };
}

/** The lead being resolved, as far as the form needs it. */
export interface LeadToResolve {
  sourceUrl: string;
  /** False for a total or a process event: they name no participant, so confirming one records no fact. */
  namesParticipant: boolean;
}

export type LeadConfirmation = { kind: "fact"; fact: TreatyFactForm } | { kind: "note"; sourceUrl: string; note: string };

const sameAddress = (a: string, b: string) => {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a.trim() === b.trim();
  }
};

/**
 * A lead confirmed with a better source: the fact it rests on (kind, day, confidence, note),
 * or for a lead that names no participant, the better source and a note only. The better
 * source must not be the lead's own.
 */
export function readLeadConfirmation(get: (name: string) => string, today: string, lead: LeadToResolve): Read<LeadConfirmation> {
  if (lead.namesParticipant) {
    const read = readTreatyFact(get, today);
    const errors: Errors = read.ok ? {} : { ...read.errors };
    if (!errors.sourceUrl && sameAddress(get("sourceUrl"), lead.sourceUrl)) errors.sourceUrl = "leads.errors.sameSource";
    if (Object.keys(errors).length > 0 || !read.ok) return { ok: false, errors };
    return { ok: true, fact: { kind: "fact", fact: read.fact } };
  }
  const errors: Errors = {};
  const url = sourceUrl(get("sourceUrl"), errors);
  if (!errors.sourceUrl && sameAddress(url, lead.sourceUrl)) errors.sourceUrl = "leads.errors.sameSource";
  const note = readNote(get("notes"), errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, fact: { kind: "note", sourceUrl: url, note } };
}

function readNote(raw: string, errors: Errors): string {
  const note = raw.trim();
  if (note === "") errors.notes = "leads.errors.noteRequired";
  else if (note.length > 500 || CONTROL.test(note)) errors.notes = "facts.errors.notes";
  return note;
}

/** Why a lead is dismissed: a note is required, so the next organizer knows. */
export function readLeadDismissal(get: (name: string) => string): Read<{ note: string }> {
  const errors: Errors = {};
  const note = readNote(get("notes"), errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, fact: { note } };
}
