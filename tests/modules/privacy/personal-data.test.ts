import { describe, expect, it } from "vitest";
import { digestWithout, isAddressOf, keptMailData, personOf } from "~/modules/privacy/personal-data";

describe("matching a person", () => {
  it("takes every spelling of one mailbox as the person, and no other mailbox", () => {
    const person = personOf("  Ann.Lee+Erase@GMAIL.com ");
    expect(person).toMatchObject({ key: "annlee@gmail.com", looseLocal: "annlee", domain: "gmail.com", lower: "ann.lee+erase@gmail.com" });
    for (const spelling of ["annlee@gmail.com", "ANN.LEE@googlemail.com", "a.n.n.l.e.e+x@gmail.com"]) expect(isAddressOf(spelling, person), spelling).toBe(true);
    for (const other of ["joannlee@gmail.com", "annlee@example.org", "annle@gmail.com", null]) expect(isAddressOf(other, person), String(other)).toBe(false);
    const elsewhere = personOf("Ann.Lee+x@Example.org");
    expect(isAddressOf("ann.lee@example.org", elsewhere)).toBe(true);
    // Dots count outside Gmail.
    expect(isAddressOf("annlee@example.org", elsewhere)).toBe(false);
  });
});

describe("a mail without its personal content", () => {
  it("keeps ids, public titles and numbers, and nothing a person wrote or is called", () => {
    expect(keptMailData({ signatureId: "7", name: "Ann", petitionTitle: "Stop it", linkDays: 30 })).toEqual({ signatureId: "7", petitionTitle: "Stop it", linkDays: 30 });
    expect(keptMailData({ subject: "Mine", text: "Dear…", senderName: "Ann", senderEmail: "ann@example.org" })).toEqual({});
    expect(keptMailData({ subject: "Campaign", count: 3, countryName: "France", entries: [{ name: "Ann" }] })).toEqual({ count: 3, countryName: "France" });
  });
});

describe("a digest without one sender's letters", () => {
  const ann = { id: "11", name: "Ann Lee", city: "Lyon", paragraph: "My words." };
  it("removes entries naming her letters, and older unnamed entries by sender and words, one per letter", () => {
    const data = {
      count: 4,
      subject: "S",
      entries: [
        { letterId: "11", name: "Ann Lee", city: "Lyon", paragraph: "My words." },
        { letterId: "12", name: "Bob", city: null, paragraph: "His words." },
        { name: "Ann Lee", city: "Lyon", paragraph: "My words." },
        { name: "Ann Lee", city: "Lyon", paragraph: "Other words by another Ann Lee." },
      ],
    };
    expect(digestWithout(data, [ann])).toEqual({
      removed: 1,
      data: { count: 4, subject: "S", entries: [data.entries[1], data.entries[2], data.entries[3]] },
    });
    // A digest written before entries named their letters.
    const older = { count: 2, entries: [data.entries[2], { name: "Bob", city: null, paragraph: "His words." }] };
    expect(digestWithout(older, [ann])).toEqual({ removed: 1, data: { count: 2, entries: [older.entries[1]] } });
  });
});
