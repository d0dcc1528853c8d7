import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestServer, type TestServer } from "../support/test-server";

/**
 * The public pages read the day from the clock once per request and pass it down; these tests
 * move the clock (only `Date`) to either side of the day signature closes.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());
afterEach(() => vi.useRealTimers());

const at = (iso: string) => vi.useFakeTimers({ toFake: ["Date"], now: new Date(iso) });
const page = async (path: string) => (await server.get(path, { cookie: "lng=en" })).text();

describe("public pages on either side of the signature closing day", () => {
  it("say 'no signature found' and that signature is open, on 5 December 2026", async () => {
    at("2026-12-05T12:00:00Z");
    const germany = await page("/en/countries/deu");
    expect(germany).toContain("No signature by Germany found in our sources");
    expect(germany).toContain("Signature is open until December 31, 2026; after that a State can join only by accession.");
    const home = await page("/en");
    expect(home).toContain("30 confirmed by the UN Treaty Collection record in our sources; 43 more reported");
    expect(home).toContain("0 of the 40 needed for the convention to enter into force; 0 more reported");
    expect(home).toContain("These figures are from our sources and have not yet been checked against the UN Treaty Collection record.");
  });

  it("say 'has not joined (accession possible)' and 'only accession remains' by themselves on 1 January 2027", async () => {
    at("2027-01-01T00:30:00Z");
    const germany = await page("/fr/countries/deu?after-closing");
    expect(germany).toContain("Allemagne : n’a pas rejoint la convention (adhésion possible)");
    const english = await server.get("/en/countries/deu?after-closing", { cookie: "lng=en" });
    const html = await english.text();
    expect(html).toContain("Germany has not joined the convention (accession possible)");
    expect(html).toContain("Signature closed on December 31, 2026; only accession remains.");
    expect(html).not.toContain("No signature by Germany found");
    const list = await page("/en/countries?region=Europe&after-closing");
    expect(list).toContain("Not joined");
    expect(list).toContain("Signature closed on December 31, 2026; only accession remains.");
  });
});

describe("the countries list", () => {
  it("keeps old links working: ?status=ratified lists the parties", async () => {
    const response = await server.get("/en/countries?status=ratified", { cookie: "lng=en" });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/<option value="party" selected=""/);
  });

  it("explains the vote column, and that it is only a proxy, with the record it rests on", async () => {
    const html = await page("/en/countries");
    expect(html).toContain("It is only a proxy for a State&#x27;s position");
    expect(html).toContain("the UN&#x27;s own voting record is not on file here");
    expect(html).toContain('href="https://github.com/dgrtwo/unvotes/blob/');
  });

  it("shows a signature only the press reports beside the status, labelled as such", async () => {
    const html = await page("/en/countries?region=Europe");
    expect(html).toMatch(/United Kingdom[^]*?No signature found[^]*?signature reported \(press\)[^]*?date not confirmed \(reported in the press\)/);
  });
});

describe("the home page", () => {
  it("labels its lead as our position and gives the joint statement's source", async () => {
    const html = await page("/en");
    expect(html).toContain("Our position:");
    expect(html).toContain('href="https://therecord.media/cybercrime-treaty-signing-hanoi"');
  });
});
