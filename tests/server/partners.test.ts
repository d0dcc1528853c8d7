import { describe, expect, it } from "vitest";
import { withDemoServer } from "../support/demo-server";
import { organizerClient } from "../support/organizer-client";
import { DEMO_PETITION } from "../support/petition";
import { formTokenIn } from "../support/sign-form";
import type { TestServer } from "../support/test-server";
import { pagePlacement } from "../../server/page-cache";
import { publicPageCacheability, testSurgeMode } from "../support/page-routes";

const LETTERS = "write-to-your-government";
let server: TestServer;
const { post, signInAs, csrfOf } = organizerClient(() => server);
const db = () => server.database.db;

withDemoServer((started) => (server = started));

const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"><script>alert(1)</script><rect width="300" height="100" fill="#1a4d8f"/><image href="https://tracker.example/p.png" width="10" height="10"/></svg>`;
const partnerFields = (fields: Record<string, string> = {}) => ({
  name: "Electronic Frontier Foundation",
  code: "eff",
  websiteUrl: "https://www.eff.example",
  privacyUrl: "https://www.eff.example/privacy",
  contactEmail: "campaigns@eff.example",
  active: "on",
  ...fields,
});

/** The add (or logo) form as a browser sends it: multipart, with a file when given. */
async function sendPartnerForm(path: string, cookie: string, fields: Record<string, string>, logo?: { content: BlobPart; name: string; type: string }) {
  const body = new FormData();
  body.set("csrf", await csrfOf(cookie));
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  if (logo) body.set("logo", new Blob([logo.content], { type: logo.type }), logo.name);
  return fetch(`${server.base}${path}`, { method: "POST", body, headers: { cookie }, redirect: "manual" });
}

