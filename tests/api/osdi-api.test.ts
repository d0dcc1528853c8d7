import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, SignatureStatus } from "../../db/schema";
import { createApiKey } from "~/modules/api/api-keys.server";
import type { ApiScope } from "../../db/schema";
import { newReferralCode } from "~/modules/campaign/referral-code.server";
import { emailKey } from "~/modules/mail/email-key";
import { setSignatureStatus } from "~/modules/petition/petition.repo.server";
import { seedDemoContent } from "../../server/demo-content";
import { demoPetition } from "../support/petition";
import { startTestServer, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";
import { OsdiClient, OsdiError, type HalResource } from "./osdi-client";

/**
 * The OSDI API as a client sees it: a real server, keys made as the command makes them, and a
 * client that knows only the entry URL and its token (tests/api/osdi-client.ts).
 */

const onPostgres = Boolean(process.env.DATABASE_URL);
let server: TestServer;
let db: Kysely<Database>;
let petitionId: number;
let partnerId: number;
let otherPartnerId: number;
const entry = () => `${server.base}/api/osdi/v1`;

async function key(scopes: ApiScope[], partner: number | null = null): Promise<string> {
  return (await createApiKey(db, { label: `test ${scopes.join(" ")}`, scopes, partnerId: partner, createdBy: "test" })).key;
}

interface Signer {
  name: string;
  email: string;
  status?: SignatureStatus;
  mailConsent?: boolean;
  partner?: number | null;
  partnerConsent?: boolean;
  country?: string;
}

/** A signature that came to `status` the way the app moves it (setSignatureStatus touches the person). */
async function sign(s: Signer, on = db): Promise<string> {
  const row = await on
    .insertInto("signatures")
    .values({
      petition_id: petitionId,
      status: "pending",
      name: s.name,
      email: s.email,
      email_key: emailKey(s.email),
      country_code: s.country ?? "DEU",
      mail_consent: s.mailConsent ?? false,
      language: "en",
      referral_code: newReferralCode(),
      partner_id: s.partner ?? null,
      partner_consent: s.partnerConsent ?? false,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const status = s.status ?? "confirmed";
  if (status === "withdrawn") await setSignatureStatus(on, row.id, "confirmed");
  if (status !== "pending") await setSignatureStatus(on, row.id, status);
  return row.id;
}

const emailOf = (person: HalResource) => (person.email_addresses as { address: string; status: string }[])[0]!;
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

beforeAll(async () => {
  server = await startTestServer({ config: testConfig({ API_REQUESTS_PER_MINUTE: "100000" }) });
  db = server.database.db;
  await seedDemoContent(db);
  petitionId = (await demoPetition(db)).id;
  const partners = await db
    .insertInto("partners")
    .values([
      { code: "digital-rights", name: "Digital Rights", website_url: "https://dr.example", privacy_url: "https://dr.example/privacy", contact_email: "hello@dr.example" },
      { code: "press-freedom", name: "Press Freedom", website_url: "https://pf.example", privacy_url: "https://pf.example/privacy", contact_email: "hello@pf.example" },
    ])
    .returning("id")
    .execute();
  partnerId = partners[0]!.id;
  otherPartnerId = partners[1]!.id;
  await db.insertInto("campaign_partners").values({ petition_id: petitionId, partner_id: partnerId }).execute();

  await sign({ name: "Ann Lee", email: "ann@example.org", mailConsent: true });
  await sign({ name: "Bo", email: "bo@example.org", mailConsent: false, country: "FRA" });
  await sign({ name: "Cy Dee Eff", email: "cy@example.org", mailConsent: true, partner: partnerId, partnerConsent: true });
  await sign({ name: "Di Noconsent", email: "di@example.org", mailConsent: true, partner: partnerId, partnerConsent: false });
  await sign({ name: "Ed Other", email: "ed@example.org", partner: otherPartnerId, partnerConsent: true });
  await sign({ name: "Fay Gone", email: "fay@example.org", status: "withdrawn", mailConsent: true, partner: partnerId, partnerConsent: true });
  await sign({ name: "Gil Pending", email: "gil@example.org", status: "pending", partner: partnerId, partnerConsent: true });
  await sign({ name: "Hal Rejected", email: "hal@example.org", status: "rejected" });
  await settle();
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe("an OSDI client that knows only the entry URL and its token", () => {
  it("finds the collections, pages through people and follows their links", async () => {
    const client = new OsdiClient(entry(), await key(["read:campaigns", "read:people"]));
    const root = await client.entry();
    for (const rel of ["osdi:petitions", "osdi:advocacy_campaigns", "osdi:people", "osdi:webhooks"]) expect(OsdiClient.href(root, rel)).toMatch(/^http/u);
    expect((root._links as { curies: unknown[] }).curies.length).toBeGreaterThan(0);

    let pages = 0;
    const people = await client.all(root, "osdi:people", { per_page: "2" }, async (page) => {
      pages++;
      expect(page.per_page).toBe(2);
      expect(page.total_records).toBe(6);
      expect(page.total_pages).toBe(3);
    });
    expect(pages).toBe(3);
    const byAddress = new Map(people.map((p) => [emailOf(p).address, p]));
    // Confirmed and withdrawn, never pending or rejected.
    expect([...byAddress.keys()].sort()).toEqual(["ann@example.org", "bo@example.org", "cy@example.org", "di@example.org", "ed@example.org", "fay@example.org"]);
    const ann = byAddress.get("ann@example.org")!;
    expect(ann).toMatchObject({ given_name: "Ann", family_name: "Lee", postal_addresses: [{ country: "DE" }], languages_spoken: ["en"] });
    expect(OsdiClient.identifier(ann, "treatywatch")).toMatch(/^treatywatch:[0-9a-f-]{36}$/u);
    expect(byAddress.get("bo@example.org")).toMatchObject({ given_name: "Bo", postal_addresses: [{ country: "FR" }] });
    // The platform's own consent, and only while the signature is live.
    expect(emailOf(ann).status).toBe("subscribed");
    expect(emailOf(byAddress.get("bo@example.org")!).status).toBe("unsubscribed");
    expect(emailOf(byAddress.get("fay@example.org")!).status).toBe("unsubscribed");

    const annSignatures = await client.all(ann, "osdi:signatures");
    expect(annSignatures).toHaveLength(1);
    const self = await client.get(OsdiClient.href(annSignatures[0]!, "self")!);
    expect(OsdiClient.href(self, "osdi:person")).toBe(OsdiClient.href(ann, "self"));
    expect((await client.get(OsdiClient.href(ann, "self")!)).given_name).toBe("Ann");

    const petitions = await client.all(root, "osdi:petitions");
    const demo = petitions.find((p) => String(p.browser_url).endsWith("/petitions/stop-the-cybercrime-convention"))!;
    expect(demo).toBeDefined();
    expect(typeof demo.title).toBe("string");
    const signatures = await client.all(demo, "osdi:signatures", { per_page: "4" });
    expect(signatures.map((s) => s["treatywatch:status"]).sort()).toEqual(["confirmed", "confirmed", "confirmed", "confirmed", "confirmed", "withdrawn"]);
    expect(await client.all(root, "osdi:advocacy_campaigns")).toBeInstanceOf(Array);

    // One audit line per answer with personal data: the key, the route, how many rows; no address.
    const audit = await db.selectFrom("audit_log").select(["action", "subject", "details", "actor_email"]).where("action", "=", "api.read_people").execute();
    expect(audit.filter((a) => a.subject === "people")).toHaveLength(3);
    expect(audit.find((a) => a.subject === "people")!.details).toMatchObject({ rows: 2, route: "people" });
    expect(JSON.stringify(audit)).not.toMatch(/@example\.org/u);
  });

  it("shows a partner key only the people who consented to its partner, subscribed only while live", async () => {
    const client = new OsdiClient(entry(), await key(["read:campaigns", "read:people"], partnerId));
    const root = await client.entry();
    const people = await client.all(root, "osdi:people");
    expect(people.map((p) => emailOf(p).address).sort()).toEqual(["cy@example.org", "fay@example.org"]);
    expect(people.map((p) => [emailOf(p).address, emailOf(p).status]).sort()).toEqual([
      ["cy@example.org", "subscribed"],
      ["fay@example.org", "unsubscribed"],
    ]);
    const petitions = await client.all(root, "osdi:petitions");
    expect(petitions).toHaveLength(1);
    const signatures = await client.all(petitions[0]!, "osdi:signatures");
    expect(signatures).toHaveLength(2);
    expect(signatures.every((s) => (s.referrer_data as { source: string }).source === "digital-rights")).toBe(true);

    // Another partner's key sees its own one person, and no campaign it does not run.
    const other = new OsdiClient(entry(), await key(["read:campaigns", "read:people"], otherPartnerId));
    const otherRoot = await other.entry();
    expect((await other.all(otherRoot, "osdi:people")).map((p) => emailOf(p).address)).toEqual(["ed@example.org"]);
    expect(await other.all(otherRoot, "osdi:petitions")).toHaveLength(0);
    // Nor can it read a person of another partner by id.
    const cy = people.find((p) => emailOf(p).address === "cy@example.org")!;
    await expect(other.get(OsdiClient.href(cy, "self")!)).rejects.toMatchObject({ status: 404 });
  });

  it("refuses without a key (401), without the scope (403), past the rate (429) and a filter it does not support (400)", async () => {
    const none = await fetch(`${entry()}/people`);
    expect(none.status).toBe(401);
    expect(none.headers.get("content-type")).toMatch(/application\/hal\+json/u);
    expect(await none.json()).toMatchObject({ request_type: "error", error: "unauthorized" });
    await expect(new OsdiClient(entry(), "tw_" + "x".repeat(43)).entry()).rejects.toMatchObject({ status: 401 });

    const campaignsOnly = new OsdiClient(entry(), await key(["read:campaigns"]));
    await expect(campaignsOnly.get(`${entry()}/people`)).rejects.toMatchObject({ status: 403 });
    expect((await campaignsOnly.get(`${entry()}/petitions`)).total_records).toBeGreaterThan(0);

    const reader = new OsdiClient(entry(), await key(["read:people"]));
    const bad = await reader.request("GET", `${entry()}/people?filter=${encodeURIComponent("email_address eq 'ann@example.org'")}`);
    expect(bad.status).toBe(400);
    expect(bad.json.description).toMatch(/^filter:/u);
    expect((await reader.request("GET", `${entry()}/people?per_page=1001`)).status).toBe(400);

    // A revoked key stops at once.
    const revokedKey = await key(["read:people"]);
    await db.updateTable("api_keys").set({ revoked_at: new Date() }).where("label", "=", "test read:people").execute();
    await expect(new OsdiClient(entry(), revokedKey).entry()).rejects.toMatchObject({ status: 401 });

    server.reconfigure(testConfig({ API_REQUESTS_PER_MINUTE: "3" }));
    try {
      const limited = new OsdiClient(entry(), await key(["read:campaigns"]));
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.request("GET", `${entry()}/petitions`)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      server.reconfigure(testConfig({ API_REQUESTS_PER_MINUTE: "100000" }));
    }
  });
});

describe("syncing people by modified_date", () => {
  /** Every version (id and modified_date) a client listed, in order. */
  async function sync(client: OsdiClient, since: string, onPage?: (page: HalResource, n: number) => Promise<void>) {
    const root = await client.entry();
    const people = await client.all(root, "osdi:people", { per_page: "2", filter: `modified_date gt '${since}'` }, onPage);
    return people.map((p) => ({ id: OsdiClient.identifier(p, "treatywatch")!, address: emailOf(p).address, modified: String(p.modified_date) }));
  }
  const latest = (seen: { modified: string }[], since: string) => seen.reduce((max, s) => (s.modified > max ? s.modified : max), since);

  it("lists every change exactly once, including changes made while paging", async () => {
    const client = new OsdiClient(entry(), await key(["read:people"]));
    const first = await sync(client, "2000-01-01T00:00:00Z", async (_page, n) => {
      if (n !== 1) return;
      // While the client pages: a person it has already seen changes (signs again elsewhere: a new
      // letter or signature touches them), and a new person arrives.
      await db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        const { touchPerson } = await import("~/modules/people/people.repo.server");
        await touchPerson(trx, emailKey("ann@example.org"));
      });
      await sign({ name: "Ivy New", email: "ivy@example.org" });
      await settle();
    });
    // No version twice.
    expect(new Set(first.map((s) => `${s.id}@${s.modified}`)).size).toBe(first.length);
    const since = latest(first, "2000-01-01T00:00:00Z");
    await settle();
    const second = await sync(client, since);
    const all = [...first, ...second];
    expect(new Set(all.map((s) => `${s.id}@${s.modified}`)).size).toBe(all.length);
    // Every person's latest version was listed, Ivy included.
    const current = await db.selectFrom("people").select(["id", sql<string>`to_char(modified_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as("m")]).execute();
    const listed = new Set(all.map((s) => `${s.id}@${s.modified}`));
    const visible = current.filter((p) => all.some((s) => s.id === `treatywatch:${p.id}`));
    expect(all.map((s) => s.address)).toContain("ivy@example.org");
    for (const p of visible) expect(listed.has(`treatywatch:${p.id}@${p.m}`)).toBe(true);
    // And a sync from the newest version seen lists nothing new.
    expect(await sync(client, latest(all, since))).toEqual([]);
  });

  it.runIf(onPostgres)("never skips a change whose transaction commits after a later one (PostgreSQL)", async () => {
    const client = new OsdiClient(entry(), await key(["read:people"]));
    await settle();
    const since = latest(await sync(client, "2000-01-01T00:00:00Z"), "2000-01-01T00:00:00Z");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const begun = new Promise<void>((resolve) => (started = resolve));
    // A transaction starts, confirms Jo's signature, and stays open…
    const slow = db.transaction().execute(async (trx) => {
      await sign({ name: "Jo Late", email: "jo@example.org" }, trx as unknown as Kysely<Database>);
      started();
      await held;
    });
    await begun;
    await settle();
    // …while a later one commits Kim's.
    await sign({ name: "Kim Early", email: "kim@example.org" });
    await settle();
    const during = await sync(client, since);
    // Kim's change is newer than the open transaction's start: held back until it ends.
    expect(during.map((s) => s.address)).not.toContain("kim@example.org");
    expect(during.map((s) => s.address)).not.toContain("jo@example.org");
    release();
    await slow;
    await settle();
    const after = await sync(client, latest(during, since));
    expect(after.map((s) => s.address).sort()).toEqual(["jo@example.org", "kim@example.org"]);
  });
});

describe("the record-signature helper", () => {
  it("records a pending signature for the key's partner, mails the confirmation and names a bad field", async () => {
    const client = new OsdiClient(entry(), await key(["read:campaigns", "write:signatures"], partnerId));
    const root = await client.entry();
    const [petition] = await client.all(root, "osdi:petitions");
    const helper = OsdiClient.href(petition!, "osdi:record_signature_helper")!;

    const bad = await client.request("POST", helper, { person: { given_name: "Lu", email_addresses: [{ address: "not an address" }], postal_addresses: [{ country: "DE" }] } });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ request_type: "error" });
    expect(bad.json.description).toMatch(/^person\.email_addresses\[0\]\.address:/u);
    const noCountry = await client.request("POST", helper, { person: { given_name: "Lu", email_addresses: [{ address: "lu@example.org" }] } });
    expect(noCountry.json.description).toMatch(/^person\.postal_addresses\[0\]\.country:/u);
    expect(await db.selectFrom("signatures").select("id").where("email", "=", "lu@example.org").execute()).toHaveLength(0);

    const created = await client.request("POST", helper, {
      person: { given_name: "Lu", family_name: "Ma", email_addresses: [{ address: "lu@example.org", status: "subscribed" }], postal_addresses: [{ country: "DE" }], languages_spoken: ["fr"] },
      comments: "From our own form",
    });
    expect(created.status).toBe(201);
    expect(created.json["treatywatch:status"]).toBe("pending");
    const id = OsdiClient.identifier(created.json, "treatywatch")!.slice("treatywatch:".length);
    const row = await db.selectFrom("signatures").selectAll().where("uuid", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "pending", name: "Lu Ma", email: "lu@example.org", partner_id: partnerId, partner_consent: true, mail_consent: false, language: "fr", comment: "From our own form" });
    const mails = await db.selectFrom("outgoing_mails").select(["template", "template_data"]).where("recipient", "=", "lu@example.org").execute();
    expect(mails.map((m) => m.template)).toEqual(["signature-confirm"]);
    expect(String(mails[0]!.template_data.signatureId)).toBe(row.id);

    // Without "subscribed" the partner gets no consent; a key without the scope gets 403.
    await client.post(helper, { person: { given_name: "Mo", email_addresses: [{ address: "mo@example.org" }], postal_addresses: [{ country: "FR" }] } });
    expect(await db.selectFrom("signatures").select(["partner_id", "partner_consent"]).where("email", "=", "mo@example.org").executeTakeFirstOrThrow()).toEqual({ partner_id: partnerId, partner_consent: false });
    const reader = new OsdiClient(entry(), await key(["read:campaigns"], partnerId));
    await expect(reader.post(helper, { person: {} })).rejects.toBeInstanceOf(OsdiError);
    expect((await reader.request("POST", helper, { person: {} })).status).toBe(403);
  });
});
