import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

describe("GET /api/v1/countries", () => {
  it("lists every country with status and names in all languages, open to any origin", async () => {
    const response = await server.get("/api/v1/countries");
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toMatch(/max-age=\d+, stale-while-revalidate=\d+/);
    const body = (await response.json()) as {
      figures: { signatories: number; ratificationsNeeded: number };
      countries: { code: string; alpha2: string; status: string; signedOn: string | null; names: Record<string, string> }[];
    };
    expect(body.countries).toHaveLength(196);
    expect(body.figures).toMatchObject({ signatories: 73, ratificationsNeeded: 40 });
    const france = body.countries.find((c) => c.code === "FRA");
    expect(france).toMatchObject({ alpha2: "FR", status: "signed", signedOn: "2025-10-25" });
    expect(Object.keys(france!.names).sort()).toEqual(["ar", "en", "es", "fr", "ru", "zh"]);
    expect(body.countries.find((c) => c.code === "DEU")).toMatchObject({ status: "not_signed", signedOn: null });
  });

  it("adds the new vocabulary, each figure confirmed and reported, and the as-of date, leaving the first fields as they were", async () => {
    const body = (await (await server.get("/api/v1/countries")).json()) as {
      asOf: string | null;
      treaty: Record<string, unknown>;
      figures: Record<string, number>;
      headline: { asOf: string | null; signatories: object; instruments: object; instrumentsNotCounted: number; entryIntoForce: object };
      countries: Record<string, unknown>[];
    };
    expect(body.asOf).toBeNull();
    expect(body.treaty).toMatchObject({ slug: "un-cybercrime-convention", ratificationsForEntryIntoForce: 40, signatureClosesOn: "2026-12-31", depositaryCheckedOn: null });
    expect(body.figures).toEqual({ signatories: 73, ratifications: 0, ratificationsNeeded: 40 });
    expect(body.headline).toEqual({
      asOf: null,
      signatories: { confirmed: 30, moreReported: 43 },
      instruments: { confirmed: 0, moreReported: 0, needed: 40 },
      instrumentsNotCounted: 0,
      entryIntoForce: { reached: false, on: null, lastNeededDepositOn: null },
    });
    expect(body.countries.find((c) => c.code === "FRA")).toMatchObject({
      status: "signed",
      participantStatus: "signed",
      reportedStatus: null,
      signature: { date: "2025-10-25", confidence: "depositary" },
    });
    // The first `status` is read from the confirmed one: a signature only the press reports is not "signed".
    expect(body.countries.find((c) => c.code === "GBR")).toMatchObject({ status: "not_signed", reportedStatus: "signed", reportedConfidence: "press", signedOn: null });
    expect(body.countries.find((c) => c.code === "EUU")).toMatchObject({ participantKind: "regional_organization" });
  });

  it("answers 304 to a client that has the current version", async () => {
    const first = await server.get("/api/v1/countries");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await server.get("/api/v1/countries", { "if-none-match": etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect((await server.get("/api/v1/countries", { "if-none-match": '"stale"' })).status).toBe(200);
  });
});

describe("GET /api/v1/countries/:code", () => {
  it("gives one country's facts, each with a source", async () => {
    const response = await server.get("/api/v1/countries/fra");
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      code: string;
      status: string;
      actions: { source: string }[];
      votes: { reference: string; vote: string; source: string }[];
    };
    expect(body).toMatchObject({ code: "FRA", status: "signed" });
    expect(body.votes.map((v) => [v.reference, v.vote])).toEqual([
      ["A/RES/73/187", "no"],
      ["A/RES/74/247", "no"],
    ]);
    for (const fact of [...body.actions, ...body.votes]) expect(fact.source).toMatch(/^https?:\/\//);
  });

  it("gives every fact of every kind with its confidence, the declarations, and what is not found as of when", async () => {
    const body = (await (await server.get("/api/v1/countries/aze")).json()) as {
      status: string;
      participantStatus: string;
      reportedStatus: string | null;
      absence: unknown;
      asOf: string | null;
      actions: { action: string; confidence: string }[];
      facts: { kind: string; confidence: string; deposited: boolean; source: string }[];
      declarations: { text: string | null; confidence: string; source: string }[];
      statements: { confidence: string }[];
    };
    expect(body).toMatchObject({ status: "signed", participantStatus: "signed", reportedStatus: "domestic_approval_reported", asOf: null, absence: { kind: "no_deposit_found", asOf: null } });
    expect(body.actions).toEqual([expect.objectContaining({ action: "signature", confidence: "depositary" })]);
    expect(body.facts.filter((f) => f.kind === "domestic_step").map((f) => [f.confidence, f.deposited])).toEqual([
      ["press", false],
      ["press", false],
    ]);
    expect(body.declarations.map((d) => d.confidence).sort()).toEqual(["official", "press"]);
    for (const fact of [...body.facts, ...body.declarations]) expect(fact.source).toMatch(/^https?:\/\//);
    expect(body.statements.length).toBeGreaterThan(0);
    for (const statement of body.statements) expect(["depositary", "official", "press", "reported"]).toContain(statement.confidence);
  });

  it("redirects other code forms to the canonical one, and 404s unknown codes as JSON", async () => {
    const moved = await server.get("/api/v1/countries/DE");
    expect(moved.status).toBe(301);
    expect(moved.headers.get("location")).toBe("/api/v1/countries/deu");
    const missing = await server.get("/api/v1/countries/zzz");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "country_not_found" });
  });
});
