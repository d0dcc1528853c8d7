import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { organizerClient } from "../support/organizer-client";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const { post, signInAs, csrfOf } = organizerClient(() => server);
const UNTC = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-16&chapter=18";

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());
beforeEach(async () => {
  await server.database.db.deleteFrom("rate_limit_hits").execute();
  await server.database.db.deleteFrom("outgoing_mails").execute();
});

async function followers(country: string, people: [string, string][]) {
  const treaty = await server.database.db.selectFrom("treaties").select("id").executeTakeFirstOrThrow();
  await server.database.db
    .insertInto("country_follows")
    .values(people.map(([email, language]) => ({ treaty_id: treaty.id, country_code: country, email, email_key: email, language, status: "confirmed" as const, confirmed_at: new Date() })))
    .execute();
}

const alertOf = (country: string) =>
  server.database.db
    .selectFrom("alert_drafts as a")
    .innerJoin("country_status_changes as c", "c.id", "a.status_change_id")
    .select(["a.id", "a.status", "a.decided_by_email"])
    .where("c.country_code", "=", country)
    .orderBy("a.id", "desc")
    .executeTakeFirstOrThrow();

describe("the alert review queue", () => {
  it("a fact edited by hand makes a draft; viewers read it, organizers send it once, with a localized answer to a second click", async () => {
    await followers("USA", [["ann@example.org", "en"], ["bea@example.org", "fr"]]);
    const organizer = await signInAs("organizer", "alerts-organizer@example.org");
    const csrf = await csrfOf(organizer);
    expect((await post("/en/organize/countries/usa", { csrf, intent: "action", action: "signature", date: "2026-12-01", sourceUrl: UNTC, notes: "" }, { cookie: organizer })).status).toBe(303);
    const draft = await alertOf("USA");
    expect(draft.status).toBe("draft");

    const viewer = await signInAs("viewer", "alerts-viewer@example.org");
    const viewed = await (await server.get("/en/organize/alerts", { cookie: viewer })).text();
    expect(viewed).toContain("United States");
    expect(viewed).toContain("2 followers may be mailed.");
    expect(viewed).toContain(UNTC.replace(/&/gu, "&amp;"));
    expect(viewed).toContain("The mail in Français");
    expect(viewed).not.toContain('name="decision"');
    expect((await post("/en/organize/alerts", { csrf: await csrfOf(viewer), alertId: draft.id, decision: "send" }, { cookie: viewer })).status).toBe(403);

    const french = await (await server.get("/fr/organize/alerts", { cookie: organizer })).text();
    expect(french).toContain("Envoyer l’alerte sur États-Unis");
    expect(french).toContain("États-Unis : a signé, pas encore ratifié");

    expect((await post("/en/organize/alerts", { alertId: draft.id, decision: "send" }, { cookie: organizer })).status).toBe(403);
    const sent = await post("/en/organize/alerts", { csrf, alertId: draft.id, decision: "send" }, { cookie: organizer });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe("/en/organize/alerts?done=sent");
    expect(await alertOf("USA")).toMatchObject({ status: "sent", decided_by_email: "alerts-organizer@example.org" });
    const mails = await server.database.db.selectFrom("outgoing_mails").select(["recipient", "language"]).where("template", "=", "country-alert").orderBy("recipient").execute();
    expect(mails).toEqual([{ recipient: "ann@example.org", language: "en" }, { recipient: "bea@example.org", language: "fr" }]);

    const again = await post("/fr/organize/alerts", { csrf, alertId: draft.id, decision: "send" }, { cookie: organizer });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Cette alerte a déjà été envoyée ou écartée.");
    expect(await server.database.db.selectFrom("outgoing_mails").select("id").where("template", "=", "country-alert").execute()).toHaveLength(2);
    const audit = await server.database.db.selectFrom("audit_log").select(["action", "actor_email"]).where("action", "like", "alert.%").execute();
    expect(audit).toEqual([{ action: "alert.send", actor_email: "alerts-organizer@example.org" }]);
  });

  it("the audience adds the signers from the country who consented to news and do not follow it", async () => {
    await followers("JPN", [["aiko@example.org", "en"]]);
    const treaty = await server.database.db.selectFrom("treaties").select("id").executeTakeFirstOrThrow();
    const petition = await server.database.db
      .insertInto("petitions")
      .values({ slug: "alerts-audience-signers", treaty_id: treaty.id, status: "live", default_language: "en", opened_at: new Date() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const signature = (email: string, consent: boolean) => ({
      petition_id: petition.id,
      status: "confirmed" as const,
      name: "Signer",
      email,
      email_key: email,
      country_code: "JPN",
      mail_consent: consent,
      language: "en",
      referral_code: `audience-${email.split("@")[0]}`,
      confirmed_at: new Date(),
    });
    await server.database.db
      .insertInto("signatures")
      .values([signature("haru@example.org", true), signature("aiko@example.org", true), signature("ren@example.org", false)])
      .execute();
    const organizer = await signInAs("organizer", "alerts-audience@example.org");
    expect((await post("/en/organize/countries/jpn", { csrf: await csrfOf(organizer), intent: "action", action: "signature", date: "2026-12-01", sourceUrl: UNTC, notes: "" }, { cookie: organizer })).status).toBe(303);
    const page = await (await server.get("/en/organize/alerts", { cookie: organizer })).text();
    expect(page).toContain("1 follower may be mailed.");
    expect(page).toContain("Also signers from this country who consented to news and do not follow it: 1.");
  });

  it("discard sends nothing; a bogus decision or alert gets a message, not a 500", async () => {
    await followers("MEX", [["carl@example.org", "es"]]);
    const organizer = await signInAs("organizer", "alerts-discard@example.org");
    const csrf = await csrfOf(organizer);
    await post("/en/organize/countries/mex", { csrf, intent: "action", action: "signature", date: "2026-12-01", sourceUrl: UNTC, notes: "" }, { cookie: organizer });
    const draft = await alertOf("MEX");
    expect((await post("/en/organize/alerts", { csrf, alertId: draft.id, decision: "discard" }, { cookie: organizer })).headers.get("location")).toBe("/en/organize/alerts?done=discarded");
    expect(await alertOf("MEX")).toMatchObject({ status: "discarded" });
    expect(await server.database.db.selectFrom("outgoing_mails").select("id").where("template", "=", "country-alert").execute()).toEqual([]);
    const bogus = await post("/es/organize/alerts", { csrf, alertId: draft.id, decision: "bogus" }, { cookie: organizer });
    expect(bogus.status).toBe(400);
    expect(await bogus.text()).toContain("Elija enviar o descartar la alerta.");
    expect((await post("/en/organize/alerts", { csrf, alertId: "999999", decision: "send" }, { cookie: organizer })).status).toBe(404);
  });

  it("an organizer changes which moves go without review; without JavaScript, a plain form", async () => {
    const organizer = await signInAs("organizer", "alerts-settings@example.org");
    const csrf = await csrfOf(organizer);
    const saved = await post("/en/organize/alerts", { csrf, intent: "settings", sendWithoutReview: "in_force" }, { cookie: organizer });
    expect(saved.headers.get("location")).toBe("/en/organize/alerts?done=settings");
    const rows = await server.database.db.selectFrom("alert_settings").select(["to_status", "send_without_review"]).where("send_without_review", "=", true).execute();
    expect(rows).toEqual([{ to_status: "in_force", send_without_review: true }]);
    await post("/en/organize/alerts", { csrf, intent: "settings", sendWithoutReview: ["party", "in_force"] }, { cookie: organizer });
  });
});
