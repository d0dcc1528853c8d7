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
});

const escaped = (text: string) => text.replace(/&/gu, "&amp;").replace(/"/gu, "&quot;").replace(/'/gu, "&#x27;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;");

async function openLead(where: "country" | "none") {
  let query = server.database.db.selectFrom("treaty_leads").selectAll().where("status", "=", "open").orderBy("id");
  query = where === "country" ? query.where("country_code", "is not", null).where("kind", "not in", ["process_event", "reported_total"]) : query.where("kind", "=", "reported_total");
  return query.executeTakeFirstOrThrow();
}

describe("the facts editor for every kind of fact", () => {
  it("records a declaration with its text, a domestic step without a day, and a deposit; shows them grouped with their confidence and the derived status", async () => {
    const cookie = await signInAs("organizer", "kinds@example.org");
    const csrf = await csrfOf(cookie);
    const declaration = await post(
      "/en/organize/countries/ken",
      { csrf, intent: "action", action: "declaration_or_reservation", date: "2026-11-02", sourceUrl: UNTC, confidence: "", notes: "", declarationText: "Kenya will apply article 22 only to its own nationals." },
      { cookie },
    );
    expect(declaration.status).toBe(303);
    const step = await post(
      "/en/organize/countries/ken",
      { csrf, intent: "action", action: "domestic_step", date: "", sourceUrl: "https://news.example.org/ken-cabinet", confidence: "reported", notes: "Cabinet approval reported for November 2026, no day given" },
      { cookie },
    );
    expect(step.status).toBe(303);
    const deposit = await post("/en/organize/countries/ken", { csrf, intent: "action", action: "accession", date: "2026-11-20", sourceUrl: UNTC, notes: "" }, { cookie });
    expect(deposit.status).toBe(303);

    const facts = await server.database.db.selectFrom("treaty_actions").select(["action", "acted_on", "confidence", "declaration_text"]).where("country_code", "=", "KEN").orderBy("id").execute();
    expect(facts).toEqual(
      expect.arrayContaining([
        { action: "declaration_or_reservation", acted_on: "2026-11-02", confidence: "depositary", declaration_text: "Kenya will apply article 22 only to its own nationals." },
        { action: "domestic_step", acted_on: null, confidence: "reported", declaration_text: null },
        { action: "accession", acted_on: "2026-11-20", confidence: "depositary", declaration_text: null },
      ]),
    );
    const page = await (await server.get("/en/organize/countries/ken", { cookie })).text();
    expect(page).toContain('<h3 id="kind-declaration_or_reservation">Declaration or reservation</h3>');
    expect(page).toContain('<h3 id="kind-accession">Accession</h3>');
    expect(page).toContain("reported, unverified");
    expect(page).toContain("Confirmed (depositary or official): party (consent to be bound deposited)");
    expect(page).toContain(escaped("Kenya will apply article 22 only to its own nationals."));
    const moves = await server.database.db.selectFrom("country_status_changes").select(["to_status", "cause"]).where("country_code", "=", "KEN").execute();
    expect(moves).toContainEqual({ to_status: "party", cause: "manual" });
  });

  it("refuses bad input by the field, in the page's language, keeping what was typed and storing nothing", async () => {
    const cookie = await signInAs("organizer", "kinds-bad@example.org");
    const csrf = await csrfOf(cookie);
    const count = async () => (await server.database.db.selectFrom("treaty_actions").select("id").where("country_code", "=", "GHA").execute()).length;
    const before = await count();
    const bad = await post(
      "/en/organize/countries/gha",
      { csrf, intent: "action", action: "ratification", date: "", sourceUrl: "https://news.example.org/gha", confidence: "depositary", notes: "", declarationText: "Not a declaration" },
      { cookie },
    );
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('id="action-notes-error">Without a date, say in the notes what the source gives');
    expect(html).toContain('id="action-confidence-error">Only a UN Treaty Collection source can be “depositary”');
    expect(html).toContain('id="action-declarationText-error">Only a declaration or reservation has a text or link of its own');
    expect(html).toContain("Not a declaration</textarea>");
    expect(html).toContain('value="https://news.example.org/gha"');

    const french = await post("/fr/organize/countries/gha", { csrf, intent: "action", action: "declaration_or_reservation", date: "2026-11-02", sourceUrl: UNTC, notes: "" }, { cookie });
    expect(french.status).toBe(400);
    expect(await french.text()).toContain("Une déclaration ou une réserve a besoin de son texte ou d’un lien vers celui-ci.");
    expect(await count()).toBe(before);
  });
});

describe("leads to verify", () => {
  it("shows a country's open leads beside its facts to organizers, never on the public page", async () => {
    const lead = await openLead("country");
    const cookie = await signInAs("viewer", "lead-reader@example.org");
    const organizerPage = await (await server.get(`/en/organize/countries/${lead.country_code!.toLowerCase()}`, { cookie })).text();
    expect(organizerPage).toContain("Leads to verify — not public");
    expect(organizerPage).toContain(escaped(lead.detail));
    expect(organizerPage).toContain(`/en/organize/leads#lead-${lead.id}`);
    const publicPage = await (await server.get(`/en/countries/${lead.country_code!.toLowerCase()}`)).text();
    expect(publicPage).not.toContain(escaped(lead.detail));
  });

  it("lists open leads to a viewer without the forms to resolve them", async () => {
    const lead = await openLead("country");
    const cookie = await signInAs("viewer", "lead-viewer@example.org");
    const response = await server.get("/en/organize/leads", { cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const html = await response.text();
    expect(html).toContain(`id="lead-${lead.id}"`);
    expect(html).toContain(`<dd lang="en">${escaped(lead.detail)}</dd>`);
    expect(html).not.toContain('name="leadId"');
    const open = await server.database.db.selectFrom("treaty_leads").select("id").where("status", "=", "open").execute();
    expect(html).toContain(`Open leads (${open.length})`);
    const refused = await post("/en/organize/leads", { csrf: await csrfOf(cookie), intent: "dismiss", leadId: String(lead.id), notes: "no" }, { cookie });
    expect(refused.status).toBe(403);
  });

  it("confirms a lead with a better source (refusing the lead's own, keeping what was typed), then refuses to resolve it again", async () => {
    const lead = await openLead("country");
    const cookie = await signInAs("organizer", "lead-confirmer@example.org");
    const csrf = await csrfOf(cookie);
    const fields = { csrf, intent: "confirm", leadId: String(lead.id), action: lead.kind, date: "2026-02-10", confidence: "", notes: "Checked on the government's site" };

    const same = await post("/en/organize/leads", { ...fields, sourceUrl: lead.source_url }, { cookie });
    expect(same.status).toBe(400);
    const sameHtml = await same.text();
    expect(sameHtml).toContain(`id="lead-${lead.id}-confirm-sourceUrl-error">The better source must be another source than the lead&#x27;s own.`);
    expect(sameHtml).toContain("Checked on the government&#x27;s site</textarea>");

    const better = "https://www.example.gov/cybercrime-convention";
    const confirmed = await post("/en/organize/leads", { ...fields, sourceUrl: better }, { cookie });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get("location")).toBe("/en/organize/leads?done=confirmed");
    const fact = await server.database.db.selectFrom("treaty_actions").selectAll().where("country_code", "=", lead.country_code!).where("source_url", "=", better).executeTakeFirstOrThrow();
    expect(fact).toMatchObject({ action: lead.kind, confidence: "official", acted_on: "2026-02-10" });
    const after = await (await server.get("/en/organize/leads?done=confirmed", { cookie })).text();
    expect(after).toContain("Lead confirmed: the fact is recorded with its better source.");
    expect(after).not.toContain(`id="lead-${lead.id}"`);
    expect(after).toContain("lead-confirmer@example.org");
    expect(after).toContain(`<a href="${better}">`);

    const again = await post("/en/organize/leads", { ...fields, sourceUrl: "https://news.example.org/again" }, { cookie });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("This lead was already resolved; nothing changed.");
  });

  it("confirms a total that names no one with a source and a note, and dismisses a lead only with a note", async () => {
    const total = await openLead("none");
    const cookie = await signInAs("organizer", "lead-dismisser@example.org");
    const csrf = await csrfOf(cookie);
    const noted = await post("/en/organize/leads", { csrf, intent: "confirm", leadId: String(total.id), sourceUrl: "https://news.example.org/total", notes: "The count matches" }, { cookie });
    expect(noted.status).toBe(303);
    expect(await server.database.db.selectFrom("treaty_leads").select(["status", "confirmed_source_url"]).where("id", "=", total.id).executeTakeFirstOrThrow()).toEqual({
      status: "confirmed",
      confirmed_source_url: "https://news.example.org/total",
    });

    const lead = await openLead("country");
    const empty = await post("/en/organize/leads", { csrf, intent: "dismiss", leadId: String(lead.id), notes: " " }, { cookie });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain(`id="lead-${lead.id}-dismiss-notes-error">Write a note of at most 500 characters.`);
    const dismissed = await post("/ar/organize/leads", { csrf, intent: "dismiss", leadId: String(lead.id), notes: "Not in any record" }, { cookie });
    expect(dismissed.status).toBe(303);
    const page = await (await server.get("/ar/organize/leads?done=dismissed", { cookie })).text();
    expect(page).toContain("تم استبعاد الخيط.");
    expect(page).toContain("Not in any record");
    expect((await post("/en/organize/leads", { csrf, intent: "dismiss", leadId: "999999", notes: "x" }, { cookie })).status).toBe(404);
  });
});
