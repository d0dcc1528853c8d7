import { describe, expect, it } from "vitest";
import { callerMay, parseScopes } from "~/modules/api/api-scopes";

describe("parseScopes", () => {
  it("reads a comma-separated list in the canonical order, once each", () => {
    expect(parseScopes("read:people, read:campaigns,read:people")).toEqual({ ok: true, scopes: ["read:campaigns", "read:people"] });
    expect(parseScopes(["manage:webhooks", "write:signatures"])).toEqual({ ok: true, scopes: ["write:signatures", "manage:webhooks"] });
  });

  it("names the first unknown scope and refuses an empty list", () => {
    expect(parseScopes("read:campaigns,write:everything")).toEqual({ ok: false, unknown: "write:everything" });
    expect(parseScopes(" , ")).toEqual({ ok: false, unknown: null });
  });
});

describe("callerMay", () => {
  it("allows only the scopes the key carries", () => {
    const caller = { keyId: "k", label: "CRM sync", scopes: ["read:campaigns"] as const, partnerId: null };
    expect(callerMay(caller, "read:campaigns")).toBe(true);
    expect(callerMay(caller, "read:people")).toBe(false);
  });
});
