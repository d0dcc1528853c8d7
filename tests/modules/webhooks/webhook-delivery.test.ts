import { createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { renderMail, readStoredMail } from "../../../emails/index";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import type { DatabaseHandle } from "../../../db/client";
import { setSignatureStatus } from "~/modules/petition/petition.repo.server";
import { createSubscription, deliveryLog, sendAgain } from "~/modules/webhooks/webhook-subscriptions.service.server";
import { startWebhookWorker, type RunningWebhookWorker, type WebhookWorkerConfig } from "~/modules/webhooks/webhook-worker.server";
import { dropOldBodies, eraseWebhookDataOf } from "~/modules/webhooks/webhook-deliveries.repo.server";
import { openTestDatabase } from "../../support/database";
import { startReceiver } from "../../support/webhook-receiver";

const SECRETS = ["test-secret"];
type Person = { email_addresses: { primary: boolean; address: string; status: string }[] };
type SignatureBody = { event: string; "osdi:signature": { status: string; _embedded: { "osdi:person": Person } } }[];
const ADMIN = { id: null, email: "admin@example.org" };
let handle: DatabaseHandle;
let petitionId: number;
let partners: { a: number; b: number };
let worker: RunningWebhookWorker | null = null;
let n = 0;

const workerConfig = (over: Partial<WebhookWorkerConfig> = {}): WebhookWorkerConfig => ({
  publicUrl: "https://treaty.example.org",
  sessionSecrets: SECRETS,
  allowPrivate: true,
  timeoutMs: 2000,
  giveUpAfterMs: 3_600_000,
  maxResponseBytes: 1024,
  retryBaseMs: 20,
  concurrency: 10,
  ...over,
});

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  petitionId = (await handle.db.insertInto("petitions").values({ slug: "hooked", status: "live", default_language: "en", opened_at: new Date() }).returning("id").executeTakeFirstOrThrow()).id;
  const partner = async (code: string) =>
    (
      await handle.db
        .insertInto("partners")
        .values({ code, name: code.toUpperCase(), website_url: `https://${code}.example`, privacy_url: `https://${code}.example/privacy`, contact_email: `hello@${code}.example` })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  partners = { a: await partner("alpha"), b: await partner("beta") };
}, 60_000);

afterAll(async () => {
  await handle.close();
});

afterEach(async () => {
  await worker?.stop();
  worker = null;
  // Each test starts with no subscription and an empty queue.
  await handle.db.updateTable("webhook_subscriptions").set({ active: false, deleted_at: new Date() }).where("deleted_at", "is", null).execute();
  await handle.db.deleteFrom("webhook_deliveries").execute();
});

