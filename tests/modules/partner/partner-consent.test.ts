import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../server/demo-content";
import { issueFormToken } from "~/modules/campaign/form-token.server";
import { findLetterCampaign, campaignTargets } from "~/modules/letter/letter.repo.server";
import { submitLetter } from "~/modules/letter/letter-submission.service.server";
import { setCampaignPartners } from "~/modules/partner/campaign-partners.server";
import { partnerOfLink, shownPartnersOf } from "~/modules/partner/partner-consent.server";
import { submitSignature } from "~/modules/petition/sign-submission.service.server";
import { confirmSignature, processSignatureRepeats } from "~/modules/petition/signing.service.server";
import type { PetitionRow } from "~/modules/petition/petition.repo.server";
import { openTestDatabase } from "../../support/database";
import { DEMO_PETITION, demoPetition, mailsTo, testSigningConfig, tokenFromMail } from "../../support/petition";
import { testConfig } from "../../support/test-config";

let handle: DatabaseHandle;
let petition: PetitionRow;
let letterCampaignId: number;
const partners: Record<string, number> = {};
const secrets = ["test-secret"];
const admin = { id: null, email: "test" };

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  await seedDemoContent(handle.db);
  petition = await demoPetition(handle.db);
  letterCampaignId = (await findLetterCampaign(handle.db, "write-to-your-government"))!.campaign.id;
  for (const [code, active] of [["eff", true], ["article-19", true], ["sleeping", false], ["elsewhere", true]] as const) {
    const { id } = await handle.db
      .insertInto("partners")
      .values({ code, name: `Partner ${code}`, website_url: `https://${code}.example`, privacy_url: `https://${code}.example/privacy`, contact_email: `team@${code}.example`, active })
      .returning("id")
      .executeTakeFirstOrThrow();
    partners[code] = id;
  }
  const running = ["eff", "article-19", "sleeping"].map((code) => ({ partnerId: partners[code]!, showCount: code === "eff" }));
  await setCampaignPartners(handle.db, { kind: "petition", id: petition.id }, running, admin);
  await setCampaignPartners(handle.db, { kind: "letter", id: letterCampaignId }, running, admin);
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  await handle.db.deleteFrom("signature_repeats").execute();
  await handle.db.deleteFrom("signatures").execute();
  await handle.db.deleteFrom("letters").execute();
  await handle.db.deleteFrom("outgoing_mails").execute();
  await handle.db.deleteFrom("rate_limit_hits").execute();
});

const signingContext = (ip: string) => ({
  config: testSigningConfig(),
  petitionCacheMs: 0,
  secrets,
  clientAddress: ip,
  now: new Date(),
});

/** Past the least time between two confirmation mails: a repeat on a pending signature mails (and applies) again. */
const afterResendInterval = () => new Date(Date.now() + testSigningConfig().resend.minIntervalMs + 1000);

/** The sign form as a browser posts it, opened `?partner=<code>` when `partner` is given; the petition job runs at `jobAt`. */
async function sign(email: string, fields: Record<string, string> = {}, jobAt = new Date()) {
  const form = new URLSearchParams({
    name: "Ann Lee",
    email,
    country: "FRA",
    comment: "",
    formToken: issueFormToken(petition.id, new Date(Date.now() - 10_000), secrets),
    ...fields,
  });
  const result = await submitSignature(handle.db, DEMO_PETITION, "en", form, signingContext(`ip-${email}-${Math.random()}`));
  expect(result.kind).toBe("signed");
  await processSignatureRepeats(handle.db, testSigningConfig(), jobAt);
}

const rowOf = async (email: string) =>
  handle.db.selectFrom("signatures").select(["partner_id", "partner_consent", "mail_consent", "status"]).where("email_key", "=", email).executeTakeFirstOrThrow();

