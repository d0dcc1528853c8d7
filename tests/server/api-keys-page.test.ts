import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizerClient } from "../support/organizer-client";
import { startTestServer, type TestServer } from "../support/test-server";

/** The organizers' API keys page: admins only; a key is shown once, listed without itself, revoked at once. */
let server: TestServer;
const organizers = organizerClient(() => server);

beforeAll(async () => {
  server = await startTestServer();
  await server.database.db
    .insertInto("partners")
    .values({ code: "digital-rights", name: "Digital Rights", website_url: "https://dr.example", privacy_url: "https://dr.example/privacy", contact_email: "hello@dr.example" })
    .execute();
}, 120_000);
afterAll(async () => server?.close());

describe("/:lng/organize/api-keys", () => {
  it("is for admins only", async () => {
    const cookie = await organizers.signInAs("organizer", "not-admin@example.org");
    expect((await server.get("/en/organize/api-keys", { cookie })).status).toBe(403);
    const signedOut = await server.get("/en/organize/api-keys");
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toContain("/en/organize/sign-in");
  });

  it("creates a key shown once, lists it without the key, refuses bad input by the field, and revokes it", async () => {
    const cookie = await organizers.signInAs("admin", "keys-admin@example.org");
    const csrf = await organizers.csrfOf(cookie);
    const home = await (await server.get("/en/organize", { cookie })).text();
    expect(home).toContain('href="/en/organize/api-keys"');

    // Bad input: a message by each field, what was typed kept, nothing stored.
    const bad = await organizers.post("/en/organize/api-keys", { csrf, intent: "create", label: "  ", partner: "999", scopes: [] }, { cookie });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('id="key-label-error"');
    expect(badHtml).toContain('id="key-partner-error"');
    expect(badHtml).toContain('id="key-scopes-error"');
    expect(await server.database.db.selectFrom("api_keys").select("id").execute()).toHaveLength(0);

    const partner = await server.database.db.selectFrom("partners").select("id").executeTakeFirstOrThrow();
    const created = await organizers.post("/en/organize/api-keys", { csrf, intent: "create", label: "Partner CRM", partner: String(partner.id), scopes: ["read:people", "read:campaigns"] }, { cookie });
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toContain("no-store");
    const key = /<code id="new-api-key">(tw_[A-Za-z0-9_-]{43})<\/code>/u.exec(await created.text())?.[1];
    expect(key).toBeDefined();
    const row = await server.database.db.selectFrom("api_keys").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ label: "Partner CRM", partner_id: partner.id, scopes: ["read:campaigns", "read:people"], created_by: "keys-admin@example.org" });
    expect(JSON.stringify(row)).not.toContain(key!);

    // The key works; the list shows the key's label and last four characters, never the key.
    expect((await server.get("/api/osdi/v1/people", { "OSDI-API-Token": key! })).status).toBe(200);
    const list = await (await server.get("/en/organize/api-keys", { cookie })).text();
    expect(list).toContain("Partner CRM");
    expect(list).toMatch(new RegExp(`…(<!-- -->)?${key!.slice(-4)}</code>`, "u"));
    expect(list).not.toContain(key!);

    const revoked = await organizers.post("/en/organize/api-keys", { csrf, intent: "revoke", id: row.id }, { cookie });
    expect(revoked.status).toBe(303);
    expect((await server.get("/api/osdi/v1/people", { "OSDI-API-Token": key! })).status).toBe(401);
    const audit = await server.database.db.selectFrom("audit_log").select(["action", "subject", "details"]).where("action", "like", "api_key.%").orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["api_key.create", "api_key.revoke"]);
    expect(JSON.stringify(audit)).not.toContain(key!);
  });
});
