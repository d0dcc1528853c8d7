import { describe, expect, it } from "vitest";
import { type TreatyFact } from "~/modules/country/treaty-facts";
import { treatyEntryIntoForce, type TreatyEntryIntoForce } from "~/modules/country/treaty-rules";
import { absenceStatement, participantStanding } from "~/modules/country/treaty-status";
import { convention, fact, ratifyingStates } from "./treaty-fixture";

const notInForce: TreatyEntryIntoForce = { reached: false };
/** 40 deposits from 1 Jan 2027: the treaty is in force from 10 May 2027. */
const inForce = treatyEntryIntoForce(convention, ratifyingStates(40, "2027-01-01"), "2028-01-01");
const signed = fact("signature", "2025-10-25");

function standing(facts: TreatyFact[], today: string, entry = notInForce) {
  return participantStanding(convention, facts, entry, today);
}

describe("participantStanding: every status", () => {
  it("is not_signed without facts while signature is open, up to the closing day", () => {
    expect(standing([], "2026-12-31")).toMatchObject({ confirmed: "not_signed", reported: null });
  });

  it("is not_joined without a signature once the window has closed", () => {
    expect(standing([], "2027-01-01")).toMatchObject({ confirmed: "not_joined", reported: null });
  });

  it("is signed with the depositary's signature, and stays signed after the window closes", () => {
    expect(standing([signed], "2026-06-01").confirmed).toBe("signed");
    expect(standing([signed], "2027-06-01").confirmed).toBe("signed");
  });

  it("is domestic_approval_reported after an official domestic step, with or without a signature", () => {
    const approval = fact("domestic_step", "2026-02-23", "official");
    expect(standing([signed, approval], "2026-06-01").confirmed).toBe("domestic_approval_reported");
    expect(standing([approval], "2027-06-01").confirmed).toBe("domestic_approval_reported");
  });

  it("is party once its consent is deposited, the treaty not yet in force", () => {
    expect(standing([signed, fact("ratification", "2026-05-01")], "2026-06-01")).toMatchObject({ confirmed: "party", inForceOn: null });
  });

  it("is in_force for an early party from the treaty's own date", () => {
    const facts = [signed, fact("approval", "2027-01-15")];
    expect(standing(facts, "2027-05-09", inForce)).toMatchObject({ confirmed: "party", inForceOn: "2027-05-10" });
    expect(standing(facts, "2027-05-10", inForce).confirmed).toBe("in_force");
  });

  it("is in_force for a later party only from the 30th day after its own deposit", () => {
    const facts = [fact("accession", "2027-06-01")];
    expect(standing(facts, "2027-06-30", inForce)).toMatchObject({ confirmed: "party", inForceOn: "2027-07-01" });
    expect(standing(facts, "2027-07-01", inForce).confirmed).toBe("in_force");
  });
});

describe("participantStanding: the signature window", () => {
  it("makes a state that accedes after closing a party", () => {
    expect(standing([fact("accession", "2027-02-01")], "2027-03-01").confirmed).toBe("party");
  });

  it("refuses a signature dated after the closing day, and says why", () => {
    const late = fact("signature", "2027-01-02");
    expect(standing([late], "2027-03-01")).toEqual({ confirmed: "not_joined", reported: null, inForceOn: null, flagged: [{ fact: late, problem: "signature_after_closing" }] });
  });

  it("does not take a fact dated after today into account", () => {
    const ahead = fact("ratification", "2026-07-01");
    expect(standing([signed, ahead], "2026-06-01")).toMatchObject({ confirmed: "signed", flagged: [{ fact: ahead, problem: "dated_after_today" }] });
  });
});

describe("participantStanding: confidence", () => {
  it("shows a press report of ratification beside the confirmed signature, never in place of it", () => {
    expect(standing([signed, fact("ratification", "2026-05-21", "press")], "2026-06-01")).toMatchObject({ confirmed: "signed", reported: "party" });
  });

  it("shows a single mention of a signature as reported only, before and after the window closes", () => {
    const mention = fact("signature", null, "reported");
    expect(standing([mention], "2026-08-01")).toMatchObject({ confirmed: "not_signed", reported: "signed" });
    expect(standing([mention], "2027-01-01")).toMatchObject({ confirmed: "not_joined", reported: "signed" });
  });

  it("reports nothing when the reports say no more than what is confirmed", () => {
    expect(standing([signed, fact("signature", "2025-10-25", "press")], "2026-06-01").reported).toBeNull();
  });

  it("does not date entry into force for a party only reported", () => {
    expect(standing([fact("ratification", "2027-01-15", "press")], "2027-06-01", inForce)).toMatchObject({ confirmed: "not_joined", reported: "in_force", inForceOn: null });
  });
});

describe("absenceStatement", () => {
  it("says what was not found, as of the last depositary check", () => {
    expect(absenceStatement("not_signed", "2026-11-30")).toEqual({ kind: "no_signature_found", asOf: "2026-11-30" });
    expect(absenceStatement("not_joined", "2027-01-15")).toEqual({ kind: "not_joined_accession_possible", asOf: "2027-01-15" });
    expect(absenceStatement("signed", "2026-11-30")).toEqual({ kind: "no_deposit_found", asOf: "2026-11-30" });
    expect(absenceStatement("domestic_approval_reported", "2026-11-30")).toEqual({ kind: "no_deposit_found", asOf: "2026-11-30" });
  });

  it("has nothing to say of a party", () => {
    expect(absenceStatement("party", "2026-11-30")).toBeNull();
    expect(absenceStatement("in_force", "2026-11-30")).toBeNull();
  });
});
