import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizerClient } from "../support/organizer-client";
import { startTestServer, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

let server: TestServer;
const { post, signInAs, csrfOf } = organizerClient(() => server);

beforeAll(async () => {
  server = await startTestServer({ config: testConfig({ WEBHOOK_ALLOW_PRIVATE: "1" }) });
  await server.database.db
    .insertInto("partners")
    .values({ code: "alpha", name: "Alpha", website_url: "https://alpha.example", privacy_url: "https://alpha.example/p", contact_email: "team@alpha.example" })
    .execute();
}, 120_000);
afterAll(async () => server?.close());

const subscriptions = () => server.database.db.selectFrom("webhook_subscriptions").selectAll().where("deleted_at", "is", null).orderBy("created_at").execute();

describe("/:lng/organize/webhooks", () => {
  it("is for admins only", async () => {
    const organizer = await signInAs("organizer", "plain-organizer@example.org");
    expect((await server.get("/en/organize/webhooks", { cookie: organizer })).status).toBe(403);
    expect((await server.get("/en/organize/webhooks")).status).toBe(302);
    const admin = await signInAs("admin", "nav-admin@example.org");
    const home = await (await server.get("/en/organize", { cookie: admin })).text();
    expect(home).toContain('href="/en/organize/webhooks"');
  });

  it("refuses bad input by the field, in the page's language, keeping what was typed and storing nothing", async () => {
    const cookie = await signInAs("admin", "hooks-admin@example.org");
    const csrf = await csrfOf(cookie);
    const refused = await post("/fr/organize/webhooks", { csrf, intent: "add", url: "ftp://crm.example/x", ownerEmail: "pas une adresse", partner: "" }, { cookie });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("Saisissez l’adresse complète du destinataire");
    expect(html).toContain("Choisissez au moins un événement.");
    expect(html).toContain("Saisissez une adresse e-mail.");
    expect(html).toContain('value="ftp://crm.example/x"');
    const unknownPartner = await post("/en/organize/webhooks", { csrf, intent: "add", url: "http://127.0.0.1:9/x", events: ["letter.sent"], ownerEmail: "a@b.example", partner: "nobody" }, { cookie });
    expect(unknownPartner.status).toBe(400);
    const again = await unknownPartner.text();
    expect(again).toContain("No partner has this code.");
    expect(again).toMatch(/id="webhook-event-letter.sent"[^>]*checked/u);
    expect(await subscriptions()).toEqual([]);
  });

  it("adds a subscription showing its secret once, shows its delivery log, switches it back on and deletes it", async () => {
    const cookie = await signInAs("admin", "hooks-admin2@example.org");
    const csrf = await csrfOf(cookie);
    const added = await post("/en/organize/webhooks", { csrf, intent: "add", url: "http://127.0.0.1:9/hook", events: ["signature.confirmed", "update.sent"], ownerEmail: "crm@example.org", partner: "alpha" }, { cookie });
    expect(added.status).toBe(200);
    const html = await added.text();
    const secret = /data-testid="webhook-secret">(whsec_[A-Za-z0-9_-]+)</u.exec(html)?.[1];
    expect(secret).toBeDefined();
    const [row] = await subscriptions();
    expect(row).toMatchObject({ url: "http://127.0.0.1:9/hook", events: ["signature.confirmed", "update.sent"], owner_email: "crm@example.org", owner_language: "en" });
    expect(row!.secret_sealed).not.toContain(secret!);
    const list = await (await server.get("/en/organize/webhooks", { cookie })).text();
    expect(list).toContain("http://127.0.0.1:9/hook");
    expect(list).toContain("alpha");
    expect(list).not.toContain(secret!);

    // A delivery that failed, then "send again" requeues the same id.
    const delivery = await server.database.db
      .insertInto("webhook_deliveries")
      .values({ subscription_id: row!.id, event: "update.sent", body: "[]", status: "failed", attempts: 1, finished_at: new Date(), last_status_code: 500 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await server.database.db.insertInto("webhook_attempts").values({ delivery_id: delivery.id, attempt: 1, started_at: new Date(), duration_ms: 42, status_code: 500, error: "HTTP 500" }).execute();
    const log = await (await server.get(`/en/organize/webhooks/${row!.id}`, { cookie })).text();
    expect(log).toContain(delivery.id);
    expect(log).toContain("HTTP 500");
    expect(log).toContain("42 ms");
    const resent = await post(`/en/organize/webhooks/${row!.id}`, { csrf, intent: "send_again", delivery: delivery.id }, { cookie });
    expect(resent.status).toBe(303);
    expect(await server.database.db.selectFrom("webhook_deliveries").select(["id", "status"]).execute()).toEqual([{ id: delivery.id, status: "queued" }]);
    const notYet = await post(`/en/organize/webhooks/${row!.id}`, { csrf, intent: "send_again", delivery: delivery.id }, { cookie });
    expect(notYet.status).toBe(409);
    expect(await notYet.text()).toContain("This delivery is still being sent.");

    await server.database.db.updateTable("webhook_subscriptions").set({ active: false, disabled_at: new Date(), disabled_reason: "20 failed attempts" }).where("id", "=", row!.id).execute();
    expect((await post("/en/organize/webhooks", { csrf, intent: "reenable", id: row!.id }, { cookie })).status).toBe(303);
    expect((await subscriptions())[0]).toMatchObject({ active: true, disabled_at: null, consecutive_failures: 0 });
    expect((await post("/en/organize/webhooks", { csrf, intent: "delete", id: row!.id }, { cookie })).status).toBe(303);
    expect(await subscriptions()).toEqual([]);
    expect((await post("/en/organize/webhooks", { csrf, intent: "delete", id: "nope" }, { cookie })).status).toBe(404);
    expect((await server.get(`/en/organize/webhooks/${row!.id}`, { cookie })).status).toBe(404);
  });
});
