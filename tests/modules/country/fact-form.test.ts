import { describe, expect, it } from "vitest";
import { readStatementFact, readTreatyActionFact, readVoteFact } from "~/modules/country/fact-form";

const TODAY = "2026-11-29";
const from = (values: Record<string, string>) => (name: string) => values[name] ?? "";

describe("readTreatyActionFact", () => {
  it("takes a signature or ratification with its day and source", () => {
    expect(readTreatyActionFact(from({ action: "ratification", date: "2026-10-01", sourceUrl: " https://treaties.example.org/x ", notes: "" }), TODAY)).toEqual({
      ok: true,
      fact: { action: "ratification", actedOn: "2026-10-01", sourceUrl: "https://treaties.example.org/x", notes: "" },
    });
  });

  it("requires a source and a real day that is not in the future", () => {
    expect(readTreatyActionFact(from({ action: "signature", date: "2026-02-30", sourceUrl: "" }), TODAY)).toEqual({
      ok: false,
      errors: { date: "facts.errors.date", sourceUrl: "facts.errors.sourceRequired" },
    });
    expect(readTreatyActionFact(from({ action: "signature", date: "2027-01-01", sourceUrl: "javascript:alert(1)" }), TODAY)).toEqual({
      ok: false,
      errors: { date: "facts.errors.future", sourceUrl: "facts.errors.sourceUrl" },
    });
    expect(readTreatyActionFact(from({ action: "accession", date: "2026-01-01", sourceUrl: "https://example.org", notes: "x".repeat(501) }), TODAY)).toEqual({
      ok: false,
      errors: { action: "facts.errors.action", notes: "facts.errors.notes" },
    });
  });
});

describe("readStatementFact", () => {
  it("takes a statement, and refuses an unknown stance or an empty summary", () => {
    expect(readStatementFact(from({ date: "2026-11-01", stance: "opposes", summary: " Said no. ", sourceUrl: "https://example.org/s" }), TODAY)).toEqual({
      ok: true,
      fact: { statedOn: "2026-11-01", stance: "opposes", summary: "Said no.", sourceUrl: "https://example.org/s" },
    });
    expect(readStatementFact(from({ date: "2026-11-01", stance: "loves", summary: "  ", sourceUrl: "https://example.org/s" }), TODAY)).toEqual({
      ok: false,
      errors: { stance: "facts.errors.stance", summary: "facts.errors.summary" },
    });
  });
});

describe("readVoteFact", () => {
  it("takes one of the recorded votes, a choice and a source", () => {
    expect(readVoteFact(from({ recordedVote: "4", vote: "abstain", sourceUrl: "https://records.example.org/v" }), [3, 4])).toEqual({
      ok: true,
      fact: { recordedVoteId: 4, vote: "abstain", sourceUrl: "https://records.example.org/v" },
    });
  });

  it("refuses a vote not on record, an unknown choice and a missing source", () => {
    expect(readVoteFact(from({ recordedVote: "5", vote: "maybe" }), [3, 4])).toEqual({
      ok: false,
      errors: { recordedVote: "facts.errors.recordedVote", vote: "facts.errors.vote", sourceUrl: "facts.errors.sourceRequired" },
    });
  });
});
