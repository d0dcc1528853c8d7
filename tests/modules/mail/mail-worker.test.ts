import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { createMailTransport } from "~/lib/mail/transport.server";
import { deliverDueMails, type MailWorkerConfig } from "~/modules/mail/mail-worker.server";
import { addressLimitKey } from "~/modules/mail/address-key.server";
import { enqueueMail, suppressAddress } from "~/modules/mail/outbox.repo.server";
import { emailT } from "../../../emails/translate";
import { openTestDatabase } from "../../support/database";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink";
import { testConfig } from "../../support/test-config";

let handle: DatabaseHandle;
let sink: SmtpSink;
let smtpUrl: string;
let received: ParsedMail[];

const config: MailWorkerConfig = {
  from: "Treaty Watch <no-reply@treaty.example.org>",
  publicUrl: "https://treaty.example.org",
  messageIdDomain: "treaty.example.org",
  batchSize: 10,
  signingSecrets: ["test-secret"],
  perDomainPerMinute: 1000,
  leaseMs: 60_000,
};

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  sink = await startSmtpSink();
  smtpUrl = sink.url;
  received = sink.received;
});

afterAll(async () => {
  await sink?.close();
  await handle?.close();
});

beforeEach(async () => {
  received.length = 0;
  await handle.db.deleteFrom("outgoing_mails").execute();
  await handle.db.deleteFrom("mail_suppressions").execute();
});

const mail = (recipient: string, language: string, key = `${recipient}-${language}`) => ({
  recipient,
  template: "test" as const,
  templateData: { name: "Ada <b>" },
  language,
  idempotencyKey: key,
});

const smtpMail = (url: string) => testConfig({ SMTP_URL: url }).mail;

async function statusOf(recipient: string) {
  return handle.db.selectFrom("outgoing_mails").selectAll().where("recipient", "=", recipient).executeTakeFirstOrThrow();
}

describe("the outbox", () => {
  it("makes enqueueing the same mail twice a no-op", async () => {
    expect(await enqueueMail(handle.db, mail("a@example.org", "en", "same"))).toEqual({ enqueued: true });
    expect(await enqueueMail(handle.db, mail("a@example.org", "en", "same"))).toEqual({ enqueued: false });
    const rows = await handle.db.selectFrom("outgoing_mails").select("id").execute();
    expect(rows).toHaveLength(1);
  });
});

describe("the outbox refuses", () => {
  it.each(["victim@example.org\r\nBcc: all@example.org", "no-at-sign", "two@@example.org", "a b@example.org"])("the recipient %j", async (recipient) => {
    await expect(enqueueMail(handle.db, mail(recipient, "en"))).rejects.toThrow(/check/i);
  });
});