async function confirm(email: string) {
  const [mail] = await mailsTo(handle.db, email);
  const outcome = await confirmSignature(handle.db, tokenFromMail(mail!, "confirm", secrets), { config: testSigningConfig(), secrets, now: new Date() });
  expect(outcome.kind).toBe("confirmed");
}

describe("a signature through a partner's link", () => {
  it("records the partner and the person's consent to it, apart from the platform's own", async () => {
    await sign("ann@example.org", { partner: "eff", partnerConsent: "on" });
    expect(await rowOf("ann@example.org")).toEqual({ partner_id: partners.eff, partner_consent: true, mail_consent: false, status: "pending" });
    await sign("bob@example.org", { partner: "eff", mailConsent: "on" });
    expect(await rowOf("bob@example.org")).toEqual({ partner_id: partners.eff, partner_consent: false, mail_consent: true, status: "pending" });
  });

  it("gives no partner anything for an unknown or inactive code, or a partner not running the petition", async () => {
    for (const [email, code] of [["u@example.org", "unknown"], ["i@example.org", "sleeping"], ["n@example.org", "elsewhere"], ["x@example.org", "<eff>"]] as const) {
      await sign(email, { partner: code, partnerConsent: "on" });
      expect(await rowOf(email), code).toMatchObject({ partner_id: null, partner_consent: false });
    }
    // The box alone, without a partner, is consent to no one.
    await sign("box@example.org", { partnerConsent: "on" });
    expect(await rowOf("box@example.org")).toMatchObject({ partner_id: null, partner_consent: false });
  });

  it("never turns consent to one partner into consent to another", async () => {
    // Through A with the box ticked, then through B without: consent for A only.
    await sign("cat@example.org", { partner: "eff", partnerConsent: "on" });
    await sign("cat@example.org", { partner: "article-19" }, afterResendInterval());
    expect(await rowOf("cat@example.org")).toMatchObject({ partner_id: partners.eff, partner_consent: true });
    // Through A without, then B with the box ticked, before confirming: B's consent (asked again by
    // a new confirmation mail), nothing for A.
    await sign("dan@example.org", { partner: "eff" });
    await sign("dan@example.org", { partner: "article-19", partnerConsent: "on" }, afterResendInterval());
    expect((await mailsTo(handle.db, "dan@example.org")).map((m) => m.template)).toEqual(["signature-confirm", "signature-confirm"]);
    expect(await rowOf("dan@example.org")).toMatchObject({ partner_id: partners["article-19"], partner_consent: true });
    // Confirmed: a later form with this address (anyone can type it) changes nothing.
    await sign("eve@example.org");
    await confirm("eve@example.org");
    await sign("eve@example.org", { partner: "eff", partnerConsent: "on" }, afterResendInterval());
    expect(await rowOf("eve@example.org")).toMatchObject({ status: "confirmed", partner_id: null, partner_consent: false });
    // Each row is one partner's: nobody has consent for a partner they did not tick.
    const consenting = await handle.db.selectFrom("signatures").select(["email_key", "partner_id"]).where("partner_consent", "=", true).orderBy("email_key").execute();
    expect(consenting).toEqual([
      { email_key: "cat@example.org", partner_id: partners.eff },
      { email_key: "dan@example.org", partner_id: partners["article-19"] },
    ]);
  });

  it("keeps the repeat's partner and consent in signature_repeats until the petition job applies it", async () => {
    await sign("fay@example.org", { partner: "eff" });
    const form = new URLSearchParams({ name: "Fay", email: "fay@example.org", country: "FRA", partner: "eff", partnerConsent: "on", formToken: issueFormToken(petition.id, new Date(Date.now() - 10_000), secrets) });
    await submitSignature(handle.db, DEMO_PETITION, "en", form, signingContext("ip-fay-2"));
    expect(await handle.db.selectFrom("signature_repeats").select(["partner_id", "partner_consent"]).execute()).toEqual([{ partner_id: partners.eff, partner_consent: true }]);
    expect(await rowOf("fay@example.org")).toMatchObject({ partner_consent: false });
    await processSignatureRepeats(handle.db, testSigningConfig(), afterResendInterval());
    expect(await rowOf("fay@example.org")).toMatchObject({ partner_id: partners.eff, partner_consent: true });
  });

  it("does not apply a repeat's consent to a pending signature when no new confirmation mail goes out", async () => {
    await sign("gus@example.org", { partner: "eff" });
    // Moments later (no new mail yet): the confirmation link already mailed must not confirm a consent it never mentioned.
    await sign("gus@example.org", { partner: "eff", partnerConsent: "on" });
    expect(await rowOf("gus@example.org")).toMatchObject({ partner_id: partners.eff, partner_consent: false });
    expect(await mailsTo(handle.db, "gus@example.org")).toHaveLength(1);
  });

  it("counts on the campaign page only confirmed signatures, only for partners whose count is public", async () => {
    await sign("g1@example.org", { partner: "eff" });
    await sign("g2@example.org", { partner: "eff", partnerConsent: "on" });
    await sign("g3@example.org", { partner: "article-19" });
    await confirm("g1@example.org");
    await confirm("g3@example.org");
    const shown = await shownPartnersOf(handle.db, { kind: "petition", id: petition.id });
    // The inactive partner is not shown; article-19 runs it but keeps its count private.
    expect(shown.map((p) => [p.code, p.count])).toEqual([
      ["eff", 1],
      ["article-19", null],
    ]);
  });

  it("finds the link's partner only among active partners running the campaign", async () => {
    expect((await partnerOfLink(handle.db, { kind: "petition", id: petition.id }, "EFF"))?.code).toBe("eff");
    expect(await partnerOfLink(handle.db, { kind: "petition", id: petition.id }, "sleeping")).toBeNull();
    expect(await partnerOfLink(handle.db, { kind: "petition", id: petition.id }, "elsewhere")).toBeNull();
    expect(await partnerOfLink(handle.db, { kind: "petition", id: petition.id }, null)).toBeNull();
  });
});

