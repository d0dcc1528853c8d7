import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { addOrganizer } from "~/modules/organizer/organizer.repo.server";
import { postForm } from "../support/form-post";
import { latestSignInPath, organizerClient } from "../support/organizer-client";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const { post, signInAs, csrfOf } = organizerClient(() => server);
const db = () => server.database.db;

const PETITION = "stop-the-cybercrime-convention";
const LETTERS = "write-to-your-government";
let ours: number;
let theirs: number;
let partnerCookie: string;
let adminCookie: string;

/** A partner account signs in as anyone does: a link by mail, then the button. */
async function signInAsPartner(email: string, partnerId: number): Promise<string> {
  await addOrganizer(db(), { email, role: "partner", partnerId, by: "test" });
  expect((await postForm(server, "/en/organize/sign-in", { email })).status).toBe(303);
  const pressed = await postForm(server, await latestSignInPath(server, email), {});
  expect(pressed.status).toBe(303);
  expect(pressed.headers.get("location")).toBe("/en/organize");
  return pressed.headers.get("set-cookie")!.split(";")[0]!;
}

/** The cells' text of the first table row in `html` that mentions `name`. */
function rowOf(html: string, name: string): string[] {
  const row = html.split("<tr").find((r) => r.includes(name)) ?? "";
  return [...row.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gu)].map((m) => m[1]!.replace(/<[^>]*>/gu, "").replace(/\s+/gu, " ").trim());
}

