import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import type { FollowStatus } from "../../../db/schema";
import { followUnsubscribeToken } from "~/lib/links/follow-links.server";
import { alertQueue, continueAlert, decideAlert, saveAlertSettings, sendDueAlerts } from "~/modules/alerts/alerts.service.server";
import { recordTreatyFact } from "~/modules/country/country-facts.service.server";
import { claimDueMails, enqueueMail, suppressAddress } from "~/modules/mail/outbox.repo.server";
import { erasePerson } from "~/modules/privacy/privacy.service.server";
import { openTestDatabase } from "../../support/database";
import { startTestMailbox, type TestMailbox } from "../../support/test-mail";
import { testConfig } from "../../support/test-config";

const TREATY = testConfig().treaty.slug;
const SOURCE = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-16&chapter=18";
const PRESS = "https://news.example.org/parliament-approves";
const secrets = ["test-secret"];
const NOW = new Date("2026-12-05T12:00:00Z");
let handle: DatabaseHandle;
let mailbox: TestMailbox;
let actor: { id: number; email: string };
let treatyId: number;

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  treatyId = (await handle.db.selectFrom("treaties").select("id").where("slug", "=", TREATY).executeTakeFirstOrThrow()).id;
  actor = await handle.db.insertInto("organizers").values({ email: "alerts@example.org", role: "organizer" }).returning(["id", "email"]).executeTakeFirstOrThrow();
  mailbox = await startTestMailbox(() => handle.db, 100);
});
afterAll(async () => {
  await mailbox?.close();
  await handle?.close();
});
beforeEach(async () => {
  mailbox.sink.received.length = 0;
  await handle.db.deleteFrom("country_status_changes").execute();
  await handle.db.deleteFrom("fact_changes").execute();
  await handle.db.deleteFrom("treaty_actions").execute();
  await handle.db.deleteFrom("country_follows").execute();
  await handle.db.deleteFrom("outgoing_mails").execute();
  await handle.db.deleteFrom("mail_suppressions").execute();
  await handle.db.deleteFrom("audit_log").execute();
  await handle.db.updateTable("alert_settings").set({ send_without_review: false }).execute();
  await handle.db.updateTable("alert_settings").set({ send_without_review: true }).where("to_status", "in", ["party", "in_force"]).execute();
  await seedDatabase(handle.db);
});

