import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../server/demo-content";
import { readStoredMail, renderMail, unsubscribeUrlOf } from "../../../emails/index";
import { updateUnsubscribeToken } from "~/lib/links/update-links.server";
import { enqueueMail, suppressAddress } from "~/modules/mail/outbox.repo.server";
import { deliverDueMails } from "~/modules/mail/mail-worker.server";
import type { MailTransport } from "~/lib/mail/transport.server";
import { erasePerson } from "~/modules/privacy/privacy.service.server";
import {
  cancelUpdate,
  continueUpdate,
  findUpdateCampaign,
  petitionPublicUpdates,
  saveUpdateDraft,
  sendDueUpdates,
  sendUpdate,
  sendUpdateTest,
  unsubscribeThroughUpdate,
  updateDetail,
  type UpdateCampaign,
} from "~/modules/updates/updates.service.server";
import { openTestDatabase } from "../../support/database";
import { DEMO_PETITION } from "../../support/petition";
import { DEMO_LETTERS } from "../../support/attack";

const secrets = ["test-secret"];
const NOW = new Date("2026-12-05T12:00:00Z");
const PUBLIC_URL = "https://tw.example.org";
let handle: DatabaseHandle;
let actor: { id: number; email: string };
let campaign: UpdateCampaign;
let n = 0;

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  await seedDemoContent(handle.db);
  actor = await handle.db
    .insertInto("organizers")
    .values({ email: "news@example.org", role: "organizer" })
    .returning(["id", "email"])
    .executeTakeFirstOrThrow();
  campaign = (await findUpdateCampaign(handle.db, "petition", DEMO_PETITION))!;
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  await handle.db.deleteFrom("campaign_updates").execute();
  await handle.db.deleteFrom("signatures").execute();
  await handle.db.deleteFrom("outgoing_mails").execute();
  await handle.db.deleteFrom("mail_suppressions").execute();
});

