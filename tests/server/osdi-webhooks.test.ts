import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "~/modules/api/api-keys.server";
import { startTestServer, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

let server: TestServer;
const keys: Record<"platform" | "alpha" | "beta" | "reader", string> = { platform: "", alpha: "", beta: "", reader: "" };
let partners: { alpha: number; beta: number };

beforeAll(async () => {
  server = await startTestServer({ config: testConfig({ WEBHOOK_ALLOW_PRIVATE: "1" }) });
  const db = server.database.db;
  const partner = async (code: string) =>
    (
      await db
        .insertInto("partners")
        .values({ code, name: code, website_url: `https://${code}.example`, privacy_url: `https://${code}.example/p`, contact_email: `team@${code}.example` })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  partners = { alpha: await partner("alpha"), beta: await partner("beta") };
  const key = async (partnerId: number | null, scopes: ("manage:webhooks" | "read:campaigns")[]) => (await createApiKey(db, { label: "test", scopes, partnerId, createdBy: "admin@example.org" })).key;
  keys.platform = await key(null, ["manage:webhooks"]);
  keys.alpha = await key(partners.alpha, ["manage:webhooks"]);
  keys.beta = await key(partners.beta, ["manage:webhooks"]);
  keys.reader = await key(null, ["read:campaigns"]);
}, 120_000);
afterAll(async () => server?.close());

const call = (method: string, path: string, key: string | null, body?: unknown) =>
  fetch(`${server.base}/api/osdi/v1/webhooks${path}`, {
    method,
    headers: { ...(key ? { "OSDI-API-Token": key } : {}), ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });

const idOf = (resource: { identifiers: string[] }) => resource.identifiers[0]!.replace("treatywatch:", "");

describe("/api/osdi/v1/webhooks", () => {
  it("needs a key with the manage:webhooks scope", async () => {
    expect((await call("GET", "", null)).status).toBe(401);
    const forbidden = await call("GET", "", keys.reader);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ request_type: "error", error: "forbidden" });
    expect((await call("POST", "", keys.reader, { url: "http://127.0.0.1:9/h", events: ["signature.confirmed"], owner_email: "a@b.example" })).status).toBe(403);
  });

  it("subscribes, shows the secret once, lists and shows the subscription without it, and deletes it", async () => {
    const created = await call("POST", "", keys.platform, { url: "http://127.0.0.1:9/hook", events: ["signature.confirmed", "update.sent"], owner_email: "crm@example.org" });
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toMatch(/^application\/hal\+json/u);
    const body = (await created.json()) as { identifiers: string[]; secret: string };
    expect(body.secret).toMatch(/^whsec_/u);
    const id = idOf(body);
    expect(created.headers.get("location")).toMatch(new RegExp(`/api/osdi/v1/webhooks/${id}$`, "u"));

    const one = await (await call("GET", `/${id}`, keys.platform)).json();
    expect(one).toMatchObject({ url: "http://127.0.0.1:9/hook", events: ["signature.confirmed", "update.sent"], owner_email: "crm@example.org", partner: null, active: true });
    expect(JSON.stringify(one)).not.toContain(body.secret);
    const list = (await (await call("GET", "", keys.platform)).json()) as { total_records: number; _embedded: { "treatywatch:webhooks": { identifiers: string[] }[] } };
    expect(list._embedded["treatywatch:webhooks"].map(idOf)).toContain(id);
    expect(JSON.stringify(list)).not.toContain(body.secret);

    expect((await call("DELETE", `/${id}`, keys.platform)).status).toBe(200);
    expect((await call("GET", `/${id}`, keys.platform)).status).toBe(404);
    const audit = await server.database.db.selectFrom("audit_log").select(["action", "subject"]).where("subject", "=", id).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["webhook.subscribe", "webhook.delete"]);
  });

  it("refuses bad input with each field's error, storing nothing", async () => {
    const before = await server.database.db.selectFrom("webhook_subscriptions").select("id").execute();
    const bad = await call("POST", "", keys.platform, { url: "ftp://x.example/", events: ["signature.signed"], owner_email: "not mail" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ request_type: "error", error: "invalid_request", errors: { url: "url_invalid", events: "event_unknown", owner_email: "email_invalid" } });
    expect((await call("POST", "", keys.platform, "{not json")).status).toBe(400);
    expect((await call("POST", "", keys.platform, [1, 2])).status).toBe(400);
    expect(await (await call("POST", "", keys.platform, { url: "https://x.example/", events: [], owner_email: "a@b.example" })).json()).toMatchObject({ errors: { events: "events_required" } });

    // Without WEBHOOK_ALLOW_PRIVATE: http and names resolving to this machine are refused.
    server.reconfigure(testConfig());
    try {
      const local = await call("POST", "", keys.platform, { url: "https://localhost/hook", events: ["signature.confirmed"], owner_email: "a@b.example" });
      expect(await local.json()).toMatchObject({ errors: { url: "url_private" } });
      const plain = await call("POST", "", keys.platform, { url: "http://127.0.0.1:9/hook", events: ["signature.confirmed"], owner_email: "a@b.example" });
      expect(await plain.json()).toMatchObject({ errors: { url: "url_not_https" } });
    } finally {
      server.reconfigure(testConfig({ WEBHOOK_ALLOW_PRIVATE: "1" }));
    }
    expect(await server.database.db.selectFrom("webhook_subscriptions").select("id").execute()).toEqual(before);
  });

  it("lets a partner key manage only its partner's subscriptions, owned by the partner's contact unless named", async () => {
    const platform = idOf(await (await call("POST", "", keys.platform, { url: "http://127.0.0.1:9/p", events: ["letter.sent"], owner_email: "crm@example.org" })).json());
    const alphaCreated = await call("POST", "", keys.alpha, { url: "http://127.0.0.1:9/a", events: ["signature.confirmed"] });
    expect(alphaCreated.status).toBe(201);
    const alpha = idOf(await alphaCreated.json());
    const beta = idOf(await (await call("POST", "", keys.beta, { url: "http://127.0.0.1:9/b", events: ["signature.confirmed"], owner_email: "ops@beta.example" })).json());

    expect(await (await call("GET", `/${alpha}`, keys.alpha)).json()).toMatchObject({ partner: "alpha", owner_email: "team@alpha.example" });
    const listed = (await (await call("GET", "", keys.alpha)).json()) as { _embedded: { "treatywatch:webhooks": { identifiers: string[] }[] } };
    expect(listed._embedded["treatywatch:webhooks"].map(idOf)).toEqual([alpha]);
    for (const other of [platform, beta]) {
      expect((await call("GET", `/${other}`, keys.alpha)).status).toBe(404);
      expect((await call("DELETE", `/${other}`, keys.alpha)).status).toBe(404);
    }
    expect((await call("GET", `/${beta}`, keys.beta)).status).toBe(200);
    // The platform's key sees every subscription.
    const all = (await (await call("GET", "", keys.platform)).json()) as { _embedded: { "treatywatch:webhooks": { identifiers: string[] }[] } };
    expect(all._embedded["treatywatch:webhooks"].map(idOf)).toEqual(expect.arrayContaining([platform, alpha, beta]));
    expect((await call("DELETE", `/${alpha}`, keys.alpha)).status).toBe(200);
    expect((await call("GET", "/not-a-uuid", keys.alpha)).status).toBe(404);
  });
});