async function addPartner(code: string, name: string): Promise<number> {
  const row = await db()
    .insertInto("partners")
    .values({ code, name, website_url: `https://${code}.example.org`, privacy_url: `https://${code}.example.org/privacy`, contact_email: `team@${code}.example.org` })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function sign(petitionId: number, name: string, country: string, status: "confirmed" | "pending", partnerId: number | null, partnerConsent: boolean) {
  const email = `${name.toLowerCase().replace(/\W+/gu, ".")}@example.net`;
  await db()
    .insertInto("signatures")
    .values({
      petition_id: petitionId,
      status,
      name,
      email,
      email_key: email,
      country_code: country,
      language: "en",
      referral_code: randomBytes(6).toString("hex"),
      created_at: new Date(),
      confirmed_at: status === "confirmed" ? new Date() : null,
      partner_id: partnerId,
      partner_consent: partnerConsent,
    })
    .execute();
}

async function write(campaignId: number, name: string, country: string, partnerId: number | null, partnerConsent: boolean) {
  await db()
    .insertInto("letters")
    .values({
      campaign_id: campaignId,
      country_code: country,
      language: "en",
      status: "confirmed",
      sender_name: name,
      sender_email: `${name.toLowerCase().replace(/\W+/gu, ".")}@example.net`,
      subject: "Do not ratify",
      body: "Dear minister, please do not ratify.",
      personal_paragraph: "It matters to me.",
      created_at: new Date(),
      confirmed_at: new Date(),
      partner_id: partnerId,
      partner_consent: partnerConsent,
    })
    .execute();
}

beforeAll(async () => {
  server = await startTestServer();
  await seedDemoContent(db());
  ours = await addPartner("digital-rights", "Digital Rights Now");
  theirs = await addPartner("press-free", "Press Freedom Circle");
  const petition = await db().selectFrom("petitions").select("id").where("slug", "=", PETITION).executeTakeFirstOrThrow();
  const letters = await db().selectFrom("letter_campaigns").select("id").where("slug", "=", LETTERS).executeTakeFirstOrThrow();
  const other = await db().insertInto("petitions").values({ slug: "someone-elses-petition", default_language: "en", treaty_id: null, goal: null }).returning("id").executeTakeFirstOrThrow();
  await db()
    .insertInto("campaign_partners")
    .values([
      { petition_id: petition.id, partner_id: ours, position: 0 },
      { petition_id: petition.id, partner_id: theirs, position: 1 },
      { letter_campaign_id: letters.id, partner_id: ours },
      { petition_id: other.id, partner_id: theirs },
    ])
    .execute();
  await sign(petition.id, "Ada Consenting", "FRA", "confirmed", ours, true);
  await sign(petition.id, "Bea Silent", "DEU", "confirmed", ours, false);
  await sign(petition.id, "Cy Waiting", "FRA", "pending", ours, true);
  await sign(petition.id, "Dee Elsewhere", "ITA", "confirmed", theirs, true);
  await sign(petition.id, "Eve Direct", "ESP", "confirmed", null, false);
  await write(letters.id, "Lou Writer", "FRA", ours, true);
  await write(letters.id, "Max Quiet", "FRA", ours, false);
  await write(letters.id, "Nia Other", "ITA", theirs, true);
  partnerCookie = await signInAsPartner("people@digital-rights.example.org", ours);
  adminCookie = await signInAs("admin", "boss@example.org");
});
afterAll(async () => server?.close());

describe("a partner account", () => {
  it("sees on its home only the campaigns its partner runs, and only the campaigns section", async () => {
    const response = await server.get("/en/organize", { cookie: partnerCookie });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Signed in as people@digital-rights.example.org (partner)");
    expect(html).toContain(`href="/en/organize/petitions/${PETITION}"`);
    expect(html).toContain(`href="/en/organize/letters/${LETTERS}"`);
    expect(html).not.toContain("someone-elses-petition");
    expect(html).not.toContain("Press Freedom Circle");
    // No new campaign, no editing, no facts or followers, no other section.
    expect(html).not.toContain("/en/organize/petitions/new");
    expect(html).not.toContain(`/en/organize/petitions/${PETITION}/edit`);
    expect(html).not.toContain("followers-title");
    for (const section of ["targets", "countries", "leads", "alerts", "people", "organizers", "audit"]) expect(html).not.toContain(`href="/en/organize/${section}"`);
  });

  it("opens its petition's dashboard with its own figures only", async () => {
    const response = await server.get(`/en/organize/petitions/${PETITION}`, { cookie: partnerCookie });
    expect(response.status).toBe(200);
    const html = await response.text();
    // Ada and Bea confirmed through its link, Ada alone consented; Cy still pending.
    expect(html).toContain("signatures that came through Digital Rights Now&#x27;s link: 2 confirmed, of which 1 agreed");
    expect(html).toContain("France");
    expect(html).toContain("Germany");
    // Another partner's signature (Italy) and one that came without a partner (Spain) are not its figures.
    expect(html).not.toContain("Italy");
    expect(html).not.toContain("Spain");
    expect(html).not.toContain("Press Freedom Circle");
    // Page views are everyone's; the other partners' breakdown is the workspace's; editing, updates and sharing are not its pages.
    expect(html).not.toContain('id="funnel-title"');
    expect(html).not.toContain('id="partners-title"');
    expect(html).not.toContain(`/en/organize/petitions/${PETITION}/edit`);
    expect(html).not.toContain(`/en/organize/petitions/${PETITION}/updates`);
    expect(html).toContain(`action="/en/organize/petitions/${PETITION}/partner-consents.csv"`);
  });

  it("of another partner running the same petition sees that partner's figures instead", async () => {
    const other = await signInAsPartner("desk@press-free.example.org", theirs);
    const html = await (await server.get(`/en/organize/petitions/${PETITION}`, { cookie: other })).text();
    expect(html).toContain("signatures that came through Press Freedom Circle&#x27;s link: 1 confirmed, of which 1 agreed");
    expect(html).toContain("Italy");
    expect(html).not.toContain("Germany");
    expect(html).not.toContain("Digital Rights Now");
    // It runs a petition the first partner does not, and not the letter campaign.
    const home = await (await server.get("/en/organize", { cookie: other })).text();
    expect(home).toContain("someone-elses-petition");
    expect(home).not.toContain(LETTERS);
    expect((await server.get(`/en/organize/letters/${LETTERS}`, { cookie: other })).status).toBe(404);
  });

  it("opens its letter campaign's dashboard with its own letters only", async () => {
    const response = await server.get(`/en/organize/letters/${LETTERS}`, { cookie: partnerCookie });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("letters that came through Digital Rights Now&#x27;s link: 2 confirmed, of which 1 agreed");
    expect(html).not.toContain("Italy");
    expect(html).not.toContain('id="demand-title"');
  });

  it("gets a 404 for a campaign its partner does not run, as if it did not exist", async () => {
    expect((await server.get("/en/organize/petitions/someone-elses-petition", { cookie: partnerCookie })).status).toBe(404);
    expect((await server.get("/en/organize/petitions/no-such-petition", { cookie: partnerCookie })).status).toBe(404);
    expect((await server.get(`/en/organize/letters/${PETITION}`, { cookie: partnerCookie })).status).toBe(404);
  });

  it.each([
    `/en/organize/petitions/${PETITION}/edit`,
    `/en/organize/petitions/${PETITION}/moderation`,
    `/en/organize/petitions/${PETITION}/asks`,
    `/en/organize/petitions/${PETITION}/updates`,
    `/en/organize/petitions/${PETITION}/share`,
    `/en/organize/petitions/${PETITION}/qr.svg`,
    `/en/organize/petitions/${PETITION}/signatures.csv`,
    `/en/organize/letters/${LETTERS}/edit`,
    `/en/organize/letters/${LETTERS}/updates`,
    "/en/organize/petitions/new",
    "/en/organize/letters/new",
    "/en/organize/countries",
    "/en/organize/countries/fra",
    "/en/organize/countries/import",
    "/en/organize/targets",
    "/en/organize/targets.csv",
    "/en/organize/targets/new",
    "/en/organize/leads",
    "/en/organize/alerts",
    "/en/organize/people",
    "/en/organize/organizers",
    "/en/organize/audit",
  ])("is refused %s (403)", async (path) => {
    expect((await server.get(path, { cookie: partnerCookie })).status).toBe(403);
  });

  it("cannot change anything: moderation, editing, the export with emails and the organizers page refuse its POSTs", async () => {
    const csrf = await csrfOf(partnerCookie);
    for (const path of [
      `/en/organize/petitions/${PETITION}/moderation`,
      `/en/organize/petitions/${PETITION}/edit`,
      `/en/organize/petitions/${PETITION}/signatures.csv`,
      "/en/organize/organizers",
      "/en/organize/people",
    ]) {
      expect((await post(path, { csrf, intent: "add", email: "me@example.org", role: "admin" }, { cookie: partnerCookie })).status, path).toBe(403);
    }
  });

  it("exports only the people of its petition who consented to its partner, and the export is audited", async () => {
    const csrf = await csrfOf(partnerCookie);
    const response = await post(`/en/organize/petitions/${PETITION}/partner-consents.csv`, { csrf }, { cookie: partnerCookie });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toContain(`${PETITION}-partner-consents.csv`);
    const lines = (await response.text()).replace(/^\uFEFF/u, "").trim().split("\n");
    expect(lines[0]).toBe("Name,Email,Country,Language,Confirmed on");
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]).toMatch(/^Ada Consenting,ada\.consenting@example\.net,FRA,en,\d{4}-\d{2}-\d{2}$/u);
    const audit = await db().selectFrom("audit_log").select(["actor_email", "subject", "details"]).where("action", "=", "export.partner_consents").execute();
    expect(audit).toEqual([{ actor_email: "people@digital-rights.example.org", subject: PETITION, details: { kind: "petition", partnerId: ours } }]);
  });

  it("exports only the letter writers who consented to its partner", async () => {
    const csrf = await csrfOf(partnerCookie);
    const response = await post(`/en/organize/letters/${LETTERS}/partner-consents.csv`, { csrf }, { cookie: partnerCookie });
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain("Lou Writer");
    expect(body).not.toContain("Max Quiet");
    expect(body).not.toContain("Nia Other");
  });

  it("cannot export without the form's token, nor another campaign, and a GET does nothing", async () => {
    const before = await db().selectFrom("audit_log").select("id").where("action", "=", "export.partner_consents").execute();
    expect((await post(`/en/organize/petitions/${PETITION}/partner-consents.csv`, {}, { cookie: partnerCookie })).status).toBe(403);
    const csrf = await csrfOf(partnerCookie);
    expect((await post("/en/organize/petitions/someone-elses-petition/partner-consents.csv", { csrf }, { cookie: partnerCookie })).status).toBe(404);
    expect((await server.get(`/en/organize/petitions/${PETITION}/partner-consents.csv`, { cookie: partnerCookie })).status).toBe(404);
    const after = await db().selectFrom("audit_log").select("id").where("action", "=", "export.partner_consents").execute();
    expect(after).toHaveLength(before.length);
  });
});

