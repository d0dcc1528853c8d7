/**
 * One country's facts as a single chronological story. Pure: the profile in, entries out.
 */
import type { TreatyActionFact } from "./country";

export type TimelineEntry =
  | { kind: "vote"; date: string; reference: string; vote: string; tally: { yes: number; no: number; abstain: number }; sourceUrl: string }
  | { kind: "action"; date: string | null; action: TreatyActionFact["action"]; notes: string; sourceUrl: string }
  | { kind: "statement"; date: string | null; stance: string; summary: string; sourceUrl: string };

export interface TimelineInput {
  actions: readonly TreatyActionFact[];
  votes: readonly { reference: string; votedOn: string; vote: string; tally: { yes: number; no: number; abstain: number }; sourceUrl: string }[];
  statements: readonly { statedOn: string | null; stance: string; summary: string; sourceUrl: string }[];
  /** Where a signature's day is unconfirmed, it is placed at the opening of signature. */
  openedForSignatureOn: string | null;
}

const UNDATED = "9999-12-31";

export function countryTimeline(input: TimelineInput): TimelineEntry[] {
  const entries: { sortDate: string; entry: TimelineEntry }[] = [
    ...input.votes.map((v) => ({
      sortDate: v.votedOn,
      entry: { kind: "vote" as const, date: v.votedOn, reference: v.reference, vote: v.vote, tally: v.tally, sourceUrl: v.sourceUrl },
    })),
    ...input.actions.map((a) => ({
      sortDate: a.actedOn ?? (a.action === "signature" ? input.openedForSignatureOn : null) ?? UNDATED,
      entry: { kind: "action" as const, date: a.actedOn, action: a.action, notes: a.notes, sourceUrl: a.sourceUrl },
    })),
    ...input.statements.map((s) => ({
      sortDate: s.statedOn ?? UNDATED,
      entry: { kind: "statement" as const, date: s.statedOn, stance: s.stance, summary: s.summary, sourceUrl: s.sourceUrl },
    })),
  ];
  // Stable: facts of one day keep the order votes → actions → statements.
  return entries.sort((a, b) => (a.sortDate < b.sortDate ? -1 : a.sortDate > b.sortDate ? 1 : 0)).map((e) => e.entry);
}
