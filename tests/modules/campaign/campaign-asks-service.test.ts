import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../server/demo-content";
import { alertQueue } from "~/modules/alerts/alerts.service.server";
import { actionsForAlert, actionsForCountry, asksForEditing, saveAsks } from "~/modules/campaign/campaign-asks.service.server";
import { recordTreatyFact } from "~/modules/country/country-facts.service.server";
import { getLetterPage } from "~/modules/letter/letter-page.service.server";
import { getPetitionView } from "~/modules/petition/petition-page.service.server";
import { openTestDatabase } from "../../support/database";
import { DEMO_PETITION } from "../../support/petition";
import { testConfig } from "../../support/test-config";

const TREATY = testConfig().treaty.slug;
const LETTERS = "write-to-your-government";
const SOURCE = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-16&chapter=18";
const NOW = new Date("2026-12-05T12:00:00Z");
let handle: DatabaseHandle;
let actor: { id: number; email: string };
let treatyId: number;

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  await seedDemoContent(handle.db);
  treatyId = (await handle.db.selectFrom("treaties").select("id").where("slug", "=", TREATY).executeTakeFirstOrThrow()).id;
  actor = await handle.db.insertInto("organizers").values({ email: "asks@example.org", role: "organizer" }).returning(["id", "email"]).executeTakeFirstOrThrow();
});
afterAll(async () => {
  await handle?.close();
});
beforeEach(async () => {
  await handle.db.deleteFrom("campaign_asks").execute();
  await handle.db.deleteFrom("country_status_changes").execute();
  await handle.db.deleteFrom("fact_changes").execute();
  await handle.db.deleteFrom("treaty_actions").execute();
  await handle.db.deleteFrom("audit_log").execute();
  await seedDatabase(handle.db);
});

const ask = (heading: string, template = "") => ({ heading, body: `${heading}: why`, template });
const ratify = (code3: string) =>
  recordTreatyFact(handle.db, { treatySlug: TREATY, code3, fact: { kind: "ratification", actedOn: "2026-12-01", sourceUrl: SOURCE, notes: "", confidence: "depositary" }, actor, today: "2026-12-05" });

describe("saving asks", () => {
  it("replaces one language's asks of a campaign in one transaction, with an audit line", async () => {
    expect(await saveAsks(handle.db, "petition", DEMO_PETITION, "en", { signed: ask("Ratify only with safeguards"), party: ask("Declare the safeguards") }, actor)).toBe("saved");
    expect(await saveAsks(handle.db, "petition", DEMO_PETITION, "fr", { signed: ask("Ne ratifiez qu'avec des garanties") }, actor)).toBe("saved");
    const editing = await asksForEditing(handle.db, "petition", DEMO_PETITION, "en");
    expect(editing?.languages[0]).toBe("en");
    expect(editing?.asks).toEqual({ signed: ask("Ratify only with safeguards"), party: ask("Declare the safeguards") });
    // Saving again without "party" removes it; French stays as it was.
    expect(await saveAsks(handle.db, "petition", DEMO_PETITION, "en", { signed: ask("Ratify only with safeguards") }, actor)).toBe("saved");
    expect(Object.keys((await asksForEditing(handle.db, "petition", DEMO_PETITION, "en"))!.asks)).toEqual(["signed"]);
    expect(Object.keys((await asksForEditing(handle.db, "petition", DEMO_PETITION, "fr"))!.asks)).toEqual(["signed"]);
    // A translation is written beside the default language's asks.
    expect((await asksForEditing(handle.db, "petition", DEMO_PETITION, "fr"))!.reference).toEqual({ signed: ask("Ratify only with safeguards") });
    expect((await asksForEditing(handle.db, "petition", DEMO_PETITION, "en"))!.reference).toBeNull();
    // A language the petition is not offered in opens the default language.
    expect((await asksForEditing(handle.db, "petition", DEMO_PETITION, "xx"))!.language).toBe("en");
    const audit = await handle.db.selectFrom("audit_log").select(["action", "subject", "details"]).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["petition.asks", "petition.asks", "petition.asks"]);
    expect(audit[2]!.details).toEqual({ language: "en", before: ["party", "signed"], after: ["signed"] });
  });

  it("stores nothing for a language the campaign is not offered in, an unknown campaign, or a text the database refuses", async () => {
    await handle.db.deleteFrom("petition_texts").where("language", "=", "zh").execute();
    expect(await saveAsks(handle.db, "petition", DEMO_PETITION, "zh", { signed: ask("签署") }, actor)).toBe("language_not_offered");
    expect(await saveAsks(handle.db, "petition", "no-such-petition", "en", { signed: ask("x") }, actor)).toBe("not_found");
    // Past the form's checks (a service called directly): the database's checks refuse it, and the whole save.
    await expect(saveAsks(handle.db, "petition", DEMO_PETITION, "en", { signed: ask("Fine"), party: ask("x".repeat(161)) }, actor)).rejects.toThrow();
    expect(await handle.db.selectFrom("campaign_asks").selectAll().execute()).toEqual([]);
    expect(await handle.db.selectFrom("audit_log").selectAll().execute()).toEqual([]);
    await seedDemoContent(handle.db);
  });

  it("keeps a letter template for letter campaigns only, and an ask belongs to exactly one campaign", async () => {
    await saveAsks(handle.db, "letter_campaign", LETTERS, "en", { signed: ask("Ratify with safeguards", "Dear {{target.name}}, ratify with safeguards.") }, actor);
    await saveAsks(handle.db, "petition", DEMO_PETITION, "en", { signed: ask("Ratify with safeguards", "ignored") }, actor);
    const rows = await handle.db.selectFrom("campaign_asks").select(["petition_id", "letter_campaign_id", "letter_template"]).orderBy("id").execute();
    expect(rows.map((r) => r.letter_template)).toEqual(["Dear {{target.name}}, ratify with safeguards.", null]);
    const petitionId = rows[1]!.petition_id!;
    const campaignId = rows[0]!.letter_campaign_id!;
    await expect(
      handle.db.insertInto("campaign_asks").values({ petition_id: petitionId, letter_campaign_id: campaignId, status_group: "party", language: "en", heading: "h", body: "b" }).execute(),
    ).rejects.toThrow();
  });
});

