import { describe, expect, it } from "vitest";
import { readLeadConfirmation, readLeadDismissal, readStatementFact, readTreatyFact, readVoteFact } from "~/modules/country/fact-form";

const TODAY = "2026-11-29";
const from = (values: Record<string, string>) => (name: string) => values[name] ?? "";

const UNTC = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-16&chapter=18";
const fact = (values: Record<string, string>) => readTreatyFact(from(values), TODAY);
const base = { date: "2026-10-01", sourceUrl: " https://news.example.org/x ", notes: "" };

describe("readTreatyFact", () => {
  it("takes a signature or ratification with its day and source, its confidence read from the source", () => {
    expect(fact({ action: "ratification", ...base })).toEqual({
      ok: true,
      fact: { kind: "ratification", actedOn: "2026-10-01", sourceUrl: "https://news.example.org/x", notes: "", confidence: "press", declarationText: null, declarationUrl: null },
    });
    expect(fact({ action: "signature", date: "2025-10-25", sourceUrl: UNTC })).toMatchObject({ ok: true, fact: { kind: "signature", confidence: "depositary" } });
    expect(fact({ action: "signature", date: "2025-10-25", sourceUrl: "https://www.gov.uk/x" })).toMatchObject({ ok: true, fact: { confidence: "official" } });
  });

  it.each(["signature", "ratification", "acceptance", "approval", "accession", "succession", "formal_confirmation"])("takes a %s with any confidence the source allows", (kind) => {
    expect(fact({ action: kind, date: "2026-11-02", sourceUrl: UNTC, confidence: "depositary" })).toMatchObject({ ok: true, fact: { kind, confidence: "depositary" } });
    expect(fact({ action: kind, date: "2026-11-02", sourceUrl: UNTC, confidence: "reported" })).toMatchObject({ ok: true, fact: { kind, confidence: "reported" } });
    expect(fact({ action: kind, ...base, confidence: "official" })).toMatchObject({ ok: true, fact: { kind, confidence: "official" } });
  });

  it("takes a declaration or reservation with its text, its link or both, and requires one of them", () => {
    expect(fact({ action: "declaration_or_reservation", ...base, declarationText: " Article 22 applies only\r\nwithin limits. " })).toMatchObject({
      ok: true,
      fact: { kind: "declaration_or_reservation", declarationText: "Article 22 applies only\nwithin limits.", declarationUrl: null },
    });
    expect(fact({ action: "declaration_or_reservation", ...base, declarationUrl: "https://docs.example.org/decl.pdf" })).toMatchObject({
      ok: true,
      fact: { declarationText: null, declarationUrl: "https://docs.example.org/decl.pdf" },
    });
    expect(fact({ action: "declaration_or_reservation", ...base })).toEqual({ ok: false, errors: { declarationText: "facts.errors.declarationMissing" } });
    expect(fact({ action: "declaration_or_reservation", ...base, declarationUrl: "ftp://x" })).toEqual({ ok: false, errors: { declarationUrl: "facts.errors.declarationUrl" } });
    expect(fact({ action: "declaration_or_reservation", ...base, declarationText: "x".repeat(4001) })).toEqual({ ok: false, errors: { declarationText: "facts.errors.declarationText" } });
  });

  it("refuses a declaration's text or link on any other kind of fact", () => {
    expect(fact({ action: "ratification", ...base, declarationText: "A reservation" })).toEqual({ ok: false, errors: { declarationText: "facts.errors.declarationOnly" } });
    expect(fact({ action: "signature", ...base, declarationUrl: "https://docs.example.org/d" })).toEqual({ ok: false, errors: { declarationUrl: "facts.errors.declarationOnly" } });
  });

  it("takes a domestic step or a statement as a fact, described in the notes", () => {
    expect(fact({ action: "domestic_step", ...base, notes: "Parliament approved the bill" })).toMatchObject({ ok: true, fact: { kind: "domestic_step", notes: "Parliament approved the bill" } });
    expect(fact({ action: "statement", ...base, notes: "The minister said it will ratify" })).toMatchObject({ ok: true, fact: { kind: "statement" } });
    expect(fact({ action: "domestic_step", ...base })).toEqual({ ok: false, errors: { notes: "facts.errors.notesDescribe" } });
    expect(fact({ action: "statement", ...base })).toEqual({ ok: false, errors: { notes: "facts.errors.notesDescribe" } });
  });

  it("takes a fact without a day when the notes say what the source gives", () => {
    expect(fact({ action: "domestic_step", date: "", sourceUrl: "https://news.example.org/y", notes: "February 2026, day not given" })).toMatchObject({
      ok: true,
      fact: { actedOn: null, notes: "February 2026, day not given" },
    });
    expect(fact({ action: "approval", date: "  ", sourceUrl: "https://news.example.org/y" })).toEqual({ ok: false, errors: { notes: "facts.errors.notesWithoutDate" } });
  });

  it("refuses an unknown kind, a date that is not a day or is in the future, a missing or unsafe source, long notes", () => {
    expect(fact({ action: "withdrawal", ...base })).toEqual({ ok: false, errors: { action: "facts.errors.kind" } });
    expect(fact({ action: "", ...base })).toEqual({ ok: false, errors: { action: "facts.errors.kind" } });
    expect(fact({ action: "signature", date: "2026-02-30", sourceUrl: "" })).toEqual({ ok: false, errors: { date: "facts.errors.date", sourceUrl: "facts.errors.sourceRequired" } });
    expect(fact({ action: "signature", date: "1 Nov 2026", sourceUrl: "https://x.example.org" })).toEqual({ ok: false, errors: { date: "facts.errors.date" } });
    expect(fact({ action: "signature", date: "2027-01-01", sourceUrl: "javascript:alert(1)" })).toEqual({ ok: false, errors: { date: "facts.errors.future", sourceUrl: "facts.errors.sourceUrl" } });
    expect(fact({ action: "accession", date: "2026-01-01", sourceUrl: "https://example.org", notes: "x".repeat(501) })).toEqual({ ok: false, errors: { notes: "facts.errors.notes" } });
    expect(fact({ action: "accession", date: "2026-01-01", sourceUrl: "https://example.org", notes: "bell\u0007" })).toEqual({ ok: false, errors: { notes: "facts.errors.notes" } });
  });

  it("allows `depositary` only with a UN Treaty Collection source, and refuses an unknown confidence", () => {
    expect(fact({ action: "signature", ...base, confidence: "depositary" })).toEqual({ ok: false, errors: { confidence: "facts.errors.depositaryOnlyUntc" } });
    expect(fact({ action: "signature", date: "2026-01-01", sourceUrl: "https://treaties.un.org.evil.example/x", confidence: "depositary" })).toEqual({
      ok: false,
      errors: { confidence: "facts.errors.depositaryOnlyUntc" },
    });
    expect(fact({ action: "signature", ...base, confidence: "low" })).toEqual({ ok: false, errors: { confidence: "facts.errors.confidence" } });
    expect(fact({ action: "signature", ...base, confidence: "reported" })).toMatchObject({ ok: true, fact: { confidence: "reported" } });
  });
});