describe("a letter through a partner's link", () => {
  async function write(email: string, fields: Record<string, string>) {
    const targets = await campaignTargets(handle.db, letterCampaignId, "FRA");
    const { texts } = (await findLetterCampaign(handle.db, "write-to-your-government"))!;
    const form = new URLSearchParams({
      country: "fra",
      subject: "About the convention",
      body: texts.find((t) => t.language === "en")!.body_template,
      personal: "I write as a journalist whose sources this convention would expose to other states.",
      name: "Lea Letter",
      email,
      city: "",
      intent: "send",
      formToken: issueFormToken(letterCampaignId, new Date(Date.now() - 60_000), secrets, "letter"),
      ...fields,
    });
    for (const t of targets) form.append("targets", String(t.id));
    const result = await submitLetter(handle.db, "write-to-your-government", "en", form, {
      clientAddress: `ip-${email}`,
      secrets,
      nameOverrides: {},
      now: new Date(),
      config: testConfig().letters,
    });
    expect(result.kind).toBe("written");
    return handle.db.selectFrom("letters").select(["partner_id", "partner_consent", "mail_consent"]).where("sender_email", "=", email).executeTakeFirstOrThrow();
  }

  it("records the partner and the consent to it separately, and nothing for a partner not running it", async () => {
    expect(await write("l1@example.org", { partner: "article-19", partnerConsent: "on" })).toEqual({ partner_id: partners["article-19"], partner_consent: true, mail_consent: false });
    expect(await write("l2@example.org", { partner: "article-19", mailConsent: "on" })).toEqual({ partner_id: partners["article-19"], partner_consent: false, mail_consent: true });
    expect(await write("l3@example.org", { partner: "elsewhere", partnerConsent: "on" })).toEqual({ partner_id: null, partner_consent: false, mail_consent: false });
  });
});
