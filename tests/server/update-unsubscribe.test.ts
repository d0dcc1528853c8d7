import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { findUpdateCampaign, saveUpdateDraft, sendUpdate } from "~/modules/updates/updates.service.server";
import { postForm } from "../support/form-post";
import { DEMO_PETITION } from "../support/petition";
import { testConfig } from "../support/test-config";
import { startTestMailbox, type TestMailbox } from "../support/test-mail";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let mailbox: TestMailbox;
let n = 0;
beforeAll(async () => {
  server = await startTestServer({ config: testConfig() });
  await seedDemoContent(server.database.db);
  mailbox = await startTestMailbox(() => server.database.db);
});
afterAll(async () => {
  await mailbox?.close();
  await server?.close();
});
beforeEach(async () => {
  mailbox.sink.received.length = 0;
  for (const table of ["campaign_updates", "signatures", "outgoing_mails", "mail_suppressions"] as const) await server.database.db.deleteFrom(table).execute();
});

/** A consenting signer gets an update; returns the mail's headers and unsubscribe link. */
async function updateTo(email: string, language: string) {
  const db = server.database.db;
  const campaign = (await findUpdateCampaign(db, "petition", DEMO_PETITION))!;
  await db
    .insertInto("signatures")
    .values({
      petition_id: campaign.id,
      status: "confirmed",
      name: "S",
      email,
      email_key: email,
      country_code: "FRA",
      mail_consent: true,
      language,
      referral_code: `unsub${++n}xx`,
      confirmed_at: new Date(),
    })
    .execute();
  const actor = await db
    .insertInto("organizers")
    .values({ email: `o${n}@example.org`, role: "organizer" })
    .returning(["id", "email"])
    .executeTakeFirstOrThrow();
  const draft = await saveUpdateDraft(db, {
    campaign,
    updateId: null,
    form: new Map(
      Object.entries({ audience: "signers", defaultLanguage: "en", subject_en: "News", body_en: "Some news.", subject_zh: "消息", body_zh: "一些消息。" }),
    ),
    actor,
  });
  if (!draft.ok) throw new Error("refused");
  await sendUpdate(db, { campaign, updateId: draft.updateId, at: null, actor, now: new Date() }, { secrets: mailbox.worker.signingSecrets });
  await mailbox.deliver();
  const mail = mailbox.sink.received.findLast((m) => JSON.stringify(m.to).includes(email))!;
  const header = (key: string) => mail.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/u, "") ?? "";
  const url = new URL(/https?:\/\/\S+\/unsubscribe\/\S+/u.exec(mail.text ?? "")![0]);
  return { mail, header, unsubscribe: `${url.pathname}${url.search}`, updateId: draft.updateId };
}

const consent = async (email: string) =>
  (await server.database.db.selectFrom("signatures").select("mail_consent").where("email", "=", email).executeTakeFirstOrThrow()).mail_consent;

describe("the unsubscribe link of an update's mail", () => {
  it("carries RFC 8058 headers; a scanner's GET stops nothing; the one-click POST stops this campaign's news and counts on the update", async () => {
    const { mail, header, unsubscribe, updateId } = await updateTo("ann@example.org", "zh");
    expect(mail.subject).toBe("消息");
    expect(header("list-unsubscribe")).toMatch(/^<https?:\/\/\S+\/unsubscribe\/[\w-]+\.[\w-]+\?lng=zh>$/u);
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const look = await server.get(unsubscribe);
    expect(look.status).toBe(200);
    const page = await look.text();
    expect(page).toContain("不再接收本活动的消息");
    expect(page).toContain('name="scope" value="everything"');
    expect(await consent("ann@example.org")).toBe(true);
    const oneClick = await postForm(server, unsubscribe, { "List-Unsubscribe": "One-Click" });
    expect(oneClick.status).toBe(303);
    expect(await consent("ann@example.org")).toBe(false);
    expect(await server.database.db.selectFrom("mail_suppressions").selectAll().execute()).toEqual([]);
    expect(
      (await server.database.db.selectFrom("campaign_updates").select("unsubscribed").where("id", "=", updateId).executeTakeFirstOrThrow()).unsubscribed,
    ).toBe(1);
    expect(await (await server.get(oneClick.headers.get("location")!)).text()).toContain("将不再收到本活动的消息");
  });

  it("the button for all mail puts the address on the do-not-mail list too", async () => {
    const { unsubscribe } = await updateTo("bob@example.org", "en");
    const answer = await postForm(server, unsubscribe, { scope: "everything" });
    expect(answer.status).toBe(303);
    expect(await consent("bob@example.org")).toBe(false);
    expect(await server.database.db.selectFrom("mail_suppressions").select("reason").execute()).toEqual([{ reason: "unsubscribed" }]);
    expect(await (await server.get(answer.headers.get("location")!)).text()).toContain("We will send no more mail of any kind to bob@example.org.");
  });
});
