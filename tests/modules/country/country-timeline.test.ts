import { describe, expect, it } from "vitest";
import { countryTimeline, type TimelineInput } from "~/modules/country/country-timeline";

const source = "https://example.org/source";
const tally = { yes: 1, no: 2, abstain: 3 };
const fact = (f: Partial<TimelineInput["facts"][number]> & Pick<TimelineInput["facts"][number], "kind" | "date">): TimelineInput["facts"][number] => ({
  confidence: "depositary",
  notes: "",
  sourceUrl: source,
  declarationText: null,
  declarationUrl: null,
  ...f,
});

describe("countryTimeline", () => {
  it("puts votes, signature and statements in date order", () => {
    const entries = countryTimeline({
      votes: [
        { reference: "B", votedOn: "2019-12-27", vote: "no", tally, sourceUrl: source },
        { reference: "A", votedOn: "2018-12-17", vote: "no", tally, sourceUrl: source },
      ],
      facts: [fact({ kind: "signature", date: "2025-10-25", notes: "" })],
      statements: [{ statedOn: "2024-11-11", stance: "supports", summary: "s", sourceUrl: source, confidence: "official" }],
      openedForSignatureOn: "2025-10-25",
    });
    expect(entries.map((e) => [e.kind, e.date])).toEqual([
      ["vote", "2018-12-17"],
      ["vote", "2019-12-27"],
      ["statement", "2024-11-11"],
      ["fact", "2025-10-25"],
    ]);
  });

  it("places a signature of unconfirmed day at the opening for signature, without inventing its date", () => {
    const entries = countryTimeline({
      votes: [],
      facts: [fact({ kind: "signature", date: null, notes: "signed at Hanoi 25–26 Oct 2025" })],
      statements: [
        { statedOn: "2026-02-10", stance: "supports", summary: "later", sourceUrl: source, confidence: "press" },
        { statedOn: "2024-01-01", stance: "mixed", summary: "earlier", sourceUrl: source, confidence: "press" },
        { statedOn: null, stance: "unknown", summary: "undated", sourceUrl: source, confidence: "reported" },
      ],
      openedForSignatureOn: "2025-10-25",
    });
    expect(entries.map((e) => (e.kind === "statement" ? e.summary : e.kind))).toEqual(["earlier", "fact", "later", "undated"]);
    expect(entries[1]).toMatchObject({ kind: "fact", date: null });
  });

  it("keeps every kind of fact with its confidence, and a declaration with its text and link", () => {
    const entries = countryTimeline({
      votes: [],
      facts: [
        fact({ kind: "domestic_step", date: "2026-02-10", confidence: "press", notes: "Parliament approved." }),
        fact({ kind: "declaration_or_reservation", date: "2025-10-25", confidence: "official", declarationText: "Reservation on art. 7(2).", declarationUrl: "https://example.org/text" }),
      ],
      statements: [],
      openedForSignatureOn: "2025-10-25",
    });
    expect(entries).toEqual([
      expect.objectContaining({ kind: "fact", fact: "declaration_or_reservation", confidence: "official", declarationText: "Reservation on art. 7(2).", declarationUrl: "https://example.org/text" }),
      expect.objectContaining({ kind: "fact", fact: "domestic_step", confidence: "press", notes: "Parliament approved." }),
    ]);
  });
});
