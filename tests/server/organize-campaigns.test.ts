import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { organizerClient } from "../support/organizer-client";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const { post, signInAs, csrfOf } = organizerClient(() => server);
const db = () => server.database.db;
let organizer: string;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  await seedDemoContent(db());
  organizer = await signInAs("organizer", "campaigner@example.org");
  admin = await signInAs("admin", "boss@example.org");
});
afterAll(async () => server?.close());
beforeEach(async () => {
  await db().deleteFrom("rate_limit_hits").execute();
});

async function demoTargetIds(country: string): Promise<number[]> {
  return (await db().selectFrom("targets").select("id").where("country_code", "=", country).orderBy("id").execute()).map((t) => t.id);
}

const letterForm = (fields: Record<string, string>, targets: number[]) => {
  const body = new URLSearchParams(fields);
  for (const id of targets) body.append("target", String(id));
  return body;
};

const GOOD_LETTER = {
  slug: "tell-parliament",
  defaultLanguage: "en",
  deliveryMode: "individual",
  dailyCapPerTarget: "25",
  minPersonalChars: "30",
  "title.en": "Tell parliament",
  "intro.en": "Members of parliament vote on ratification.",
  "subjects.en": "Do not ratify the convention\nProtect security research",
  "bodyTemplate.en": "Dear {{target.name}},\n\nPlease vote no.\n\n{{sender.name}}, {{sender.city}}",
};

describe("letter campaigns in the editor", () => {
  it("refuses bad input by the field, keeps what was typed, and stores nothing", async () => {
    const csrf = await csrfOf(organizer);
    const response = await post(
      "/en/organize/letters/new",
      letterForm({ ...GOOD_LETTER, csrf, dailyCapPerTarget: "lots", goal: "1e3", "bodyTemplate.en": "Dear {{target.nickname}}", "title.fr": "Dites-le" }, []),
      { cookie: organizer },
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Enter a whole number from 1 to 100,000.");
    expect(html).toContain("Enter a whole number above 0, or leave it empty.");
    expect(html).toContain("with only the merge fields listed");
    expect(html).toContain('id="editor-intro.fr"');
    expect(html).toContain("Dites-le");
    expect(html).toContain("{{target.nickname}}");
    expect(await db().selectFrom("letter_campaigns").select("id").where("slug", "=", "tell-parliament").execute()).toHaveLength(0);
  });

  it("refuses a target that does not exist without storing the campaign", async () => {
    const csrf = await csrfOf(organizer);
    const response = await post("/en/organize/letters/new", letterForm({ ...GOOD_LETTER, csrf }, [987654]), { cookie: organizer });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("One of the chosen targets no longer exists");
    expect(await db().selectFrom("letter_campaigns").select("id").where("slug", "=", "tell-parliament").execute()).toHaveLength(0);
  });

  it("creates a draft, refuses to publish it without targets, then publishes it with them; every step audited", async () => {
    const csrf = await csrfOf(organizer);
    const created = await post("/en/organize/letters/new", letterForm({ ...GOOD_LETTER, csrf }, []), { cookie: organizer });
    expect(created.status).toBe(303);
    expect(created.headers.get("location")).toBe("/en/organize/letters/tell-parliament/edit?saved");
    // A draft is not public.
    expect((await server.get("/en/letters/tell-parliament")).status).toBe(404);

    const refused = await post("/en/organize/letters/tell-parliament/edit", { csrf, moveTo: "live" }, { cookie: organizer });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Choose at least one active person to write to before publishing.");

    const french = await demoTargetIds("FRA");
    const saved = await post(
      "/en/organize/letters/tell-parliament/edit",
      letterForm({ ...GOOD_LETTER, csrf, deliveryMode: "digest", goal: "2000", "title.fr": "Dites-le au parlement", "intro.fr": "Les députés votent.", "subjects.fr": "Ne ratifiez pas", "bodyTemplate.fr": "Madame, Monsieur {{target.name}}," }, french),
      { cookie: organizer },
    );
    expect(saved.status).toBe(303);
    const stored = await db().selectFrom("letter_campaigns").select(["id", "status", "delivery_mode", "daily_cap_per_target", "goal"]).where("slug", "=", "tell-parliament").executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: "draft", delivery_mode: "digest", daily_cap_per_target: 25, goal: 2000 });
    const texts = await db().selectFrom("letter_campaign_texts").select(["language", "subject_variants"]).where("campaign_id", "=", stored.id).orderBy("language").execute();
    expect(texts).toEqual([
      { language: "en", subject_variants: ["Do not ratify the convention", "Protect security research"] },
      { language: "fr", subject_variants: ["Ne ratifiez pas"] },
    ]);
    expect((await db().selectFrom("letter_campaign_targets").select("target_id").where("campaign_id", "=", stored.id).execute()).map((t) => t.target_id).sort()).toEqual(french);

    // The editor shows the French fields beside the English words, and flags the languages still missing.
    const editor = await (await server.get("/en/organize/letters/tell-parliament/edit", { cookie: organizer })).text();
    expect(editor).toContain("Default language (en), for reference");
    expect(editor).toContain("Not offered yet in: es, ar, ru, zh.");

    expect((await post("/en/organize/letters/tell-parliament/edit", { csrf, moveTo: "live" }, { cookie: organizer })).status).toBe(303);
    expect((await server.get("/fr/letters/tell-parliament?country=fra")).status).toBe(200);
    const page = await (await server.get("/fr/letters/tell-parliament?country=fra")).text();
    expect(page).toContain("Dites-le au parlement");
    // Confirmed letters toward the goal, on the public page and the dashboard.
    expect(page.replaceAll("<!-- -->", "")).toMatch(/data-testid="letter-count">0<\/strong> lettre envoyée/u); // French counts 0 as one
    expect(page).toContain("Objectif\u00a0: 2\u202f000 lettres");
    const dashboard = await (await server.get("/en/organize/letters/tell-parliament", { cookie: organizer })).text();
    expect(dashboard).toContain("Confirmed letters: 0 of 2,000.");
    const update = await db().selectFrom("audit_log").select("details").where("subject", "=", "tell-parliament").where("action", "=", "letter_campaign.update").executeTakeFirstOrThrow();
    expect(update.details).toMatchObject({ before: { goal: null }, after: { goal: 2000 } });
    const actions = (await db().selectFrom("audit_log").select("action").where("subject", "=", "tell-parliament").orderBy("id").execute()).map((a) => a.action);
    expect(actions).toEqual(["letter_campaign.create", "letter_campaign.update", "letter_campaign.publish"]);
  });
});