describe("the mail worker over SMTP", () => {
  it("delivers each mail in its language with a Message-ID from the row, escaping user text", async () => {
    await enqueueMail(handle.db, mail("fr@example.org", "fr"));
    await enqueueMail(handle.db, mail("ar@example.org", "ar"));
    const transport = createMailTransport(smtpMail(smtpUrl));
    const report = await deliverDueMails(handle.db, transport, config);
    transport.close();
    expect(report).toMatchObject({ claimed: 2, sent: 2, failed: 0, retried: 0 });
    const french = received.find((m) => m.subject?.includes("message de test"));
    const arabic = received.find((m) => m.subject?.includes("رسالة تجريبية"));
    expect(french?.text).toContain("Bonjour Ada <b>,");
    expect(french?.html).toContain("Bonjour Ada &#60;b&#62;,");
    expect(arabic?.html).toContain('dir="rtl"');
    const row = await statusOf("fr@example.org");
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
    expect(french?.messageId).toBe(`<outbox-${row.id}@treaty.example.org>`);
    // Not a transactional one-off: one-click unsubscribe in the headers and the text.
    const headerLine = (key: string) => french?.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/, "") ?? "";
    const listUnsubscribe = headerLine("list-unsubscribe");
    expect(listUnsubscribe).toMatch(/^<https:\/\/treaty\.example\.org\/unsubscribe\/[\w-]+\.[\w-]+>$/);
    expect(headerLine("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(french?.text).toContain(listUnsubscribe.slice(1, -1));
  });

  it("delivers the test mail in every supported language, subject and body from its locale", async () => {
    const languages = ["en", "fr", "es", "ar", "ru", "zh"];
    for (const lng of languages) await enqueueMail(handle.db, { ...mail(`${lng}@example.org`, lng), templateData: {} });
    const transport = createMailTransport(smtpMail(smtpUrl));
    expect(await deliverDueMails(handle.db, transport, config)).toMatchObject({ sent: 6 });
    transport.close();
    for (const lng of languages) {
      const t = emailT(lng);
      const delivered = received.find((m) => m.to && JSON.stringify(m.to).includes(`${lng}@example.org`));
      expect(delivered?.subject, lng).toBe(t("test.subject"));
      expect(delivered?.text, lng).toContain(t("test.body"));
      expect(delivered?.html, lng).toContain(`lang="${lng}"`);
    }
  });

  it("marks a mail refused with 5xx as failed, with the reason", async () => {
    await enqueueMail(handle.db, mail("reject@example.org", "en"));
    const transport = createMailTransport(smtpMail(smtpUrl));
    expect(await deliverDueMails(handle.db, transport, config)).toMatchObject({ failed: 1, sent: 0 });
    transport.close();
    const row = await statusOf("reject@example.org");
    expect(row.status).toBe("failed");
    expect(row.last_error).toMatch(/550/);
  });

  it("fails a row whose intent is unknown or whose data does not fit it, without sending, naming fields only", async () => {
    const row = (recipient: string, template: string, data: Record<string, unknown>) => ({ recipient, template, template_data: data, language: "en", idempotency_key: recipient });
    await handle.db
      .insertInto("outgoing_mails")
      .values([row("old@example.org", "newsletter", {}), row("odd@example.org", "signature-confirm", { signatureId: "odd@example.org", name: "Ann", petitionTitle: "T" })])
      .execute();
    const never = { kind: "local" as const, send: () => Promise.reject(new Error("must not send")), close: () => {} };
    expect(await deliverDueMails(handle.db, never, config)).toMatchObject({ failed: 2, sent: 0 });
    expect(await statusOf("old@example.org")).toMatchObject({ status: "failed", last_error: "unknown template newsletter" });
    const odd = await statusOf("odd@example.org");
    expect(odd.status).toBe("failed");
    expect(odd.last_error).toMatch(/^invalid data for template signature-confirm \(signatureId: /u);
    expect(odd.last_error).not.toContain("odd@example.org");
  });

  it("retries later when the server is down, then delivers once it is back", async () => {
    await enqueueMail(handle.db, mail("later@example.org", "es"));
    const down = createMailTransport(smtpMail("smtp://127.0.0.1:9"));
    expect(await deliverDueMails(handle.db, down, config)).toMatchObject({ retried: 1 });
    down.close();
    const waiting = await statusOf("later@example.org");
    expect(waiting).toMatchObject({ status: "queued", attempts: 1 });
    expect(new Date(waiting.next_attempt_at).getTime()).toBeGreaterThan(Date.now());
    // Not due yet: nothing is claimed.
    const up = createMailTransport(smtpMail(smtpUrl));
    expect((await deliverDueMails(handle.db, up, config)).claimed).toBe(0);
    expect(await deliverDueMails(handle.db, up, config, new Date(Date.now() + 3600_000))).toMatchObject({ sent: 1 });
    up.close();
    expect(await statusOf("later@example.org")).toMatchObject({ status: "sent", attempts: 2 });
    expect(received).toHaveLength(1);
  });

  it("does not send to a suppressed address", async () => {
    await suppressAddress(handle.db, "Gone@Example.org", "unsubscribed", config.signingSecrets);
    await enqueueMail(handle.db, mail("gone@example.org", "en"));
    const transport = createMailTransport(smtpMail(smtpUrl));
    expect(await deliverDueMails(handle.db, transport, config)).toMatchObject({ suppressed: 1, sent: 0 });
    transport.close();
    expect((await statusOf("gone@example.org")).status).toBe("suppressed");
    expect(received).toHaveLength(0);
  });

  it("keeps the do-not-mail list as keyed hashes: every spelling of the mailbox is suppressed, also after the secret is rotated", async () => {
    await suppressAddress(handle.db, "Ann.Lee+news@Example.org", "unsubscribed", ["old-secret"]);
    expect(JSON.stringify(await handle.db.selectFrom("mail_suppressions").selectAll().execute())).not.toMatch(/ann|lee|example/iu);
    await enqueueMail(handle.db, mail("ann.lee@example.org", "en"));
    await enqueueMail(handle.db, mail("ANN.LEE+other@example.org", "fr"));
    await enqueueMail(handle.db, mail("annlee@example.org", "es"));
    const transport = createMailTransport(smtpMail(smtpUrl));
    // The newest secret comes first; the old one still recognizes the entry, which is written again with the new one.
    const rotated = { ...config, signingSecrets: ["new-secret", "old-secret"] };
    expect(await deliverDueMails(handle.db, transport, rotated)).toMatchObject({ suppressed: 2, sent: 1 });
    transport.close();
    expect(received.map((m) => JSON.stringify(m.to))).toEqual([expect.stringContaining("annlee@example.org")]);
    const keys = (await handle.db.selectFrom("mail_suppressions").select("address_key").execute()).map((r) => r.address_key).sort();
    expect(keys).toEqual([addressLimitKey("ann.lee@example.org", ["new-secret"]), addressLimitKey("ann.lee@example.org", ["old-secret"])].sort());
  });

  it("takes over a mail left sending by a crashed worker once its lease expires", async () => {
    await enqueueMail(handle.db, mail("crash@example.org", "en"));
    const past = new Date(Date.now() - 60_000);
    await handle.db.updateTable("outgoing_mails").set({ status: "sending", attempts: 1, lease_expires_at: past }).execute();
    const transport = createMailTransport(smtpMail(smtpUrl));
    expect(await deliverDueMails(handle.db, transport, config)).toMatchObject({ claimed: 1, sent: 1 });
    transport.close();
    expect(await statusOf("crash@example.org")).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("keeps each recipient domain under its per-minute budget, deferring the rest without counting an attempt", async () => {
    for (let i = 0; i < 5; i++) await enqueueMail(handle.db, mail(`r${i}@busy.example`, "en"));
    await enqueueMail(handle.db, mail("solo@quiet.example", "en"));
    const transport = createMailTransport(smtpMail(smtpUrl));
    const report = await deliverDueMails(handle.db, transport, { ...config, perDomainPerMinute: 2 });
    expect(report).toMatchObject({ claimed: 6, sent: 3, deferred: 3 });
    // Within the same minute the budget is spent: nothing more goes to busy.example.
    expect(await deliverDueMails(handle.db, transport, { ...config, perDomainPerMinute: 2 }, new Date(Date.now() + 120_000))).toMatchObject({ sent: 0, deferred: 3 });
    transport.close();
    const waiting = await handle.db.selectFrom("outgoing_mails").select(["status", "attempts"]).where("status", "=", "queued").execute();
    expect(waiting).toEqual([
      { status: "queued", attempts: 0 },
      { status: "queued", attempts: 0 },
      { status: "queued", attempts: 0 },
    ]);
  });

  it("lets concurrent workers share the queue without sending any mail twice", async () => {
    for (let i = 0; i < 40; i++) await enqueueMail(handle.db, mail(`bulk${i}@example.org`, "en"));
    const transports = [1, 2, 3].map(() => createMailTransport(smtpMail(smtpUrl)));
    const small = { ...config, batchSize: 5 };
    for (let round = 0; round < 4; round++) {
      await Promise.all(transports.map((t) => deliverDueMails(handle.db, t, small)));
    }
    for (const t of transports) t.close();
    const sent = await handle.db.selectFrom("outgoing_mails").select("id").where("status", "=", "sent").execute();
    expect(sent).toHaveLength(40);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(received.length);
    expect(received).toHaveLength(40);
  });
});