describe("readLeadConfirmation", () => {
  const lead = { sourceUrl: "https://digest.example.org/weekly", namesParticipant: true };
  it("takes the fact a better source gives, and refuses the lead's own source as the better one", () => {
    expect(readLeadConfirmation(from({ action: "approval", date: "2026-02-10", sourceUrl: "https://www.gov.az/approval", notes: "Parliament vote" }), TODAY, lead)).toEqual({
      ok: true,
      fact: {
        kind: "fact",
        fact: { kind: "approval", actedOn: "2026-02-10", sourceUrl: "https://www.gov.az/approval", notes: "Parliament vote", confidence: "official", declarationText: null, declarationUrl: null },
      },
    });
    expect(readLeadConfirmation(from({ action: "approval", date: "2026-02-10", sourceUrl: " https://digest.example.org/weekly " }), TODAY, lead)).toEqual({
      ok: false,
      errors: { sourceUrl: "leads.errors.sameSource" },
    });
    expect(readLeadConfirmation(from({ action: "nothing", date: "2026-02-10", sourceUrl: "https://digest.example.org/weekly", confidence: "low" }), TODAY, lead)).toEqual({
      ok: false,
      errors: { action: "facts.errors.kind", sourceUrl: "leads.errors.sameSource", confidence: "facts.errors.confidence" },
    });
  });

  it("confirms a lead that names no participant with a better source and a note only", () => {
    const total = { sourceUrl: "https://digest.example.org/weekly", namesParticipant: false };
    expect(readLeadConfirmation(from({ sourceUrl: "https://news.example.org/74", notes: "74 signatories reported" }), TODAY, total)).toEqual({
      ok: true,
      fact: { kind: "note", sourceUrl: "https://news.example.org/74", note: "74 signatories reported" },
    });
    expect(readLeadConfirmation(from({ sourceUrl: "https://digest.example.org/weekly", notes: "" }), TODAY, total)).toEqual({
      ok: false,
      errors: { sourceUrl: "leads.errors.sameSource", notes: "leads.errors.noteRequired" },
    });
    expect(readLeadConfirmation(from({ sourceUrl: "", notes: "x".repeat(501) }), TODAY, total)).toEqual({
      ok: false,
      errors: { sourceUrl: "facts.errors.sourceRequired", notes: "facts.errors.notes" },
    });
  });
});

describe("readLeadDismissal", () => {
  it("requires a note saying why", () => {
    expect(readLeadDismissal(from({ notes: " Not in any record " }))).toEqual({ ok: true, fact: { note: "Not in any record" } });
    expect(readLeadDismissal(from({ notes: " " }))).toEqual({ ok: false, errors: { notes: "leads.errors.noteRequired" } });
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
