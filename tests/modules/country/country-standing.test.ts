import { describe, expect, it } from "vitest";
import { legacyStatus, parseStatusParam, shownSignature, shownStanding, standingSentences, statusesInPhase, surestConfidence, type ShownStanding } from "~/modules/country/country-standing";
import type { TreatyFact } from "~/modules/country/treaty-facts";
import { treatyEntryIntoForce, type TreatyParameters } from "~/modules/country/treaty-rules";
import { participantStanding } from "~/modules/country/treaty-status";

const TREATY: TreatyParameters = {
  openedForSignatureOn: "2025-10-25",
  signatureClosesOn: "2026-12-31",
  instrumentsNeeded: 40,
  daysToEntryIntoForce: 90,
  daysToEntryIntoForceForLaterParty: 30,
  countingParticipantKinds: ["state"],
};
const shown = (facts: TreatyFact[], today: string, checkedOn: string | null = "2026-11-30") =>
  shownStanding(participantStanding(TREATY, facts, treatyEntryIntoForce(TREATY, [], today), today), facts, checkedOn);

describe("shownStanding", () => {
  it("puts a step only the press reports beside the confirmed status, with the press as its confidence", () => {
    const facts: TreatyFact[] = [
      { kind: "signature", date: "2025-10-25", confidence: "depositary" },
      { kind: "domestic_step", date: "2026-02-10", confidence: "press" },
      { kind: "domestic_step", date: "2026-02-23", confidence: "reported" },
    ];
    expect(shown(facts, "2026-12-05")).toEqual({
      status: "signed",
      reported: { status: "domestic_approval_reported", confidence: "press" },
      inForceOn: null,
      absence: { kind: "no_deposit_found", asOf: "2026-11-30" },
    });
  });

  it("says no signature was found, as of the last depositary check, while signature is open", () => {
    expect(shown([], "2026-12-05")).toMatchObject({ status: "not_signed", reported: null, absence: { kind: "no_signature_found", asOf: "2026-11-30" } });
    expect(shown([], "2026-12-05", null).absence).toEqual({ kind: "no_signature_found", asOf: null });
  });

  it("says 'not joined, accession possible' by itself once signature has closed", () => {
    expect(shown([], "2026-12-31").status).toBe("not_signed");
    expect(shown([], "2027-01-01")).toMatchObject({ status: "not_joined", absence: { kind: "not_joined_accession_possible" } });
  });

  it("shows a reported signature beside 'not signed' without confirming it", () => {
    expect(shown([{ kind: "signature", date: null, confidence: "reported" }], "2026-12-05")).toMatchObject({
      status: "not_signed",
      reported: { status: "signed", confidence: "reported" },
    });
  });

  it("makes a party of an official instrument, with nothing absent", () => {
    expect(shown([{ kind: "accession", date: "2026-03-01", confidence: "official" }], "2026-12-05")).toMatchObject({ status: "party", reported: null, absence: null });
  });
});

describe("legacyStatus", () => {
  it("keeps the API's first vocabulary, read from the confirmed status", () => {
    expect(["not_signed", "not_joined", "signed", "domestic_approval_reported", "party", "in_force"].map((s) => legacyStatus(s as never))).toEqual([
      "not_signed",
      "not_signed",
      "signed",
      "signed",
      "ratified",
      "ratified",
    ]);
  });
});

describe("parseStatusParam", () => {
  it("reads the new statuses, maps the old 'ratified' to a party, and ignores the rest", () => {
    expect(parseStatusParam("in_force")).toBe("in_force");
    expect(parseStatusParam("ratified")).toBe("party");
    expect(parseStatusParam("maybe")).toBeNull();
    expect(parseStatusParam(null)).toBeNull();
  });
});

describe("shownSignature and surestConfidence", () => {
  it("prefers the confirmed signature, else the earliest reported one", () => {
    const press = { kind: "signature" as const, date: "2025-10-25", confidence: "press" as const };
    const official = { kind: "signature" as const, date: "2025-10-26", confidence: "official" as const };
    expect(shownSignature([press, official])).toBe(official);
    expect(shownSignature([press])).toBe(press);
    expect(shownSignature([])).toBeNull();
    expect(surestConfidence([press, official])).toBe("official");
    expect(surestConfidence([])).toBeNull();
  });
});

describe("standingSentences", () => {
  const context = { signedOn: "2025-10-25", phase: "open" as const, signatureClosesOn: "2026-12-31", openedForSignatureOn: "2025-10-25", today: "2026-12-05" };
  const standing = (over: Partial<ShownStanding>): ShownStanding => ({ status: "signed", reported: null, inForceOn: null, absence: null, ...over });

  it("names the signature's day, then what is not found as of the depositary check", () => {
    expect(standingSentences(standing({ absence: { kind: "no_deposit_found", asOf: "2026-11-30" } }), context)).toEqual([
      { key: "headline.signedOn", date: "2025-10-25" },
      { key: "absence.no_deposit_found.asOf", date: "2026-11-30" },
    ]);
  });

  it("says a party's own entry into force while it is ahead, and 'in force' once passed", () => {
    expect(standingSentences(standing({ status: "party", inForceOn: "2027-02-01" }), context)).toEqual([
      { key: "headline.party", date: null },
      { key: "headline.entersIntoForceOn", date: "2027-02-01" },
    ]);
    expect(standingSentences(standing({ status: "in_force", inForceOn: "2026-11-30" }), context)).toEqual([{ key: "headline.in_force", date: "2026-11-30" }]);
  });

  it("does not say 'not found' of a step a report names, and gives a non-signatory the phase of signature", () => {
    const sentences = standingSentences(
      standing({ status: "not_signed", reported: { status: "signed", confidence: "press" }, absence: { kind: "no_signature_found", asOf: null } }),
      context,
    );
    expect(sentences).toEqual([
      { key: "absence.no_signature_found.reportedUnchecked", date: null },
      { key: "phase.open", date: "2026-12-31" },
    ]);
    // A reported approval at home is not a deposit: "no instrument found" stays true.
    expect(standingSentences(standing({ reported: { status: "domestic_approval_reported", confidence: "press" }, absence: { kind: "no_deposit_found", asOf: null } }), context)[1]).toEqual({
      key: "absence.no_deposit_found.unchecked",
      date: null,
    });
  });
});

describe("statusesInPhase", () => {
  it("offers 'not signed' while signature is open and 'not joined' once it has closed", () => {
    expect(statusesInPhase("open")[0]).toBe("not_signed");
    expect(statusesInPhase("closed")).toEqual(["not_joined", "signed", "domestic_approval_reported", "party", "in_force"]);
  });
});