describe("the workspace and partners", () => {
  it("shows admins and organizers what each partner brought to a campaign", async () => {
    const html = await (await server.get(`/en/organize/petitions/${PETITION}`, { cookie: adminCookie })).text();
    expect(html).toContain('id="partners-title"');
    const table = html.slice(html.indexOf('id="partners-title"'));
    expect(rowOf(table, "Digital Rights Now")).toEqual(["Digital Rights Now (digital-rights)", "2", "1"]);
    expect(rowOf(table, "Press Freedom Circle")).toEqual(["Press Freedom Circle (press-free)", "1", "1"]);
    // The whole campaign's figures stay the workspace's: the funnel and every country.
    expect(html).toContain('id="funnel-title"');
    const letters = await (await server.get(`/en/organize/letters/${LETTERS}`, { cookie: adminCookie })).text();
    expect(rowOf(letters.slice(letters.indexOf('id="partners-title"')), "Digital Rights Now")).toEqual(["Digital Rights Now (digital-rights)", "2", "1"]);
  });

  it("does not give workspace roles the partner export", async () => {
    const csrf = await csrfOf(adminCookie);
    expect((await post(`/en/organize/petitions/${PETITION}/partner-consents.csv`, { csrf }, { cookie: adminCookie })).status).toBe(403);
  });

  it("lets a partner account sign out, after which its session opens nothing", async () => {
    const cookie = await signInAsPartner("leaving@digital-rights.example.org", ours);
    const csrf = await csrfOf(cookie);
    const out = await post("/en/organize/sign-out", { csrf }, { cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/en/organize/sign-in");
    const after = await server.get(`/en/organize/petitions/${PETITION}`, { cookie });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toBe("/en/organize/sign-in");
  });

  it("lets an admin give the partner role with its partner, with errors by the field", async () => {
    const csrf = await csrfOf(adminCookie);
    const missing = await post("/en/organize/organizers", { csrf, intent: "add", email: "new@digital-rights.example.org", role: "partner", partner: "" }, { cookie: adminCookie });
    expect(missing.status).toBe(400);
    const missingHtml = await missing.text();
    expect(missingHtml).toMatch(/id="organizer-partner-error">Choose the partner this account acts for/u);
    expect(missingHtml).toContain('value="new@digital-rights.example.org"');
    const notForRole = await post("/en/organize/organizers", { csrf, intent: "add", email: "new@digital-rights.example.org", role: "viewer", partner: "digital-rights" }, { cookie: adminCookie });
    expect(notForRole.status).toBe(400);
    expect(await notForRole.text()).toContain("Only the partner role acts for a partner");
    const unknown = await post("/en/organize/organizers", { csrf, intent: "add", email: "new@digital-rights.example.org", role: "partner", partner: "nobody" }, { cookie: adminCookie });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("This partner does not exist or is no longer active.");
    expect(await db().selectFrom("organizers").select("id").where("email", "=", "new@digital-rights.example.org").execute()).toHaveLength(0);

    // In French, the same refusal in French.
    const french = await post("/fr/organize/organizers", { csrf, intent: "add", email: "new@digital-rights.example.org", role: "partner", partner: "" }, { cookie: adminCookie });
    expect(await french.text()).toContain("Choisissez le partenaire pour lequel agit ce compte");

    const added = await post("/en/organize/organizers", { csrf, intent: "add", email: "new@digital-rights.example.org", role: "partner", partner: "digital-rights" }, { cookie: adminCookie });
    expect(added.status).toBe(303);
    const row = await db().selectFrom("organizers").select(["id", "role", "partner_id"]).where("email", "=", "new@digital-rights.example.org").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: "partner", partner_id: ours });

    // Changing the role away from partner needs the partner cleared; then it is stored without one.
    const kept = await post("/en/organize/organizers", { csrf, intent: "change", id: String(row.id), role: "viewer", partner: "digital-rights", active: "yes" }, { cookie: adminCookie });
    expect(kept.status).toBe(400);
    expect(await kept.text()).toContain("Only the partner role acts for a partner");
    const changed = await post("/en/organize/organizers", { csrf, intent: "change", id: String(row.id), role: "viewer", partner: "", active: "yes" }, { cookie: adminCookie });
    expect(changed.status).toBe(303);
    expect(await db().selectFrom("organizers").select(["role", "partner_id"]).where("id", "=", row.id).executeTakeFirstOrThrow()).toEqual({ role: "viewer", partner_id: null });
    const audit = await db().selectFrom("audit_log").select("details").where("action", "=", "organizer.add").where("subject", "=", "new@digital-rights.example.org").executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ after: { role: "partner", active: true, partnerId: ours } });
  });
});