describe("previews of drafts", () => {
  beforeAll(async () => {
    const csrf = await csrfOf(organizer);
    const response = await post(
      "/en/organize/petitions/new",
      { csrf, slug: "draft-petition", defaultLanguage: "en", goal: "", "title.en": "A petition not yet out", "addressedTo.en": "The minister", "body.en": "Soon." },
      { cookie: organizer },
    );
    expect(response.status).toBe(303);
  });

  it("shows organizers the page exactly as it will be, with a banner; nobody else, and nothing cached", async () => {
    expect((await server.get("/en/petitions/draft-petition")).status).toBe(404);
    const anonymous = await server.get("/en/petitions/draft-petition?preview");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/en/organize/sign-in");
    const preview = await server.get("/en/petitions/draft-petition?preview", { cookie: organizer });
    expect(preview.status).toBe(200);
    expect(preview.headers.get("cache-control")).toContain("private");
    const html = await preview.text();
    expect(html).toContain("A petition not yet out");
    expect(html).toContain("It is a draft: only organizers can see it");
    // Signing a draft is refused whatever the page shows.
    expect((await post("/en/petitions/draft-petition", { name: "A", email: "a@example.org", country: "FRA" })).status).toBe(404);
  });
});

describe("dashboards", () => {
  async function addSignature(petitionId: number, email: string, status: "confirmed" | "pending", createdAt: string, referredBy: string | null = null, country = "FRA") {
    await db()
      .insertInto("signatures")
      .values({
        petition_id: petitionId,
        status,
        name: "Someone",
        email,
        email_key: email,
        country_code: country,
        language: "en",
        mail_consent: false,
        referral_code: `r${email.replace(/[^a-z0-9]/gu, "").slice(0, 20)}x`,
        referred_by: referredBy,
        created_at: new Date(createdAt),
        confirmed_at: status === "confirmed" ? new Date(createdAt) : null,
      })
      .execute();
  }

  it("counts page views without cookies (previews and errors not), and shows the funnel, days, countries and referral codes", async () => {
    const petition = await db().insertInto("petitions").values({ slug: "counted", default_language: "en", status: "live", opened_at: new Date(Date.now() - 2 * 86_400_000) }).returning("id").executeTakeFirstOrThrow();
    await db().insertInto("petition_texts").values({ petition_id: petition.id, language: "en", title: "Counted", addressed_to: "Us", body_markdown: "Text." }).execute();
    for (let i = 0; i < 4; i++) expect((await server.get("/en/petitions/counted")).status).toBe(200);
    await server.get("/fr/petitions/counted?preview", { cookie: organizer });
    await server.get("/en/petitions/counted-not");
    await server.writePageViews();
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await addSignature(petition.id, "first@example.org", "confirmed", `${yesterday}T10:00:00Z`);
    await addSignature(petition.id, "second@example.org", "confirmed", `${today}T01:00:00Z`, "rfirstexampleorgx", "DEU");
    await addSignature(petition.id, "third@example.org", "pending", `${today}T02:00:00Z`, "newsletter-nov");
    await db().insertInto("petition_counts").values({ petition_id: petition.id, confirmed: 2 }).execute();
    await db().insertInto("petition_country_counts").values([{ petition_id: petition.id, country_code: "FRA", confirmed: 1 }, { petition_id: petition.id, country_code: "DEU", confirmed: 1 }]).execute();

    const viewer = await signInAs("viewer", "reader@example.org");
    const response = await server.get("/en/organize/petitions/counted", { cookie: viewer });
    expect(response.status).toBe(200);
    const html = (await response.text()).replace(/<!-- -->/gu, "");
    expect(await db().selectFrom("petition_page_views").select(["views"]).where("petition_id", "=", petition.id).executeTakeFirstOrThrow()).toEqual({ views: "4" });
    // The funnel: 4 views → 3 submissions (75%) → 2 confirmed (66.7%).
    expect(html).toMatch(/Page views<\/th><td>4<\/td>/u);
    expect(html).toMatch(/Signed<\/th><td>3<\/td><td>75%<\/td>/u);
    expect(html).toMatch(/Confirmed<\/th><td>2<\/td><td>66\.7%<\/td>/u);
    expect(html).toContain("Confirmed signatures: 2.");
    // Days, with numbers readable without the chart.
    expect(html).toContain("Show the numbers");
    expect(html).toContain("<svg");
    // The daily chart on the public chart's axes: its title, round counts, the day the petition opened marked and named.
    const chart = /<figure class="time-chart daily-chart">.*?<\/figure>/su.exec(html)![0];
    expect(chart).toContain(">Per day</p>");
    expect(chart).toMatch(/text-anchor="end" dominant-baseline="middle">0<\/text>.*>1<\/text>/su);
    expect(chart).toMatch(/<g class="time-chart__mark time-chart__mark--opened"><line [^>]*><\/line><text [^>]*>Opened<\/text>/u);
    const opened = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    expect(chart).toContain(`Opened: ${new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${opened}T00:00:00Z`))}`);
    // Countries, and the codes that brought people.
    expect(html).toContain("Germany");
    expect(html).toContain("data:image/svg+xml,");
    expect(html).toMatch(/<code>rfirstexampleorgx<\/code><\/th><td>A signer&#x27;s share link<\/td><td>1<\/td><td>1<\/td>/u);
    expect(html).toMatch(/<code>newsletter-nov<\/code><\/th><td>Campaign code<\/td><td>1<\/td><td>0<\/td>/u);
    // A viewer reads; no edit link.
    expect(html).not.toContain("/en/organize/petitions/counted/edit");
  });

  it("shows each person written to with what became of the letters and the replies senders reported", async () => {
    const campaign = await db().selectFrom("letter_campaigns").select("id").where("slug", "=", "write-to-your-government").executeTakeFirstOrThrow();
    const [first, second] = await demoTargetIds("FRA");
    const target = await db().selectFrom("targets").select("name").where("id", "=", first!).executeTakeFirstOrThrow();
    const letter = (status: "pending" | "confirmed") =>
      db()
        .insertInto("letters")
        .values({ campaign_id: campaign.id, country_code: "FRA", language: "en", status, sender_name: "Ana", sender_email: "ana@example.org", subject: "S", body: "B", personal_paragraph: "P", confirmed_at: status === "confirmed" ? new Date() : null })
        .returning("id")
        .executeTakeFirstOrThrow();
    const sentMail = await db()
      .insertInto("outgoing_mails")
      .values({ template: "letter", recipient: "mp@example.org", language: "en", template_data: {}, idempotency_key: `dash-${Date.now()}`, status: "sent", sent_at: new Date() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const delivered = await letter("confirmed");
    await db().insertInto("letter_recipients").values({ letter_id: delivered.id, target_id: first!, outgoing_mail_id: sentMail.id }).execute();
    await db().updateTable("letter_recipients").set({ reply: "yes", replied_at: new Date() }).where("letter_id", "=", delivered.id).execute();
    const waiting = await letter("pending");
    await db().insertInto("letter_recipients").values([{ letter_id: waiting.id, target_id: first! }, { letter_id: waiting.id, target_id: second! }]).execute();
    const digest = await letter("confirmed");
    await db().insertInto("letter_recipients").values({ letter_id: digest.id, target_id: first!, route: "digest" }).execute();

    const html = (await (await server.get("/en/organize/letters/write-to-your-government", { cookie: organizer })).text()).replace(/<!-- -->/gu, "");
    // Letters, awaiting, on its way, in the next digest, delivered, failed, expired, replies.
    const row = new RegExp(`${target.name.replace(/[()]/gu, "\\$&")}[^<]*</th><td>France</td><td>3</td><td>1</td><td>0</td><td>1</td><td>1</td><td>0</td><td>0</td><td>1 of 1</td>`, "u");
    expect(html).toMatch(row);
    expect(html).toContain("Letters per day");
  });
});

describe("managing organizers (admins)", () => {
  it("adds a person once, refuses a bad address by the field, and lets them sign in", async () => {
    const csrf = await csrfOf(admin);
    const bad = await post("/en/organize/organizers", { csrf, intent: "add", email: "not-an-address", role: "viewer" }, { cookie: admin });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Enter an email address, like name@example.org.");
    expect(html).toContain('value="not-an-address"');
    const added = await post("/en/organize/organizers", { csrf, intent: "add", email: "New.Person@Example.org", role: "viewer" }, { cookie: admin });
    expect(added.status).toBe(303);
    const again = await post("/en/organize/organizers", { csrf, intent: "add", email: "new.person@example.org", role: "admin" }, { cookie: admin });
    expect(again.status).toBe(409);
    expect(await db().selectFrom("organizers").select(["email", "role"]).where("email", "=", "new.person@example.org").execute()).toEqual([{ email: "new.person@example.org", role: "viewer" }]);
    const cookie = await signInAs("viewer", "new.person@example.org");
    expect((await server.get("/en/organize", { cookie })).status).toBe(200);
  });

  it("withdraws access at once (every session ends), and never removes the last admin", async () => {
    const csrf = await csrfOf(admin);
    const leaving = await signInAs("organizer", "leaving-team@example.org");
    const id = (await db().selectFrom("organizers").select("id").where("email", "=", "leaving-team@example.org").executeTakeFirstOrThrow()).id;
    expect((await post("/en/organize/organizers", { csrf, intent: "change", id: String(id), role: "organizer" }, { cookie: admin })).status).toBe(303);
    expect((await server.get("/en/organize", { cookie: leaving })).status).toBe(302);
    expect(await db().selectFrom("organizer_sessions").select("revoked_at").where("organizer_id", "=", id).where("revoked_at", "is", null).execute()).toHaveLength(0);

    // Demote every other admin, then try to demote the last one.
    const admins = await db().selectFrom("organizers").select(["id", "email"]).where("role", "=", "admin").where("email", "!=", "boss@example.org").execute();
    for (const other of admins) await post("/en/organize/organizers", { csrf, intent: "change", id: String(other.id), role: "viewer", active: "yes" }, { cookie: admin });
    const me = (await db().selectFrom("organizers").select("id").where("email", "=", "boss@example.org").executeTakeFirstOrThrow()).id;
    const refused = await post("/en/organize/organizers", { csrf, intent: "change", id: String(me), role: "viewer", active: "yes" }, { cookie: admin });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("At least one administrator must keep access.");
    expect(await db().selectFrom("organizers").select("role").where("id", "=", me).executeTakeFirstOrThrow()).toEqual({ role: "admin" });
    const audit = await db().selectFrom("audit_log").select(["action", "details"]).where("subject", "=", "leaving-team@example.org").where("action", "=", "organizer.update").execute();
    expect(audit).toEqual([{ action: "organizer.update", details: { before: { role: "organizer", active: true }, after: { role: "organizer", active: false } } }]);
  });
});

describe("one target at a time", () => {
  const person = { country: "FRA", name: "Jeanne Député", role: "Member of Parliament", organization: "Assemblée nationale", email: "jeanne.depute@example.org", language: "fr", source_url: "https://parliament.example.org/jeanne", active: "yes" };

  it("adds a target, refuses bad fields by the field and a taken address, edits it, and stops letters to it; audited", async () => {
    const csrf = await csrfOf(organizer);
    const bad = await post("/en/organize/targets/new", { ...person, csrf, country: "", email: "nope", source_url: "ftp://x" }, { cookie: organizer });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('id="target-country-error">This field is required.</p>');
    expect(html).toContain('id="target-email-error">Enter an email address');
    expect(html).toContain('id="target-source_url-error">Enter a full http(s) address.</p>');
    expect(html).toContain("Jeanne Député");
    expect(await db().selectFrom("targets").select("id").where("name", "=", "Jeanne Député").execute()).toHaveLength(0);

    const added = await post("/en/organize/targets/new", { ...person, csrf }, { cookie: organizer });
    expect(added.status).toBe(303);
    const id = Number(/\/targets\/(\d+)\?saved$/u.exec(added.headers.get("location")!)![1]);
    expect(await db().selectFrom("targets").select(["country_code", "email", "active"]).where("id", "=", id).executeTakeFirstOrThrow()).toEqual({ country_code: "FRA", email: "jeanne.depute@example.org", active: true });

    const someoneElse = (await db().selectFrom("targets").select("email").where("id", "!=", id).executeTakeFirstOrThrow()).email;
    const taken = await post(`/en/organize/targets/${id}`, { ...person, csrf, email: someoneElse }, { cookie: organizer });
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain("Another target already has this address.");

    const { active: _active, ...unticked } = person;
    expect((await post(`/en/organize/targets/${id}`, { ...unticked, csrf, role: "Rapporteur" }, { cookie: organizer })).status).toBe(303);
    expect(await db().selectFrom("targets").select(["role", "active"]).where("id", "=", id).executeTakeFirstOrThrow()).toEqual({ role: "Rapporteur", active: false });
    const actions = (await db().selectFrom("audit_log").select("action").where("subject", "=", "jeanne.depute@example.org").orderBy("id").execute()).map((a) => a.action);
    expect(actions).toEqual(["target.create", "target.update"]);
    expect((await server.get(`/en/organize/targets/${id}`, { cookie: await signInAs("viewer", "target-reader@example.org") })).status).toBe(403);
    expect((await server.get("/en/organize/targets/999999", { cookie: organizer })).status).toBe(404);
  });

  it("marks an address public, and private again, with a box of the form (off for a new target); audited with before and after", async () => {
    const csrf = await csrfOf(organizer);
    const box = (html: string) => /<input id="target-email_public"[^>]*>/u.exec(html)![0];
    const blank = await (await server.get("/en/organize/targets/new", { cookie: organizer })).text();
    expect(box(blank)).not.toContain("checked");
    expect(box(blank)).toContain('aria-describedby="target-email_public-hint"');
    expect(blank).toContain('<label for="target-email_public">The address is public: visitors may write to it from their own mail app</label>');
    expect(blank).toContain('id="target-email_public-hint">Tick this only for an address the person or office publishes');

    const office = { ...person, name: "Bureau des relations publiques", email: "bureau.public@example.org", email_public: "yes" };
    const added = await post("/en/organize/targets/new", { ...office, csrf }, { cookie: organizer });
    expect(added.status).toBe(303);
    const id = Number(/\/targets\/(\d+)\?saved$/u.exec(added.headers.get("location")!)![1]);
    const publicOf = async () => (await db().selectFrom("targets").select("email_public").where("id", "=", id).executeTakeFirstOrThrow()).email_public;
    expect(await publicOf()).toBe(true);
    expect(box(await (await server.get(`/en/organize/targets/${id}`, { cookie: organizer })).text())).toContain("checked");
    const list = await (await server.get("/en/organize/targets?country=fra", { cookie: organizer })).text();
    expect(list).toContain("<th scope=\"col\">Address public</th>");

    // An unticked box makes it private again; only this change is saved.
    const { email_public: _public, ...unticked } = office;
    expect((await post(`/en/organize/targets/${id}`, { ...unticked, csrf }, { cookie: organizer })).status).toBe(303);
    expect(await publicOf()).toBe(false);
    expect(box(await (await server.get(`/en/organize/targets/${id}`, { cookie: organizer })).text())).not.toContain("checked");

    const audit = await db().selectFrom("audit_log").select(["action", "details"]).where("subject", "=", office.email).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["target.create", "target.update"]);
    expect(audit[0]!.details).toMatchObject({ after: { email_public: true } });
    expect(audit[1]!.details).toMatchObject({ before: { email_public: true, name: office.name }, after: { email_public: false, name: office.name } });
  });
});
