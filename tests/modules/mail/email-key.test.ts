import { describe, expect, it } from "vitest";
import { cleanEmail, emailKey, floodDomainOf } from "~/modules/mail/email-key";

describe("cleanEmail", () => {
  it("trims, keeps the local part's case and lower-cases the domain", () => {
    expect(cleanEmail("  Ann.Lee@Example.ORG \n")).toBe("Ann.Lee@example.org");
  });

  it("puts Unicode in NFC so composed and decomposed forms are one address", () => {
    expect(cleanEmail("jose\u0301@example.org")).toBe("josé@example.org");
  });
});

describe("emailKey", () => {
  it("folds case", () => {
    expect(emailKey("ANN@EXAMPLE.ORG")).toBe(emailKey("ann@example.org"));
  });

  it("drops +tags on any domain", () => {
    expect(emailKey("ann+petitions@example.org")).toBe("ann@example.org");
  });

  it("ignores dots for Gmail and treats googlemail.com as gmail.com", () => {
    expect(emailKey("Ann.Lee+x@GMail.com")).toBe("annlee@gmail.com");
    expect(emailKey("a.n.n.l.e.e@googlemail.com")).toBe("annlee@gmail.com");
  });

  it("keeps dots elsewhere: they are different mailboxes there", () => {
    expect(emailKey("ann.lee@example.org")).not.toBe(emailKey("annlee@example.org"));
  });

  it("folds compatibility forms (full-width letters) and composed accents", () => {
    expect(emailKey("ａｎｎ@example.org")).toBe("ann@example.org");
    expect(emailKey("jose\u0301@example.org")).toBe(emailKey("josé@example.org"));
  });

  it("keeps a leading + (not a tag)", () => {
    expect(emailKey("+ann@example.org")).toBe("+ann@example.org");
  });
});

describe("floodDomainOf", () => {
  it("names the domain signatures are counted under against flooding", () => {
    expect(floodDomainOf(emailKey("Ann@Flood.Example"))).toBe("flood.example");
    expect(floodDomainOf(emailKey("bob@mail.university.example"))).toBe("mail.university.example");
  });

  it("leaves out large public mail services, where every address is an account", () => {
    for (const address of ["a@gmail.com", "a.b+x@googlemail.com", "a@outlook.com", "a@yandex.ru", "a@qq.com"]) expect(floodDomainOf(emailKey(address)), address).toBeNull();
  });

  it("has no domain for an address without one", () => {
    expect(floodDomainOf("nobody@")).toBeNull();
  });
});