const unescaped = (html: string) => html.replace(/&quot;/gu, '"').replace(/&#x27;/gu, "'").replace(/&amp;/gu, "&");

describe("partner organizations in the organizer area", () => {
  it("are for admins only", async () => {
    expect((await server.get("/en/organize/partners")).headers.get("location")).toBe("/en/organize/sign-in");
    const organizer = await signInAs("organizer", "not-admin@example.org");
    expect((await server.get("/en/organize/partners", { cookie: organizer })).status).toBe(403);
    expect((await sendPartnerForm("/en/organize/partners", organizer, partnerFields())).status).toBe(403);
    expect(await server.get("/en/organize", { cookie: organizer }).then((r) => r.text())).not.toContain('href="/en/organize/partners"');
    const admin = await signInAs("admin", "partners-admin@example.org");
    expect(await server.get("/en/organize", { cookie: admin }).then((r) => r.text())).toContain('href="/en/organize/partners"');
  });

  it("refuses bad input by the field, localized, keeps what was typed, and stores nothing", async () => {
    const admin = await signInAs("admin", "partners-admin@example.org");
    const typed = partnerFields({ name: "Fundación Karisma", code: "Karisma!", websiteUrl: "karisma.example", privacyUrl: "", contactEmail: "not-an-address" });
    const refused = await sendPartnerForm("/es/organize/partners", admin, typed);
    expect(refused.status).toBe(400);
    const html = unescaped(await refused.text());
    expect(html).toContain("Use de 1 a 32 letras minúsculas");
    expect(html).toContain("Escriba una dirección web completa");
    expect(html).toContain("Escriba la dirección de la política de privacidad");
    expect(html).toContain("Escriba una dirección de correo como");
    expect(html).toContain('value="Fundación Karisma"');
    expect(html).toContain('value="Karisma!"');
    expect(html).toContain('value="not-an-address"');
    expect(html).toContain('aria-invalid="true"');
    expect(await db().selectFrom("partners").select("id").execute()).toEqual([]);
    expect(await db().selectFrom("audit_log").select("action").where("action", "like", "partner.%").execute()).toEqual([]);
  });

  it("refuses a logo that is not an image or too large, keeping the typed details", async () => {
    const admin = await signInAs("admin", "partners-admin@example.org");
    const notImage = await sendPartnerForm("/en/organize/partners", admin, partnerFields(), { content: "#!/bin/sh\necho hi", name: "logo.svg", type: "image/svg+xml" });
    expect(notImage.status).toBe(400);
    const html = unescaped(await notImage.text());
    expect(html).toContain("The logo must be a PNG or an SVG file.");
    expect(html).toContain('value="Electronic Frontier Foundation"');
    const big = await sendPartnerForm("/en/organize/partners", admin, partnerFields(), { content: `<svg xmlns="http://www.w3.org/2000/svg">${" ".repeat(600 * 1024)}</svg>`, name: "logo.svg", type: "image/svg+xml" });
    expect(big.status).toBe(400);
    expect(await big.text()).toContain("The logo is too large");
    expect(await db().selectFrom("partners").select("id").execute()).toEqual([]);
  });

  it("adds a partner with a logo drawn by us, served from our own address, and audits it; a code is taken once", async () => {
    const admin = await signInAs("admin", "partners-admin@example.org");
    const added = await sendPartnerForm("/en/organize/partners", admin, partnerFields(), { content: LOGO_SVG, name: "eff.svg", type: "image/svg+xml" });
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe("/en/organize/partners?done=added");
    const logo = await server.get("/partners/eff/logo.png");
    expect(logo.status).toBe(200);
    expect(logo.headers.get("content-type")).toBe("image/png");
    expect(logo.headers.get("x-content-type-options")).toBe("nosniff");
    const etag = logo.headers.get("etag")!;
    expect(etag).toMatch(/^"eff-/u);
    const png = Buffer.from(await logo.arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.toString("latin1")).not.toMatch(/script|alert|tracker/u);
    expect((await server.get("/partners/eff/logo.png", { "if-none-match": etag })).status).toBe(304);
    expect((await server.get("/partners/nobody/logo.png")).status).toBe(404);
    const audit = await db().selectFrom("audit_log").select(["action", "subject", "actor_email"]).where("action", "like", "partner.%").execute();
    expect(audit).toEqual([{ action: "partner.add", subject: "eff", actor_email: "partners-admin@example.org" }]);

    const again = await sendPartnerForm("/en/organize/partners", admin, partnerFields({ name: "Another" }));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Another partner already has this code.");
    await sendPartnerForm("/en/organize/partners", admin, partnerFields({ name: "Sleeping Org", code: "sleeping", active: "" }));
    await sendPartnerForm("/en/organize/partners", admin, partnerFields({ name: "Article 19", code: "article-19" }));
  });

  it("edits a partner's details and replaces its logo, refusing one that does not draw", async () => {
    const admin = await signInAs("admin", "partners-admin@example.org");
    const page = await server.get("/en/organize/partners/article-19", { cookie: admin });
    expect(await page.text()).toContain('value="Article 19"');
    const saved = await post("/en/organize/partners/article-19", { csrf: await csrfOf(admin), intent: "details", ...partnerFields({ name: "ARTICLE 19", code: "article-19" }) }, { cookie: admin });
    expect(saved.status).toBe(303);
    expect((await db().selectFrom("partners").select("name").where("code", "=", "article-19").executeTakeFirstOrThrow()).name).toBe("ARTICLE 19");
    const broken = await sendPartnerForm("/en/organize/partners/article-19", admin, { intent: "logo" }, { content: '<svg xmlns="http://www.w3.org/2000/svg" width="5" height="5"></svg>', name: "empty.svg", type: "image/svg+xml" });
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain("This logo does not draw");
    expect((await server.get("/partners/article-19/logo.png")).status).toBe(404);
  });
});

describe("a campaign run with partners", () => {
  it("lists its partners, chosen on the edit page, audited", async () => {
    const organizer = await signInAs("organizer", "campaigner@example.org");
    const ids = Object.fromEntries((await db().selectFrom("partners").select(["id", "code"]).execute()).map((p) => [p.code, String(p.id)]));
    const edit = await server.get(`/en/organize/petitions/${DEMO_PETITION}/edit`, { cookie: organizer });
    expect(await edit.text()).toContain("Partners running this campaign");
    const saved = await post(`/en/organize/petitions/${DEMO_PETITION}/edit`, { csrf: await csrfOf(organizer), intent: "partners", partner: [ids.eff!, ids.sleeping!, ids["article-19"]!], [`showCount-${ids.eff}`]: "on" }, { cookie: organizer });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`/en/organize/petitions/${DEMO_PETITION}/edit?saved#campaign-partners`);
    const letters = await post(`/en/organize/letters/${LETTERS}/edit`, { csrf: await csrfOf(organizer), intent: "partners", partner: ids.eff! }, { cookie: organizer });
    expect(letters.status).toBe(303);
    expect(await db().selectFrom("campaign_partners").select(["partner_id", "show_count", "petition_id"]).orderBy("id").execute()).toHaveLength(4);
    expect(await db().selectFrom("audit_log").select("action").where("action", "=", "campaign.partners").execute()).toHaveLength(2);
  });

  it("shows 'Run with' and the logos from our own address; the plain page has no partner box", async () => {
    const html = unescaped(await (await server.get(`/en/petitions/${DEMO_PETITION}`)).text());
    expect(html).toContain("Run with");
    expect(html).toContain('<img src="/partners/eff/logo.png" alt="Electronic Frontier Foundation"');
    expect(html).toContain('href="https://www.eff.example"');
    expect(html).not.toContain("Sleeping Org");
    expect(html).toContain("Confirmed signatures through this partner: 0");
    expect(html).not.toContain('name="partnerConsent"');
    expect(html).not.toContain('name="partner"');
    // No third-party image on the page.
    expect([...html.matchAll(/<img[^>]+src="([^"]+)"/gu)].map((m) => m[1]).filter((src) => !src!.startsWith("/"))).toEqual([]);
  });

  it("with ?partner= shows the partner and its own unticked consent box, and keeps both through a refused POST", async () => {
    const path = `/en/petitions/${DEMO_PETITION}?partner=eff`;
    const html = unescaped(await (await server.get(path)).text());
    expect(html).toMatch(/<p class="with-partner">with(?:<!-- -->)? <a href="https:\/\/www.eff.example"[^>]*><bdi>Electronic Frontier Foundation<\/bdi><\/a><\/p>/u);
    expect(html).toContain("Electronic Frontier Foundation may contact me about this campaign");
    expect(html).toMatch(/<input id="sign-partner-consent" type="checkbox" name="partnerConsent" aria-describedby="[^"]+"\/>/u);
    expect(html).toContain('<input type="hidden" name="partner" value="eff"/>');
    expect(html).toContain('href="https://www.eff.example/privacy"');
    expect(html).toContain(`action="/en/petitions/${DEMO_PETITION}?partner=eff"`);
    const refused = await fetch(`${server.base}${path}`, {
      method: "POST",
      body: new URLSearchParams({ formToken: formTokenIn(html), name: "", email: "pat@example.org", country: "FRA", partner: "eff", partnerConsent: "on" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(refused.status).toBe(400);
    const again = unescaped(await refused.text());
    expect(again).toMatch(/name="partnerConsent"[^>]*checked=""/u);
    expect(again).toContain('<input type="hidden" name="partner" value="eff"/>');
    expect(again).toContain('value="pat@example.org"');
  });

  it("ignores an unknown or inactive code, or a partner not running the campaign: the plain page", async () => {
    for (const code of ["nobody", "sleeping", "EFF<script>"]) {
      const html = await (await server.get(`/en/petitions/${DEMO_PETITION}?partner=${encodeURIComponent(code)}`)).text();
      expect(html, code).not.toContain('name="partnerConsent"');
    }
    // article-19 runs the petition but not the letter campaign.
    const letter = await (await server.get(`/en/letters/${LETTERS}?country=fra&partner=article-19`)).text();
    expect(letter).not.toContain('name="partnerConsent"');
  });

  it("stores the signature's partner and consent apart from the platform's, without JavaScript", async () => {
    const path = `/en/petitions/${DEMO_PETITION}?partner=eff`;
    const token = formTokenIn(await (await server.get(path)).text());
    const signed = await fetch(`${server.base}${path}`, {
      method: "POST",
      body: new URLSearchParams({ formToken: token, name: "Pat Partner", email: "pat@example.org", country: "FRA", partner: "eff", partnerConsent: "on" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(signed.status).toBe(302);
    const row = await db().selectFrom("signatures as s").innerJoin("partners as p", "p.id", "s.partner_id").select(["p.code", "s.partner_consent", "s.mail_consent"]).where("s.email_key", "=", "pat@example.org").executeTakeFirstOrThrow();
    expect(row).toEqual({ code: "eff", partner_consent: true, mail_consent: false });
  });

  it("never serves the partner variant to people without the parameter", async () => {
    // The page cache keeps only paths without a query: a partner's link is rendered each time, never stored.
    const path = `/en/petitions/${DEMO_PETITION}`;
    const page = publicPageCacheability(path);
    expect(page).toBe("same-for-everyone");
    for (const surge of [testSurgeMode(false, 1000), testSurgeMode(true, 30_000)]) {
      const placement = (url: string) => pagePlacement(page, { method: "GET", url, path }, surge);
      expect(placement(path)).not.toBeNull();
      expect(placement(`${path}?partner=eff`)).toBeNull();
    }
    for (let i = 0; i < 3; i++) {
      expect(await (await server.get(`/en/petitions/${DEMO_PETITION}?partner=eff`)).text()).toContain('name="partnerConsent"');
      expect(await (await server.get(`/en/petitions/${DEMO_PETITION}`)).text()).not.toContain('name="partnerConsent"');
    }
  });

  it("passes the partner through the embeds and the letter page's country step", async () => {
    const embed = unescaped(await (await server.get(`/embed/petitions/${DEMO_PETITION}?lng=fr&partner=eff`)).text());
    expect(embed).toContain("Electronic Frontier Foundation peut me contacter au sujet de cette campagne");
    expect(embed).toContain('<input type="hidden" name="partner" value="eff"/>');
    const letterEmbed = unescaped(await (await server.get(`/embed/letters/${LETTERS}?partner=eff`)).text());
    expect(letterEmbed).toContain(`/en/letters/${LETTERS}?partner=eff`);
    const letter = unescaped(await (await server.get(`/en/letters/${LETTERS}?partner=eff`)).text());
    expect(letter).toContain('<input type="hidden" name="partner" value="eff"/>');
    const letterForm = unescaped(await (await server.get(`/en/letters/${LETTERS}?country=fra&partner=eff`)).text());
    expect(letterForm).toContain("Electronic Frontier Foundation may contact me about this campaign");
    expect(letterForm).toContain(`?country=fra&partner=eff"`);
  });
});
