/**
 * One country's facts as a single chronological story, each with how sure it is. Pure: the
 * profile in, entries out.
 */
import type { Confidence, TreatyFactKind } from "./treaty-facts";

export type TimelineEntry =
  | { kind: "vote"; date: string; reference: string; vote: string; tally: { yes: number; no: number; abstain: number }; sourceUrl: string }
  | {
      kind: "fact";
      date: string | null;
      fact: TreatyFactKind;
      confidence: Confidence;
      notes: string;
      sourceUrl: string;
      declarationText: string | null;
      declarationUrl: string | null;
    }
  | { kind: "statement"; date: string | null; stance: string; summary: string; sourceUrl: string; confidence: Confidence };

export interface TimelineInput {
  facts: readonly {
    kind: TreatyFactKind;
    date: string | null;
    confidence: Confidence;
    notes: string;
    sourceUrl: string;
    declarationText: string | null;
    declarationUrl: string | null;
  }[];
  votes: readonly { reference: string; votedOn: string; vote: string; tally: { yes: number; no: number; abstain: number }; sourceUrl: string }[];
  statements: readonly { statedOn: string | null; stance: string; summary: string; sourceUrl: string; confidence: Confidence }[];
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
    ...input.facts.map((f) => ({
      sortDate: f.date ?? (f.kind === "signature" ? input.openedForSignatureOn : null) ?? UNDATED,
      entry: {
        kind: "fact" as const,
        date: f.date,
        fact: f.kind,
        confidence: f.confidence,
        notes: f.notes,
        sourceUrl: f.sourceUrl,
        declarationText: f.declarationText,
        declarationUrl: f.declarationUrl,
      },
    })),
    ...input.statements.map((s) => ({
      sortDate: s.statedOn ?? UNDATED,
      entry: { kind: "statement" as const, date: s.statedOn, stance: s.stance, summary: s.summary, sourceUrl: s.sourceUrl, confidence: s.confidence },
    })),
  ];
  // Stable: facts of one day keep the order votes → treaty facts → statements.
  return entries.sort((a, b) => (a.sortDate < b.sortDate ? -1 : a.sortDate > b.sortDate ? 1 : 0)).map((e) => e.entry);
}
