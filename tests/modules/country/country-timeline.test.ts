import { describe, expect, it } from "vitest";
import { countryTimeline } from "~/modules/country/country-timeline";

const source = "https://example.org/source";
const tally = { yes: 1, no: 2, abstain: 3 };

describe("countryTimeline", () => {
  it("puts votes, signature and statements in date order", () => {
    const entries = countryTimeline({
      votes: [
        { reference: "B", votedOn: "2019-12-27", vote: "no", tally, sourceUrl: source },
        { reference: "A", votedOn: "2018-12-17", vote: "no", tally, sourceUrl: source },
      ],
      actions: [{ action: "signature", actedOn: "2025-10-25", notes: "", sourceUrl: source }],
      statements: [{ statedOn: "2024-11-11", stance: "supports", summary: "s", sourceUrl: source }],
      openedForSignatureOn: "2025-10-25",
    });
    expect(entries.map((e) => [e.kind, e.date])).toEqual([
      ["vote", "2018-12-17"],
      ["vote", "2019-12-27"],
      ["statement", "2024-11-11"],
      ["action", "2025-10-25"],
    ]);
  });

  it("places a signature of unconfirmed day at the opening for signature, without inventing its date", () => {
    const entries = countryTimeline({
      votes: [],
      actions: [{ action: "signature", actedOn: null, notes: "signed at Hanoi 25–26 Oct 2025", sourceUrl: source }],
      statements: [
        { statedOn: "2026-02-10", stance: "supports", summary: "later", sourceUrl: source },
        { statedOn: "2024-01-01", stance: "mixed", summary: "earlier", sourceUrl: source },
        { statedOn: null, stance: "unknown", summary: "undated", sourceUrl: source },
      ],
      openedForSignatureOn: "2025-10-25",
    });
    expect(entries.map((e) => (e.kind === "statement" ? e.summary : e.kind))).toEqual(["earlier", "action", "later", "undated"]);
    expect(entries[1]).toMatchObject({ kind: "action", date: null });
  });
});
