import type { Stance, TreatyActionKind, VoteChoice } from "../../../db/schema";

export type FactField = "action" | "date" | "sourceUrl" | "notes" | "stance" | "summary" | "recordedVote" | "vote";
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

function sourceUrl(raw: string, errors: Errors): string {
  const value = raw.trim();
  let ok = false;
  try {
    const url = new URL(value);
    ok = (url.protocol === "https:" || url.protocol === "http:") && !/\s/u.test(value);
  } catch {
    ok = false;
  }
  if (!ok) errors.sourceUrl = value ? "facts.errors.sourceUrl" : "facts.errors.sourceRequired";
  return value;
}

/**
 * A signature or ratification as an organizer records it: the day it
 * happened (not in the future) and the source that says so are required.
 */
export function readTreatyActionFact(get: (name: string) => string, today: string): Read<{ action: TreatyActionKind; actedOn: string; sourceUrl: string; notes: string }> {
  const errors: Errors = {};
  const action = get("action");
  if (action !== "signature" && action !== "ratification") errors.action = "facts.errors.action";
  const actedOn = day(get("date"), today, errors);
  const url = sourceUrl(get("sourceUrl"), errors);
  const notes = get("notes").trim();
  if (notes.length > 500 || CONTROL.test(notes)) errors.notes = "facts.errors.notes";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, fact: { action: action as TreatyActionKind, actedOn: actedOn!, sourceUrl: url, notes } };
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