describe("picking asks", () => {
  it("shows each live campaign with its count and the ask for the country's status, falling back to the default language", async () => {
    await saveAsks(handle.db, "petition", DEMO_PETITION, "en", { signed: ask("Ratify only with safeguards"), party: ask("Declare the safeguards") }, actor);
    await saveAsks(handle.db, "petition", DEMO_PETITION, "fr", { signed: ask("Ne ratifiez qu'avec des garanties") }, actor);
    const fr = await actionsForCountry(handle.db, treatyId, "signed", "fr");
    expect(fr.map((a) => [a.kind, a.slug, a.ask?.heading ?? null])).toEqual([
      ["petition", DEMO_PETITION, "Ne ratifiez qu'avec des garanties"],
      ["letter_campaign", LETTERS, null],
    ]);
    expect(fr[0]!.count).toBe(0);
    expect((await actionsForCountry(handle.db, treatyId, "party", "fr"))[0]!.ask).toEqual({ heading: "Declare the safeguards", body: "Declare the safeguards: why", language: "en" });
    expect((await actionsForCountry(handle.db, treatyId, "not_signed", "fr"))[0]!.ask).toBeNull();
    // A campaign that is not live is not offered.
    await handle.db.updateTable("petitions").set({ status: "closed", closed_at: NOW }).where("slug", "=", DEMO_PETITION).execute();
    expect((await actionsForCountry(handle.db, treatyId, "signed", "fr")).map((a) => a.kind)).toEqual(["letter_campaign"]);
    await handle.db.updateTable("petitions").set({ status: "live", closed_at: null }).where("slug", "=", DEMO_PETITION).execute();
  });

  it("gives the letter page and the letter sent the template of the chosen country's current status", async () => {
    await saveAsks(handle.db, "letter_campaign", LETTERS, "en", { signed: ask("Ratify with safeguards", "Dear {{target.name}}, signed."), party: ask("Declare", "Dear {{target.name}}, party.") }, actor);
    const page = () => getLetterPage(handle.db, LETTERS, "en", "fra", {}, { now: NOW });
    expect((await page())?.bodyTemplate).toBe("Dear {{target.name}}, signed.");
    expect((await page())?.ask?.heading).toBe("Ratify with safeguards");
    await ratify("FRA");
    expect((await page())?.bodyTemplate).toBe("Dear {{target.name}}, party.");
    // No template in French: the French letter starts from the campaign's French template.
    const french = await getLetterPage(handle.db, LETTERS, "fr", "fra", {}, { now: NOW });
    expect(french?.bodyTemplate).not.toContain("party.");
    expect(french?.ask?.heading).toBe("Declare");
  });

  it("gives the petition page every country's ask, one copy for all visitors (the browser shows the likely country's)", async () => {
    await saveAsks(handle.db, "petition", DEMO_PETITION, "en", { signed: ask("Ratify only with safeguards") }, actor);
    const view = () => getPetitionView(handle.db, DEMO_PETITION, "en", {}, { petitionCacheMs: 0, withCountryAsks: true, now: NOW });
    const asks = (await view())?.countryAsks;
    const askOf = (code3: string) => {
      const index = asks?.byCountry[code3];
      return index === undefined ? null : asks?.asks[index];
    };
    expect(askOf("FRA")?.heading).toBe("Ratify only with safeguards");
    // The United States has not signed: no ask for that status, the petition as it is.
    expect(askOf("USA")).toBeNull();
    expect(askOf("ZZZ")).toBeNull();
    // One entry per distinct ask, however many countries share it.
    expect(asks?.asks).toHaveLength(1);
    // Without asks asked for (the embed), none are read.
    expect((await getPetitionView(handle.db, DEMO_PETITION, "en", {}, { petitionCacheMs: 0, now: NOW }))?.countryAsks).toBeNull();
    await ratify("FRA");
    const after = (await view())?.countryAsks;
    expect(after?.byCountry.FRA).toBeUndefined();
  });

  it("stores the headings for the new status in the alert mail, shown in the follower's language", async () => {
    await saveAsks(handle.db, "petition", DEMO_PETITION, "en", { party: ask("Declare the safeguards") }, actor);
    await saveAsks(handle.db, "petition", DEMO_PETITION, "fr", { party: ask("Déclarez les garanties") }, actor);
    const [petition] = await actionsForAlert(handle.db, treatyId, "party");
    expect(petition?.headings).toEqual({ en: "Declare the safeguards", fr: "Déclarez les garanties" });
    await handle.db.insertInto("alert_settings").values({ to_status: "party", send_without_review: false }).onConflict((oc) => oc.column("to_status").doUpdateSet({ send_without_review: false })).execute();
    await ratify("FRA");
    const queue = await alertQueue(handle.db, { treatySlug: TREATY, lng: "en", secrets: ["s"], publicUrl: "https://tw.example" });
    const previews = queue.open.find((a) => a.countryCode === "FRA")?.previews ?? [];
    expect(previews[0]?.text).toContain("Declare the safeguards");
    expect(previews[0]?.text).toContain(`https://tw.example/en/petitions/${DEMO_PETITION}`);
  });
});
