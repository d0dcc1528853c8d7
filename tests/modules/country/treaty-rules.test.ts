import { describe, expect, it } from "vitest";
import { entryIntoForceForParty, screenFacts, signaturePhase, treatyEntryIntoForce } from "~/modules/country/treaty-rules";
import { convention, fact, participant, ratifyingStates } from "./treaty-fixture";

describe("signaturePhase", () => {
  it("is open from the opening day to the closing day included, then closed", () => {
    expect(signaturePhase(convention, "2025-10-24")).toBe("not_yet_open");
    expect(signaturePhase(convention, "2025-10-25")).toBe("open");
    expect(signaturePhase(convention, "2026-12-31")).toBe("open");
    expect(signaturePhase(convention, "2027-01-01")).toBe("closed");
  });
});

describe("screenFacts", () => {
  it("keeps aside a signature outside the window and any fact dated after today, with the reason", () => {
    const late = fact("signature", "2027-01-05");
    const early = fact("signature", "2025-10-01");
    const future = fact("ratification", "2027-03-01");
    const accession = fact("accession", "2027-01-05");
    const undated = fact("signature", null);
    const screened = screenFacts(convention, [late, early, future, accession, undated], "2027-02-01");
    expect(screened.standing).toEqual([accession, undated]);
    expect(screened.flagged).toEqual([
      { fact: late, problem: "signature_after_closing" },
      { fact: early, problem: "signature_before_opening" },
      { fact: future, problem: "dated_after_today" },
    ]);
  });
});

describe("treatyEntryIntoForce", () => {
  const today = "2028-01-01";

  it("is not reached with 39 instruments", () => {
    expect(treatyEntryIntoForce(convention, ratifyingStates(39, "2027-01-01"), today)).toEqual({ reached: false });
  });

  it("falls on the 90th day after the 40th counting deposit, whatever the order of the rows", () => {
    const states = ratifyingStates(41, "2027-01-01").reverse();
    expect(treatyEntryIntoForce(convention, states, today)).toEqual({ reached: true, lastNeededDepositOn: "2027-02-09", on: "2027-05-10" });
  });

  it("does not count a regional organization's formal confirmation towards the 40", () => {
    const eu = participant("regional_organization", fact("signature", "2025-10-25"), fact("formal_confirmation", "2027-01-01"));
    expect(treatyEntryIntoForce(convention, [eu, ...ratifyingStates(39, "2027-01-02")], today)).toEqual({ reached: false });
  });

  it("counts only the depositary's record, and only deposits made by today", () => {
    const reported = participant("state", fact("ratification", "2027-01-01", "official"));
    const states = [reported, ...ratifyingStates(39, "2027-01-02")];
    expect(treatyEntryIntoForce(convention, states, today)).toEqual({ reached: false });
    expect(treatyEntryIntoForce(convention, ratifyingStates(40, "2027-01-01"), "2027-02-08")).toEqual({ reached: false });
  });

  it("counts each state once, by its first instrument", () => {
    const twice = participant("state", fact("ratification", "2027-01-01"), fact("acceptance", "2027-01-02"));
    expect(treatyEntryIntoForce(convention, [twice, ...ratifyingStates(38, "2027-01-03")], today)).toEqual({ reached: false });
  });

  it("is reached without a date while a counted deposit's day is unknown", () => {
    const undated = participant("state", fact("accession", null));
    expect(treatyEntryIntoForce(convention, [undated, ...ratifyingStates(39, "2027-01-01")], today)).toEqual({ reached: true, lastNeededDepositOn: null, on: null });
  });
});

describe("entryIntoForceForParty", () => {
  const entry = treatyEntryIntoForce(convention, ratifyingStates(40, "2027-01-01"), "2028-01-01");

  it("is the treaty's date for a party that deposited by the 40th instrument", () => {
    expect(entryIntoForceForParty(convention, "2027-01-01", entry)).toBe("2027-05-10");
    expect(entryIntoForceForParty(convention, "2027-02-09", entry)).toBe("2027-05-10");
  });

  it("is the 30th day after a later party's own deposit, or the treaty's date if that is later", () => {
    expect(entryIntoForceForParty(convention, "2027-03-01", entry)).toBe("2027-05-10");
    expect(entryIntoForceForParty(convention, "2027-06-01", entry)).toBe("2027-07-01");
  });

  it("is unknown before the threshold or without the deposit's day", () => {
    expect(entryIntoForceForParty(convention, "2027-01-01", { reached: false })).toBeNull();
    expect(entryIntoForceForParty(convention, null, entry)).toBeNull();
  });
});