/** A pending signature confirmed through the petition's own status change (which writes the event). */
async function confirmedSignature(email: string, partner: { id: number; consent: boolean } | null = null): Promise<string> {
  const row = await handle.db
    .insertInto("signatures")
    .values({
      petition_id: petitionId,
      status: "pending",
      name: `Signer ${email}`,
      email,
      email_key: email,
      country_code: "FRA",
      mail_consent: true,
      language: "en",
      referral_code: `hook${String(++n).padStart(6, "0")}`,
      partner_id: partner?.id ?? null,
      partner_consent: partner?.consent ?? false,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await handle.db.transaction().execute((trx) => setSignatureStatus(trx, row.id, "confirmed"));
  return row.id;
}

async function subscribe(url: string, options: { partnerId?: number | null; events?: string } = {}) {
  const created = await createSubscription(
    handle.db,
    { url, events: options.events ?? "signature.confirmed", ownerEmail: "owner@example.org" },
    { actor: ADMIN, partnerId: options.partnerId ?? null },
    { allowPrivate: true, sessionSecrets: SECRETS },
  );
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  return created;
}

async function deliveriesOf(subscriptionId: string) {
  return handle.db.selectFrom("webhook_deliveries").selectAll().where("subscription_id", "=", subscriptionId).orderBy("created_at").execute();
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("webhook delivery to a local receiver", () => {
  it("delivers a confirmed signature, signed with the subscription's secret, with the documented headers", async () => {
    const receiver = await startReceiver();
    try {
      const { id, secret } = await subscribe(receiver.url());
      await confirmedSignature("ann@example.org");
      worker = startWebhookWorker(handle.db, workerConfig(), 20);
      await receiver.waitFor(1);
      const hook = receiver.received[0]!;
      const [delivery] = await deliveriesOf(id);
      expect(hook.headers["content-type"]).toBe("application/json");
      expect(hook.headers["x-treatywatch-event"]).toBe("signature.confirmed");
      expect(hook.headers["x-treatywatch-delivery"]).toBe(delivery!.id);
      // Verified here independently of the code that signs.
      const match = /^t=(\d+),v1=([0-9a-f]{64})$/u.exec(String(hook.headers["x-treatywatch-signature"]));
      expect(match).not.toBeNull();
      const expected = createHmac("sha256", secret).update(`${match![1]}.${hook.body}`).digest("hex");
      expect(match![2]).toBe(expected);
      expect(Math.abs(Number(match![1]) - Date.now() / 1000)).toBeLessThan(30);
      const body = JSON.parse(hook.body) as SignatureBody;
      expect(body[0]!.event).toBe("signature.confirmed");
      expect(body[0]!["osdi:signature"].status).toBe("confirmed");
      expect(body[0]!["osdi:signature"]._embedded["osdi:person"].email_addresses[0]!.address).toBe("ann@example.org");
      await waitUntil(async () => (await deliveriesOf(id))[0]!.status === "delivered");
    } finally {
      await receiver.close();
    }
  });

  it("retries a delivery answered 500 with the same delivery id and the same bytes, and delivers it once", async () => {
    const receiver = await startReceiver((_hook, response, count) => {
      response.statusCode = count === 1 ? 500 : 200;
      response.end();
    });
    try {
      const { id } = await subscribe(receiver.url());
      await confirmedSignature("bob@example.org");
      worker = startWebhookWorker(handle.db, workerConfig(), 20);
      await waitUntil(async () => (await deliveriesOf(id))[0]?.status === "delivered");
      const [first, second] = receiver.received;
      expect(receiver.received).toHaveLength(2);
      expect(second!.headers["x-treatywatch-delivery"]).toBe(first!.headers["x-treatywatch-delivery"]);
      expect(second!.body).toBe(first!.body);
      const [log] = await deliveryLog(handle.db, id);
      expect(log!.attempts.map((a) => a.statusCode)).toEqual([500, 200]);
      expect(log!.attempts.map((a) => a.attempt)).toEqual([1, 2]);
    } finally {
      await receiver.close();
    }
  });

  it("gives a partner's subscription only the people who consented to that partner, and the platform's all of them", async () => {
    const receiver = await startReceiver();
    try {
      const alpha = await subscribe(receiver.url("/alpha"), { partnerId: partners.a });
      const platform = await subscribe(receiver.url("/platform"));
      await confirmedSignature("consented-alpha@example.org", { id: partners.a, consent: true });
      await confirmedSignature("declined-alpha@example.org", { id: partners.a, consent: false });
      await confirmedSignature("consented-beta@example.org", { id: partners.b, consent: true });
      await confirmedSignature("nobody@example.org");
      worker = startWebhookWorker(handle.db, workerConfig(), 20);
      await receiver.waitFor(5);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const emails = (path: string) =>
        receiver.received.filter((h) => h.path === path).map((h) => (JSON.parse(h.body) as SignatureBody)[0]!["osdi:signature"]._embedded["osdi:person"].email_addresses[0]);
      expect(emails("/alpha")).toEqual([{ primary: true, address: "consented-alpha@example.org", status: "subscribed" }]);
      expect(emails("/platform").map((e) => e!.address).sort()).toEqual(["consented-alpha@example.org", "consented-beta@example.org", "declined-alpha@example.org", "nobody@example.org"]);
      expect(await deliveriesOf(alpha.id)).toHaveLength(1);
      expect(await deliveriesOf(platform.id)).toHaveLength(4);
    } finally {
      await receiver.close();
    }
  });

  it("bounds a receiver that never answers and one that answers too much", async () => {
    const receiver = await startReceiver((hook, response) => {
      if (hook.path === "/slow") return; // never answers
      response.statusCode = 200;
      response.write("x".repeat(64 * 1024));
      response.end("x".repeat(4 * 1024 * 1024));
    });
    try {
      const slow = await subscribe(receiver.url("/slow"));
      const large = await subscribe(receiver.url("/large"));
      await confirmedSignature("carol@example.org");
      worker = startWebhookWorker(handle.db, workerConfig({ timeoutMs: 300, retryBaseMs: 60_000 }), 20);
      await waitUntil(async () => (await deliveryLog(handle.db, slow.id))[0]?.attempts.length === 1 && (await deliveriesOf(large.id))[0]?.status === "delivered");
      const [slowLog] = await deliveryLog(handle.db, slow.id);
      expect(slowLog!.attempts[0]!.error).toMatch(/^timeout/u);
      expect(slowLog!.attempts[0]!.durationMs).toBeLessThan(1500);
      expect(slowLog!.status).toBe("queued");
      const [largeLog] = await deliveryLog(handle.db, large.id);
      expect(largeLog!.attempts[0]!.statusCode).toBe(200);
      expect(largeLog!.attempts[0]!.error).toMatch(/larger than 1024 bytes/u);
    } finally {
      await receiver.close();
    }
  });

  it("switches off a subscription that keeps failing and mails its owner", async () => {
    const receiver = await startReceiver((_hook, response) => {
      response.statusCode = 503;
      response.end();
    });
    try {
      const { id } = await subscribe(receiver.url());
      // Nineteen failures in a row over two hours already: the next one is the twentieth.
      await handle.db.updateTable("webhook_subscriptions").set({ consecutive_failures: 19, failing_since: new Date(Date.now() - 2 * 3_600_000) }).where("id", "=", id).execute();
      await confirmedSignature("dave@example.org");
      await confirmedSignature("erin@example.org");
      worker = startWebhookWorker(handle.db, workerConfig({ retryBaseMs: 60_000, concurrency: 1 }), 20);
      await waitUntil(async () => (await handle.db.selectFrom("webhook_subscriptions").select("active").where("id", "=", id).executeTakeFirstOrThrow()).active === false);
      const subscription = await handle.db.selectFrom("webhook_subscriptions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      expect(subscription.disabled_at).not.toBeNull();
      expect(subscription.disabled_reason).toMatch(/20 failed attempts in a row/u);
      // What it had not received is given up with it.
      expect((await deliveriesOf(id)).map((d) => d.status)).toEqual(["failed", "failed"]);
      const mails = await handle.db.selectFrom("outgoing_mails").selectAll().where("template", "=", "webhook-disabled").execute();
      expect(mails).toHaveLength(1);
      expect(mails[0]!.recipient).toBe("owner@example.org");
      const stored = readStoredMail(mails[0]!.template, mails[0]!.template_data);
      if (!stored.ok) throw new Error(stored.error);
      const mail = renderMail(stored.mail.intent, { lng: "fr", publicUrl: "https://treaty.example.org" }, stored.mail.data as never);
      expect(mail.text).toContain(receiver.url());
      expect(mail.subject).toContain("désactivé");
    } finally {
      await receiver.close();
    }
  });

  it("sends a finished delivery again with the same id, and drops bodies by retention and deliveries by erasure", async () => {
    const receiver = await startReceiver();
    try {
      const { id } = await subscribe(receiver.url());
      await confirmedSignature("frank@example.org");
      worker = startWebhookWorker(handle.db, workerConfig(), 20);
      await waitUntil(async () => (await deliveriesOf(id))[0]?.status === "delivered");
      const [delivery] = await deliveriesOf(id);
      expect(await sendAgain(handle.db, id, delivery!.id, { kind: "all" }, ADMIN)).toEqual({ ok: true });
      await receiver.waitFor(2);
      expect(receiver.received[1]!.headers["x-treatywatch-delivery"]).toBe(delivery!.id);
      expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
      await waitUntil(async () => (await deliveriesOf(id))[0]?.status === "delivered");
      // Another scope cannot.
      expect(await sendAgain(handle.db, id, delivery!.id, { kind: "partner", partnerId: partners.a }, ADMIN)).toEqual({ ok: false, code: "not_found" });

      // Retention: the log line stays, without the body and without whose it was.
      expect(await dropOldBodies(handle.db, new Date(Date.now() + 1000))).toBe(1);
      expect((await deliveriesOf(id))[0]).toMatchObject({ body: "", email_key: null });
      expect(await handle.db.selectFrom("webhook_events").select("id").where("email_key", "=", "frank@example.org").execute()).toEqual([]);
      expect(await sendAgain(handle.db, id, delivery!.id, { kind: "all" }, ADMIN)).toEqual({ ok: false, code: "body_expired" });
      // Erasure: a delivery that still holds her goes; the stripped log line holds nothing of her and stays.
      await handle.db
        .insertInto("webhook_deliveries")
        .values({ subscription_id: id, event: "signature.confirmed", body: JSON.stringify({ email: "frank@example.org" }), email_key: "frank@example.org" })
        .execute();
      expect(await eraseWebhookDataOf(handle.db, "frank@example.org")).toBe(1);
      expect((await deliveriesOf(id)).map((d) => d.id)).toEqual([delivery!.id]);
    } finally {
      await receiver.close();
    }
  });
});

describe("addresses webhooks may not reach", () => {
  it("refuses loopback and private URLs at subscription, names that resolve there included", async () => {
    const refused = async (url: string) => {
      const result = await createSubscription(handle.db, { url, events: ["signature.confirmed"], ownerEmail: "owner@example.org" }, { actor: ADMIN, partnerId: null }, { allowPrivate: false, sessionSecrets: SECRETS });
      return result.ok ? "accepted" : result.errors.url;
    };
    expect(await refused("https://127.0.0.1/hook")).toBe("url_private");
    expect(await refused("https://localhost/hook")).toBe("url_private");
    expect(await refused("https://[::1]/hook")).toBe("url_private");
    expect(await refused("https://[::ffff:127.0.0.1]/hook")).toBe("url_private");
    expect(await refused("https://169.254.169.254/latest/meta-data")).toBe("url_private");
    expect(await refused("https://10.1.2.3/hook")).toBe("url_private");
    expect(await refused("http://93.184.215.14/hook")).toBe("url_not_https");
    expect(await refused("https://user:pw@93.184.215.14/hook")).toBe("url_credentials");
    expect(await refused("https://no-such-host.invalid/hook")).toBe("url_unresolvable");
    expect(await handle.db.selectFrom("webhook_subscriptions").select("id").where("deleted_at", "is", null).execute()).toEqual([]);
  });

  it("refuses at delivery time a name that resolves to 127.0.0.1 (the connection's own lookup), and the receiver gets nothing", async () => {
    const receiver = await startReceiver();
    try {
      const byName = await subscribe(`https://localhost:${receiver.port}/hook`);
      const byAddress = await subscribe(`https://127.0.0.1:${receiver.port}/hook`);
      await confirmedSignature("gina@example.org");
      worker = startWebhookWorker(handle.db, workerConfig({ allowPrivate: false, retryBaseMs: 60_000 }), 20);
      await waitUntil(async () => (await deliveryLog(handle.db, byName.id))[0]?.attempts.length === 1 && (await deliveryLog(handle.db, byAddress.id))[0]?.attempts.length === 1);
      for (const id of [byName.id, byAddress.id]) {
        const [log] = await deliveryLog(handle.db, id);
        expect(log!.attempts[0]!.statusCode).toBeNull();
        expect(log!.attempts[0]!.error).toMatch(/^refused/u);
      }
      expect(receiver.received).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
