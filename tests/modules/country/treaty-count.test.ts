import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONFIDENCES, TREATY_FACT_KINDS, type TreatyFact } from "~/modules/country/treaty-facts";
import { PARTICIPANT_KINDS, addDays, treatyEntryIntoForce, type TreatyParticipant } from "~/modules/country/treaty-rules";
import { treatyHeadline } from "~/modules/country/treaty-count";
import { participantStanding } from "~/modules/country/treaty-status";
import { convention, fact, participant, ratifyingStates } from "./treaty-fixture";

const signatory = (confidence: TreatyFact["confidence"] = "depositary") => participant("state", fact("signature", "2025-10-25", confidence));
const clock = { today: "2026-08-01", lastDepositaryCheckOn: "2026-07-15" };

describe("treatyHeadline", () => {
  it("counts the depositary's signatories and shows the others as more reported, as of the last check", () => {
    const participants = [...Array.from({ length: 74 }, () => signatory()), signatory("press"), signatory("reported"), participant("state")];
    expect(treatyHeadline(convention, participants, clock)).toEqual({
      asOf: "2026-07-15",
      signatories: { confirmed: 74, moreReported: 2 },
      instruments: { confirmed: 0, moreReported: 0, needed: 40 },
      instrumentsNotCounted: 0,
      entryIntoForce: { reached: false },
    });
  });

  it("counts the EU as a signatory but its formal confirmation apart from the 40", () => {
    const eu = participant("regional_organization", fact("signature", "2025-10-25"), fact("formal_confirmation", "2026-06-01"));
    const headline = treatyHeadline(convention, [eu, ...ratifyingStates(3, "2026-05-01")], clock);
    expect(headline).toMatchObject({ signatories: { confirmed: 4 }, instruments: { confirmed: 3, moreReported: 0 }, instrumentsNotCounted: 1 });
  });

  it("shows a ratification that only the press reports beside the confirmed instruments", () => {
    const pressed = participant("state", fact("signature", "2025-10-25"), fact("ratification", null, "press"));
    expect(treatyHeadline(convention, [pressed, ...ratifyingStates(2, "2026-05-01")], clock).instruments).toEqual({ confirmed: 2, moreReported: 1, needed: 40 });
  });

  it("dates entry into force from the 40th counting deposit", () => {
    const headline = treatyHeadline(convention, ratifyingStates(40, "2027-01-01"), { today: "2027-03-01", lastDepositaryCheckOn: "2027-02-28" });
    expect(headline.entryIntoForce).toEqual({ reached: true, lastNeededDepositOn: "2027-02-09", on: "2027-05-10" });
  });
});

const day = fc.integer({ min: 0, max: 900 }).map((n) => addDays("2025-10-01", n));
const anyFact = fc.record({ kind: fc.constantFrom(...TREATY_FACT_KINDS), date: fc.option(day), confidence: fc.constantFrom(...CONFIDENCES) });
const anyParticipant = fc.record({ kind: fc.constantFrom(...PARTICIPANT_KINDS), facts: fc.array(anyFact, { maxLength: 4 }) });
const mention = fc.record({ kind: fc.constantFrom(...TREATY_FACT_KINDS), date: fc.option(day), confidence: fc.constantFrom("press" as const, "reported" as const) });

/** A low threshold, so that random facts reach entry into force too. */
const small = { ...convention, instrumentsNeeded: 3 };

describe("treaty figures, for any facts", () => {
  it("never count more instruments than there are counting participants", () => {
    fc.assert(
      fc.property(fc.array(anyParticipant, { maxLength: 30 }), day, (participants, today) => {
        const { instruments } = treatyHeadline(small, participants, { today, lastDepositaryCheckOn: today });
        expect(instruments.confirmed + instruments.moreReported).toBeLessThanOrEqual(participants.filter((p) => p.kind === "state").length);
      }),
    );
  });

  it("never change what is confirmed when a press report or a single mention is added", () => {
    fc.assert(
      fc.property(fc.array(anyParticipant, { minLength: 1, maxLength: 30 }), fc.nat(), mention, day, (participants, which, added, today) => {
        const index = which % participants.length;
        const withMention: TreatyParticipant[] = participants.map((p, i) => (i === index ? { ...p, facts: [...p.facts, added] } : p));
        const confirmed = (all: readonly TreatyParticipant[]) => {
          const { signatories, instruments, instrumentsNotCounted, entryIntoForce } = treatyHeadline(small, all, { today, lastDepositaryCheckOn: today });
          const entry = treatyEntryIntoForce(small, all, today);
          const status = participantStanding(small, all[index]!.facts, entry, today);
          return [signatories.confirmed, instruments.confirmed, instrumentsNotCounted, entryIntoForce, status.confirmed, status.inForceOn];
        };
        expect(confirmed(withMention)).toEqual(confirmed(participants));
      }),
    );
  });
});