async function follower(email: string, country: string, language: string, status: FollowStatus = "confirmed") {
  const row = await handle.db
    .insertInto("country_follows")
    .values({
      treaty_id: treatyId,
      country_code: country,
      email,
      email_key: email.toLowerCase(),
      language,
      status,
      confirmed_at: status === "pending" ? null : NOW,
      unsubscribed_at: status === "unsubscribed" ? NOW : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Followers of the United States (not signed in the seed): three who may be mailed, and four who may not. */
async function usaFollowers() {
  await follower("ann@example.org", "USA", "en");
  await follower("bea@example.org", "USA", "fr");
  await follower("chen@example.org", "USA", "zh");
  await follower("dan@example.org", "USA", "en", "pending");
  await follower("eve@example.org", "USA", "en", "unsubscribed");
  await follower("fay@example.org", "USA", "es");
  await suppressAddress(handle.db, "fay@example.org", "bounced", secrets);
  await follower("gus@example.org", "USA", "ru");
  await erasePerson(handle.db, "gus@example.org", actor, secrets);
  // Another country's follower hears nothing of this one.
  await follower("hal@example.org", "FRA", "en");
}

const fact = (code3: string, kind: "signature" | "ratification" | "domestic_step", over: { sourceUrl?: string; confidence?: "depositary" | "press" } = {}) =>
  recordTreatyFact(handle.db, {
    treatySlug: TREATY,
    code3,
    fact: { kind, actedOn: "2026-12-01", sourceUrl: over.sourceUrl ?? SOURCE, notes: kind === "domestic_step" ? "Parliament approved" : "", confidence: over.confidence ?? "depositary" },
    actor,
    today: "2026-12-05",
  });

const drafts = () =>
  handle.db
    .selectFrom("alert_drafts as a")
    .innerJoin("country_status_changes as c", "c.id", "a.status_change_id")
    .select(["a.id", "a.status", "a.automatic", "a.decided_by_email", "a.enqueued", "c.country_code", "c.from_status", "c.to_status"])
    .orderBy("a.id")
    .execute();
const alertMails = () => handle.db.selectFrom("outgoing_mails").selectAll().where("template", "=", "country-alert").orderBy("id").execute();
const decide = (alertId: string, decision: "send" | "discard", batchSize?: number) =>
  decideAlert(handle.db, { treatySlug: TREATY, alertId, decision, actor, now: NOW }, { secrets, ...(batchSize ? { batchSize } : {}) });

describe("alert drafts from status changes", () => {
  it("a fact that moves a country makes a draft in the same transaction; a fact that moves nothing makes none", async () => {
    await fact("USA", "signature");
    expect(await drafts()).toEqual([expect.objectContaining({ country_code: "USA", from_status: "not_signed", to_status: "signed", status: "draft", automatic: false, enqueued: 0 })]);
    await fact("USA", "signature");
    expect(await drafts()).toHaveLength(1);
    expect(await alertMails()).toEqual([]);
  });

  it("the review queue shows what changed, the fact and source, the audience by language and a preview in each", async () => {
    await usaFollowers();
    await fact("USA", "signature");
    const queue = await alertQueue(handle.db, { treatySlug: TREATY, lng: "fr", secrets, publicUrl: "https://tw.example.org" });
    expect(queue.open).toHaveLength(1);
    const [alert] = queue.open;
    expect(alert).toMatchObject({ status: "draft", countryName: "États-Unis", change: { from: "not_signed", to: "signed", cause: "manual", by: "alerts@example.org" } });
    expect(alert!.claim).toEqual({ certainty: "confirmed", status: "signed", fromStatus: "not_signed" });
    expect(alert!.facts).toEqual([{ kind: "signature", removed: false, actedOn: "2026-12-01", sourceUrl: SOURCE, confidence: "depositary" }]);
    expect(alert!.audience).toEqual({ total: 3, signers: 0, byLanguage: [{ lng: "en", count: 1 }, { lng: "fr", count: 1 }, { lng: "zh", count: 1 }] });
    expect(alert!.previews.map((p) => p.lng)).toEqual(["en", "fr", "zh"]);
    expect(alert!.previews[1]!.subject).toBe("États-Unis : a signé, pas encore ratifié");
    expect(alert!.previews[2]!.text).toContain("美国");
    expect(alert!.previews[0]!.text).toContain(SOURCE);
    expect(queue.settings.find((s) => s.toStatus === "party")).toEqual({ toStatus: "party", sendWithoutReview: true });
  });

  it("send: each confirmed follower gets exactly one mail in their language, with the source and the follow's one-click unsubscribe", async () => {
    await usaFollowers();
    await fact("USA", "signature");
    const [draft] = await drafts();
    expect(await decide(draft!.id, "send", 2)).toEqual({ ok: true, status: "sent", enqueued: 3 });
    expect((await drafts())[0]).toMatchObject({ status: "sent", decided_by_email: "alerts@example.org", enqueued: 3 });
    const queued = await alertMails();
    expect(queued.map((m) => [m.recipient, m.language, m.priority])).toEqual([
      ["ann@example.org", "en", 1],
      ["bea@example.org", "fr", 1],
      ["chen@example.org", "zh", 1],
    ]);
    expect(await handle.db.selectFrom("audit_log").select(["action", "subject"]).execute()).toEqual(
      expect.arrayContaining([{ action: "alert.send", subject: `alert:${draft!.id}` }]),
    );

    await mailbox.deliver();
    const received = mailbox.sink.received;
    expect(received.map((m) => m.to && !Array.isArray(m.to) ? m.to.text : "").sort()).toEqual(["ann@example.org", "bea@example.org", "chen@example.org"]);
    const bea = received.find((m) => !Array.isArray(m.to) && m.to?.text === "bea@example.org")!;
    expect(bea.subject).toBe("États-Unis : a signé, pas encore ratifié");
    expect(bea.text).toContain(SOURCE);
    expect(bea.text).toContain("/fr/countries/usa");
    const header = (key: string) => bea.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/u, "") ?? "";
    const beaFollow = queued.find((m) => m.recipient === "bea@example.org")!.template_data.followId as string;
    expect(header("list-unsubscribe")).toContain(`/unsubscribe/${followUnsubscribeToken(beaFollow, secrets)}`);
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const chen = received.find((m) => !Array.isArray(m.to) && m.to?.text === "chen@example.org")!;
    expect(chen.subject).toContain("美国");
  });

  it("send twice, a retry and a worker that died before noting its batch: nobody gets a second mail", async () => {
    await usaFollowers();
    await fact("USA", "signature");
    const [draft] = await drafts();
    await decide(draft!.id, "send");
    expect(await decide(draft!.id, "send")).toEqual({ ok: false, reason: "already_decided" });
    // A worker that enqueued and died before noting it: the batch runs again from the start.
    await handle.db.updateTable("alert_drafts").set({ status: "sending", finished_at: null, last_follow_id: "0" }).where("id", "=", draft!.id).execute();
    expect(await continueAlert(handle.db, draft!.id, { secrets })).toEqual({ enqueued: 0, finished: true });
    expect(await sendDueAlerts(handle.db, { secrets })).toBe(0);
    expect(await alertMails()).toHaveLength(3);
    await expect(
      enqueueMail(handle.db, { recipient: "ann@example.org", template: "test", templateData: {}, language: "en", idempotencyKey: (await alertMails())[0]!.idempotency_key }),
    ).resolves.toEqual({ enqueued: false });
  });

  it("discard sends nothing, and a discarded alert cannot be sent", async () => {
    await usaFollowers();
    await fact("USA", "signature");
    const [draft] = await drafts();
    expect(await decide(draft!.id, "discard")).toEqual({ ok: true, status: "discarded", enqueued: 0 });
    expect(await decide(draft!.id, "send")).toEqual({ ok: false, reason: "already_decided" });
    expect(await sendDueAlerts(handle.db, { secrets })).toBe(0);
    expect(await alertMails()).toEqual([]);
    expect(await decide("999999", "send")).toEqual({ ok: false, reason: "not_found" });
    expect(await decide("nonsense", "send")).toEqual({ ok: false, reason: "not_found" });
  });

  it("a move set to go without review is sent by the alert job; a reported move always waits", async () => {
    await follower("ann@example.org", "AZE", "en");
    await follower("bea@example.org", "FRA", "es");
    await fact("AZE", "ratification");
    await fact("FRA", "domestic_step", { sourceUrl: PRESS, confidence: "press" });
    const [aze, fra] = await drafts();
    expect(aze).toMatchObject({ country_code: "AZE", to_status: "party", status: "sending", automatic: true, decided_by_email: null });
    expect(fra).toMatchObject({ country_code: "FRA", from_status: "signed", to_status: "signed", status: "draft", automatic: false });
    expect(await sendDueAlerts(handle.db, { secrets })).toBe(1);
    expect((await drafts())[0]).toMatchObject({ status: "sent", enqueued: 1 });
    expect((await alertMails()).map((m) => m.recipient)).toEqual(["ann@example.org"]);

    // The reported move, once sent, says it is reported, with its press source.
    await decide(fra!.id, "send");
    await mailbox.deliver();
    const mail = mailbox.sink.received.find((m) => !Array.isArray(m.to) && m.to?.text === "bea@example.org")!;
    expect(mail.subject).toBe("Francia: información no confirmada todavía");
    expect(mail.text).toContain("Ninguna fuente oficial lo confirma todavía");
    expect(mail.text).toContain(PRESS);
  });

  it("an organizer turns sending without review on or off per status moved to, audited", async () => {
    expect(await saveAlertSettings(handle.db, { sendWithoutReview: new Set(["signed", "party"]), actor })).toEqual({ changed: 2 });
    await follower("ann@example.org", "USA", "en");
    await fact("USA", "signature");
    expect((await drafts())[0]).toMatchObject({ status: "sending", automatic: true });
    expect(await handle.db.selectFrom("audit_log").select("action").where("action", "=", "alert.settings").execute()).toHaveLength(1);
  });

  it("the database refuses what the rules refuse", async () => {
    await fact("USA", "signature");
    const [draft] = await drafts();
    await expect(handle.db.updateTable("alert_drafts").set({ status: "sent" }).where("id", "=", draft!.id).execute()).rejects.toThrow();
    await expect(handle.db.updateTable("alert_drafts").set({ status: "gone" as never }).where("id", "=", draft!.id).execute()).rejects.toThrow();
    await expect(handle.db.insertInto("alert_drafts").values({ status_change_id: (await handle.db.selectFrom("alert_drafts").select("status_change_id").executeTakeFirstOrThrow()).status_change_id }).execute()).rejects.toThrow();
  });
});

describe("the outbox's priority", () => {
  it("confirmations and letters go before alert mail queued earlier", async () => {
    await usaFollowers();
    await fact("USA", "signature");
    await decide((await drafts())[0]!.id, "send");
    await enqueueMail(handle.db, { recipient: "signer@example.org", template: "test", templateData: {}, language: "en", idempotencyKey: "test:first" });
    const [first] = await claimDueMails(handle.db, 1, 60_000, new Date(Date.now() + 60_000));
    expect(first).toMatchObject({ recipient: "signer@example.org", priority: 0 });
  });
});

describe("signers who consented to news are in an alert's audience", () => {
  let petitions: { first: number; second: number; otherTreaty: number };
  let ref = 0;
  beforeEach(async () => {
    await handle.db.deleteFrom("signatures").execute();
    const petition = async (slug: string, treaty: number | null) =>
      (
        await handle.db
          .insertInto("petitions")
          .values({ slug, treaty_id: treaty, status: "live", default_language: "en", opened_at: NOW })
          .onConflict((oc) => oc.column("slug").doUpdateSet({ treaty_id: treaty }))
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    petitions = { first: await petition("alert-signers-one", treatyId), second: await petition("alert-signers-two", treatyId), otherTreaty: await petition("alert-signers-other", null) };
  });

  async function signer(email: string, over: { country?: string; consent?: boolean; status?: "confirmed" | "withdrawn" | "pending"; petition?: number; language?: string } = {}) {
    const status = over.status ?? "confirmed";
    const row = await handle.db
      .insertInto("signatures")
      .values({
        petition_id: over.petition ?? petitions.first,
        status,
        name: "Signer",
        email,
        email_key: email.toLowerCase(),
        country_code: over.country ?? "USA",
        mail_consent: over.consent ?? true,
        language: over.language ?? "en",
        referral_code: `alertsig${++ref}`,
        confirmed_at: status === "pending" ? null : NOW,
        withdrawn_at: status === "withdrawn" ? NOW : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** One follower and one consenting signer who may be mailed; everyone else may not, or is already counted. */
  async function people() {
    await follower("ann@example.org", "USA", "en");
    await signer("Ann@example.org", { language: "fr" }); // follows too: one mail, the follow's
    const sia = await signer("sia@example.org", { language: "es" });
    await signer("SIA@example.org", { petition: petitions.second, language: "ru" }); // signed twice: one mail
    await signer("nok@example.org", { consent: false });
    await signer("fra@example.org", { country: "FRA" });
    await signer("wit@example.org", { status: "withdrawn" });
    await signer("pen@example.org", { status: "pending" });
    await signer("sup@example.org");
    await suppressAddress(handle.db, "sup@example.org", "unsubscribed", secrets);
    await follower("unf@example.org", "USA", "en", "unsubscribed");
    await signer("unf@example.org"); // stopped following this country: the follow speaks for them
    await signer("oth@example.org", { petition: petitions.otherTreaty });
    return { sia };
  }

  it("the review page counts them, each address once", async () => {
    await people();
    await fact("USA", "signature");
    const queue = await alertQueue(handle.db, { treatySlug: TREATY, lng: "en", secrets, publicUrl: "https://tw.example.org" });
    expect(queue.open[0]!.audience).toEqual({ total: 2, signers: 1, byLanguage: [{ lng: "en", count: 1 }, { lng: "es", count: 1 }] });
  });

  it("send: the consenting signer from the country gets it once, in the language they signed in, with the general unsubscribe link", async () => {
    const { sia } = await people();
    await fact("USA", "signature");
    const [draft] = await drafts();
    expect(await decide(draft!.id, "send", 1)).toEqual({ ok: true, status: "sent", enqueued: 2 });
    const queued = await alertMails();
    expect(queued.map((m) => [m.recipient, m.language, m.template_data.followId ?? null, m.template_data.signatureId ?? null])).toEqual([
      ["ann@example.org", "en", expect.any(String), null],
      ["sia@example.org", "es", null, sia],
    ]);
    expect(queued[1]!.idempotency_key).toBe(`country-alert:${draft!.id}:signature:${sia}`);

    // Run again from the start (a worker that died before noting its batches): nothing new.
    await handle.db.updateTable("alert_drafts").set({ status: "sending", finished_at: null, last_follow_id: "0", last_signature_id: "0" }).where("id", "=", draft!.id).execute();
    expect(await continueAlert(handle.db, draft!.id, { secrets, batchSize: 1 })).toEqual({ enqueued: 0, finished: true });
    expect(await alertMails()).toHaveLength(2);

    await mailbox.deliver();
    const mail = mailbox.sink.received.find((m) => !Array.isArray(m.to) && m.to?.text === "sia@example.org")!;
    expect(mail.subject).toBe("Estados Unidos: ha firmado, sin ratificar todavía");
    expect(mail.text).toContain(SOURCE);
    expect(mail.text).toContain("Recibe este correo porque firmó una petición sobre la convención indicando Estados Unidos como país");
    const unsubscribe = mail.headerLines.find((h) => h.key === "list-unsubscribe")?.line ?? "";
    expect(unsubscribe).toContain("https://");
    expect(unsubscribe).not.toContain(followUnsubscribeToken(sia, secrets));
  });

  it("an erasure removes the alert mails still queued for the person, as follower and as signer", async () => {
    await people();
    await fact("USA", "signature");
    await decide((await drafts())[0]!.id, "send");
    expect((await alertMails()).map((m) => m.recipient)).toEqual(["ann@example.org", "sia@example.org"]);
    await erasePerson(handle.db, "ann@example.org", actor, secrets);
    await erasePerson(handle.db, "sia@example.org", actor, secrets);
    expect(await alertMails()).toEqual([]);
  });
});