async function signer(
  email: string,
  over: {
    language?: string;
    consent?: boolean;
    status?: "confirmed" | "pending" | "withdrawn";
    country?: string;
  } = {},
) {
  const status = over.status ?? "confirmed";
  const row = await handle.db
    .insertInto("signatures")
    .values({
      petition_id: campaign.id,
      status,
      name: email.split("@")[0]!,
      email,
      email_key: email.toLowerCase(),
      country_code: over.country ?? "FRA",
      mail_consent: over.consent ?? true,
      language: over.language ?? "en",
      referral_code: `ref${String(++n).padStart(6, "0")}`,
      confirmed_at: status === "confirmed" ? NOW : null,
      withdrawn_at: status === "withdrawn" ? NOW : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const form = (fields: Record<string, string>) => new Map(Object.entries({ audience: "signers", defaultLanguage: "en", ...fields }));

async function draft(fields: Record<string, string> = {}) {
  const result = await saveUpdateDraft(handle.db, {
    campaign,
    updateId: null,
    form: form({
      subject_en: "The vote is on Tuesday",
      body_en: "Parliament votes on Tuesday.\n\nWrite to your MP.",
      subject_fr: "Le vote est mardi",
      body_fr: "Le parlement vote mardi.",
      ...fields,
    }),
    actor,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.updateId;
}

const updateMails = () => handle.db.selectFrom("outgoing_mails").selectAll().where("template", "=", "campaign-update").orderBy("recipient").execute();

describe("updates to the people of a campaign", () => {
  it("an update to consenting signers only: a non-consenting signer, an unsubscribed one and an erased one get nothing; a second send or enqueue adds nothing", async () => {
    await signer("ann@example.org");
    await signer("bea@example.org", { language: "fr" });
    await signer("chen@example.org", { language: "zh" });
    await signer("dan@example.org", { consent: false });
    await signer("eve@example.org");
    await suppressAddress(handle.db, "eve@example.org", "unsubscribed", secrets);
    await signer("fay@example.org");
    await suppressAddress(handle.db, "fay@example.org", "bounced", secrets);
    await signer("gus@example.org");
    await erasePerson(handle.db, "gus@example.org", actor, secrets);
    await signer("hal@example.org", { status: "pending" });
    await signer("ivy@example.org", { status: "withdrawn" });
    const id = await draft();

    const detail = await updateDetail(handle.db, {
      campaign,
      updateId: id,
      lng: "en",
      secrets,
      publicUrl: PUBLIC_URL,
    });
    expect(detail!.audienceSize).toEqual({ count: 3, exact: true });
    expect(detail!.previews.map((p) => p.lng)).toEqual(["en", "fr"]);

    expect(await sendUpdate(handle.db, { campaign, updateId: id, at: null, actor, now: NOW }, { secrets, batchSize: 2 })).toEqual({
      ok: true,
      status: "sent",
      enqueued: 3,
    });
    const mails = await updateMails();
    expect(mails.map((m) => [m.recipient, m.language, m.priority])).toEqual([
      ["ann@example.org", "en", 1],
      ["bea@example.org", "fr", 1],
      ["chen@example.org", "en", 1],
    ]);
    expect(mails[1]!.template_data).toMatchObject({
      subject: "Le vote est mardi",
      updateId: id,
      kind: "s",
    });

    // Sent again, run again by the job, or by hand: nothing is added.
    expect(await sendUpdate(handle.db, { campaign, updateId: id, at: null, actor, now: NOW }, { secrets })).toEqual({ ok: false, reason: "not_allowed" });
    await handle.db.updateTable("campaign_updates").set({ status: "sending", finished_at: null, last_person_id: "0" }).where("id", "=", id).execute();
    expect((await continueUpdate(handle.db, id, { secrets })).enqueued).toBe(0);
    expect(await sendDueUpdates(handle.db, { secrets })).toBe(0);
    expect(await updateMails()).toHaveLength(3);
    const audit = await handle.db.selectFrom("audit_log").select(["action", "actor_email"]).where("subject", "=", `update:${id}`).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["update.create", "update.send"]);
  });

  it("the mail renders in the reader's language with a one-click unsubscribe that stops this campaign's news only", async () => {
    const ann = await signer("ann@example.org");
    const id = await draft();
    await sendUpdate(handle.db, { campaign, updateId: id, at: null, actor, now: NOW }, { secrets });
    const [row] = await updateMails();
    const stored = readStoredMail(row!.template, row!.template_data);
    expect(stored.ok).toBe(true);
    if (!stored.ok) return;
    const url = unsubscribeUrlOf(stored.mail.intent, stored.mail.data, {
      publicUrl: PUBLIC_URL,
      lng: "en",
      secrets,
      general: () => "general",
    });
    expect(url).toBe(`${PUBLIC_URL}/unsubscribe/${updateUnsubscribeToken({ updateId: id, kind: "s", personId: ann }, secrets)}?lng=en`);
    const mail = renderMail(
      stored.mail.intent,
      {
        lng: "en",
        publicUrl: PUBLIC_URL,
        unsubscribeUrl: url,
        signingSecrets: secrets,
      },
      stored.mail.data,
    );
    expect(mail.subject).toBe("The vote is on Tuesday");
    expect(mail.text).toContain("Write to your MP.");
    expect(mail.text).toContain(`${PUBLIC_URL}/en/petitions/${DEMO_PETITION}`);

    const token = updateUnsubscribeToken({ updateId: id, kind: "s", personId: ann }, secrets);
    expect(
      await unsubscribeThroughUpdate(handle.db, token, "campaign", {
        secrets,
        now: NOW,
      }),
    ).toEqual({ kind: "done" });
    expect(
      await unsubscribeThroughUpdate(handle.db, token, "campaign", {
        secrets,
        now: NOW,
      }),
    ).toEqual({ kind: "done" });
    const after = await handle.db.selectFrom("signatures").select("mail_consent").where("id", "=", ann).executeTakeFirstOrThrow();
    expect(after.mail_consent).toBe(false);
    expect((await handle.db.selectFrom("campaign_updates").select("unsubscribed").where("id", "=", id).executeTakeFirstOrThrow()).unsubscribed).toBe(1);
    // The next update does not go to them.
    const next = await draft();
    expect(await sendUpdate(handle.db, { campaign, updateId: next, at: null, actor, now: NOW }, { secrets })).toMatchObject({ enqueued: 0 });
    expect(
      await unsubscribeThroughUpdate(handle.db, "forged", "campaign", {
        secrets,
        now: NOW,
      }),
    ).toEqual({ kind: "invalid" });
  });

  it("filters by country, language and signed since; followers of a country", async () => {
    await signer("ann@example.org", { country: "FRA" });
    await signer("bea@example.org", { country: "DEU", language: "fr" });
    const id = await draft({ country: "DEU" });
    expect(
      (await updateDetail(handle.db, {
        campaign,
        updateId: id,
        lng: "en",
        secrets,
        publicUrl: PUBLIC_URL,
      }))!.audienceSize.count,
    ).toBe(1);
    const byLanguage = await draft({ language: "en" });
    expect(
      (await updateDetail(handle.db, {
        campaign,
        updateId: byLanguage,
        lng: "en",
        secrets,
        publicUrl: PUBLIC_URL,
      }))!.audienceSize.count,
    ).toBe(1);
    const later = await draft({ since: "2999-01-01" });
    expect(
      (await updateDetail(handle.db, {
        campaign,
        updateId: later,
        lng: "en",
        secrets,
        publicUrl: PUBLIC_URL,
      }))!.audienceSize.count,
    ).toBe(0);
    const followers = await saveUpdateDraft(handle.db, {
      campaign,
      updateId: null,
      form: form({ audience: "followers", subject_en: "x", body_en: "y" }),
      actor,
    });
    expect(followers).toMatchObject({
      ok: false,
      errors: { country: "errors.countryNeeded" },
    });
  });

  it("bad input keeps what was typed and stores nothing", async () => {
    const result = await saveUpdateDraft(handle.db, {
      campaign,
      updateId: null,
      form: form({ subject_fr: "Seulement le sujet", audience: "writers" }),
      actor,
    });
    expect(result).toMatchObject({
      ok: false,
      errors: {
        audience: "errors.audience",
        subject_en: "errors.defaultText",
        body_fr: "errors.bodyMissing",
      },
    });
    if (!result.ok) expect(result.values.texts.fr.subject).toBe("Seulement le sujet");
    expect(await handle.db.selectFrom("campaign_updates").select("id").execute()).toEqual([]);
  });

  it("schedule, start when due, cancel takes back what is not yet sent; a test goes to the organizer only", async () => {
    for (let i = 0; i < 5; i++) await signer(`p${i}@example.org`);
    const id = await draft({ public: "on" });
    expect(await sendUpdate(handle.db, { campaign, updateId: id, at: "2020-01-01T10:00", actor, now: NOW }, { secrets })).toEqual({
      ok: false,
      reason: "send_at_past",
    });
    // Scheduled, then scheduled again: the later time holds.
    await sendUpdate(handle.db, { campaign, updateId: id, at: "2026-12-05T15:00", actor, now: NOW }, { secrets });
    expect(await sendUpdate(handle.db, { campaign, updateId: id, at: "2026-12-05T13:00", actor, now: NOW }, { secrets })).toEqual({
      ok: true,
      status: "scheduled",
    });
    expect(
      await sendUpdateTest(handle.db, {
        campaign,
        updateId: id,
        actor,
        now: NOW,
      }),
    ).toMatchObject({ ok: true });
    expect((await updateMails()).map((m) => [m.recipient, m.priority, m.template_data.test])).toEqual([
      ["news@example.org", 0, true],
      ["news@example.org", 0, true],
    ]);
    // Tests to oneself are not in the update's figures.
    expect((await updateDetail(handle.db, { campaign, updateId: id, lng: "en", secrets, publicUrl: PUBLIC_URL }))!.figures).toEqual({
      queued: 0,
      sent: 0,
      failed: 0,
      bounced: 0,
      unsubscribed: 0,
    });
    await handle.db.deleteFrom("outgoing_mails").execute();
    expect(await sendDueUpdates(handle.db, { secrets }, new Date("2026-12-05T12:30:00Z"))).toBe(0);
    expect(await petitionPublicUpdates(handle.db, campaign.id, "fr")).toEqual([]);
    // Due: it starts; a batch of 2 at a time, the job's first run enqueues 2 batches.
    expect(await sendDueUpdates(handle.db, { secrets, batchSize: 2, maxBatches: 2 }, new Date("2026-12-05T13:00:00Z"))).toBe(4);
    const [shown] = await petitionPublicUpdates(handle.db, campaign.id, "fr");
    expect(shown).toMatchObject({ subject: "Le vote est mardi", lng: "fr" });
    expect((await petitionPublicUpdates(handle.db, campaign.id, "ar"))[0]).toMatchObject({ subject: "The vote is on Tuesday", lng: "en" });
    await handle.db.updateTable("outgoing_mails").set({ status: "sent", sent_at: NOW }).where("recipient", "=", "p0@example.org").execute();
    expect(await cancelUpdate(handle.db, { campaign, updateId: id, actor, now: NOW })).toEqual({ ok: true, status: "cancelled", takenBack: 3 });
    expect(await sendDueUpdates(handle.db, { secrets })).toBe(0);
    expect((await updateMails()).map((m) => m.recipient)).toEqual(["p0@example.org"]);
    expect(await cancelUpdate(handle.db, { campaign, updateId: id, actor, now: NOW })).toEqual({ ok: false, reason: "not_allowed" });
  });

  it("bulk mail goes at the configured rate per minute; a confirmation queued after it goes first", async () => {
    for (let i = 0; i < 6; i++) await signer(`p${i}@example.org`);
    const id = await draft();
    await sendUpdate(handle.db, { campaign, updateId: id, at: null, actor, now: NOW }, { secrets });
    await enqueueMail(handle.db, {
      recipient: "new@example.org",
      template: "test",
      templateData: {},
      language: "en",
      idempotencyKey: "confirm-like:1",
    });
    const sent: string[] = [];
    const transport = {
      send: async (m: { to: string }) => (sent.push(m.to), { providerMessageId: `m${sent.length}` }),
      close: () => {},
    } as unknown as MailTransport;
    const config = {
      from: "tw@example.org",
      publicUrl: PUBLIC_URL,
      messageIdDomain: "example.org",
      batchSize: 4,
      signingSecrets: secrets,
      perDomainPerMinute: 1000,
      leaseMs: 60_000,
      bulkPerMinute: 3,
    };
    expect((await deliverDueMails(handle.db, transport, config)).sent).toBe(4);
    expect(sent[0]).toBe("new@example.org");
    expect((await deliverDueMails(handle.db, transport, config)).claimed).toBe(0);
    expect(sent).toHaveLength(4);
    // A minute on, the budget is there again.
    await handle.db
      .updateTable("outgoing_mails")
      .set({ sent_at: new Date(Date.now() - 120_000) })
      .where("status", "=", "sent")
      .execute();
    expect((await deliverDueMails(handle.db, transport, config)).sent).toBe(3);
  });

  it("letter writers who consented, once per writer; followers of a country, once per address", async () => {
    const db = handle.db;
    const letters = (await findUpdateCampaign(db, "letter", DEMO_LETTERS))!;
    await db.deleteFrom("letters").execute();
    const letter = (email: string, consent: boolean, language = "en") =>
      db
        .insertInto("letters")
        .values({
          campaign_id: letters.id,
          country_code: "FRA",
          language,
          status: "confirmed",
          sender_name: "W",
          sender_email: email,
          sender_key: `key:${email.toLowerCase()}`,
          subject: "S",
          body: "B",
          personal_paragraph: "P",
          mail_consent: consent,
          confirmed_at: NOW,
        })
        .execute();
    await letter("wen@example.org", true, "zh");
    await letter("wen@example.org", true, "zh");
    await letter("Wen@example.org", true, "zh");
    await letter("xia@example.org", false);
    const toWriters = await saveUpdateDraft(db, {
      campaign: letters,
      updateId: null,
      form: form({ audience: "writers", subject_en: "S", body_en: "B" }),
      actor,
    });
    if (!toWriters.ok) throw new Error("refused");
    expect(await sendUpdate(db, { campaign: letters, updateId: toWriters.updateId, at: null, actor, now: NOW }, { secrets })).toMatchObject({
      ok: true,
      enqueued: 1,
    });
    expect((await updateMails()).map((m) => [m.recipient, m.template_data.campaignPath])).toEqual([["wen@example.org", `letters/${DEMO_LETTERS}`]]);

    const treaty = await db.selectFrom("treaties").select("id").executeTakeFirstOrThrow();
    const follow = (email: string, status: "confirmed" | "pending" | "unsubscribed") =>
      db
        .insertInto("country_follows")
        .values({
          treaty_id: treaty.id,
          country_code: "KEN",
          email,
          email_key: email,
          language: "en",
          status,
          confirmed_at: status === "pending" ? null : NOW,
          unsubscribed_at: status === "unsubscribed" ? NOW : null,
        })
        .execute();
    await db.deleteFrom("country_follows").execute();
    await follow("f1@example.org", "confirmed");
    await follow("f2@example.org", "pending");
    await follow("f3@example.org", "unsubscribed");
    const toFollowers = await draft({ audience: "followers", country: "KEN" });
    expect(await sendUpdate(db, { campaign, updateId: toFollowers, at: null, actor, now: NOW }, { secrets })).toMatchObject({ ok: true, enqueued: 1 });
    expect((await updateMails()).filter((m) => m.template_data.kind === "f").map((m) => m.recipient)).toEqual(["f1@example.org"]);
  });
});
