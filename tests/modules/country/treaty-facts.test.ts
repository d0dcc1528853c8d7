import { describe, expect, it } from "vitest";
import {
  CONSENT_KINDS,
  DEPOSITARY_MARKERS,
  FACT_KIND_MEANING,
  TREATY_FACT_KINDS,
  isConfidence,
  isConfirmedConfidence,
  isConsentToBeBound,
  isDepositaryConfidence,
  isTreatyFactKind,
} from "~/modules/country/treaty-facts";

describe("the depositary's vocabulary", () => {
  it("binds by ratification, acceptance, approval, accession, succession and formal confirmation only", () => {
    expect(TREATY_FACT_KINDS.filter(isConsentToBeBound)).toEqual([...CONSENT_KINDS]);
    expect(["signature", "declaration_or_reservation", "domestic_step", "statement"].every((k) => isTreatyFactKind(k) && !isConsentToBeBound(k))).toBe(true);
  });

  it("never has a domestic step or a statement deposited", () => {
    expect(FACT_KIND_MEANING.domestic_step.deposited).toBe(false);
    expect(FACT_KIND_MEANING.statement.deposited).toBe(false);
    expect(FACT_KIND_MEANING.declaration_or_reservation.deposited).toBe(true);
  });

  it("reads the markers after a date in a participant table", () => {
    expect(DEPOSITARY_MARKERS).toEqual({ "": "ratification", A: "acceptance", AA: "approval", a: "accession", d: "succession", c: "formal_confirmation" });
  });

  it("guards kinds and confidences from stored text", () => {
    expect(isTreatyFactKind("formal_confirmation")).toBe(true);
    expect(isTreatyFactKind("ratified")).toBe(false);
    expect(isTreatyFactKind(undefined)).toBe(false);
    expect(isConfidence("press")).toBe(true);
    expect(isConfidence("low")).toBe(false);
  });

  it("confirms by a record or the participant's own publication, counts by the depositary's alone", () => {
    expect(["depositary", "official", "press", "reported"].filter((c) => isConfidence(c) && isConfirmedConfidence(c))).toEqual(["depositary", "official"]);
    expect(isDepositaryConfidence("official")).toBe(false);
    expect(isDepositaryConfidence("depositary")).toBe(true);
  });
});
