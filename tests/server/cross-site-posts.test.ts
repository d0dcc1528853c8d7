import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { letterStatusUrlFor } from "~/lib/links/letter-links.server";
import { unsubscribeUrlFor } from "~/modules/mail/unsubscribe.service.server";
import { addOrganizer } from "~/modules/organizer/organizer.repo.server";
import { csrfOf, DEMO_LETTERS, latestSignInPath, postForm, SECRETS, signInAs, tableCounts } from "../support/attack";
import { demoLetterForm } from "../support/letter-form";
import { DEMO_PETITION, mailsTo, tokenFromMail } from "../support/petition";
import { formTokenIn, postSignature } from "../support/sign-form";
import { startTestServer, TEST_PUBLIC_URL, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

/**
 * Every route that accepts a POST, found by reading the code: Remix route
 * modules that export an action, and POST handlers registered on the Express
 * app. A new one fails the first test until it is listed below with a POST
 * that would change something if it were let through.
 */
const ROUTES_DIR = "app/routes";
const routesWithAction = readdirSync(ROUTES_DIR)
  .filter((file) => /export (async function|const) action\b/u.test(readFileSync(join(ROUTES_DIR, file), "utf8")))
  .map((file) => file.replace(/\.tsx?$/u, ""))
  .sort();
const expressPostRoutes = readdirSync("server")
  .filter((file) => file.endsWith(".ts"))
  .flatMap((file) => [...readFileSync(join("server", file), "utf8").matchAll(/\bapp\.(post|put|patch|delete|all)\(\s*([^,]+),/gu)].map((m) => `${file}: ${m[1]} ${m[2]}`));

let server: TestServer;
let cookie: string;
let csrf: string;
/** route module → a same-site POST that the route would act on (path and fields). */
let requests: Record<string, { path: string; fields: Record<string, string | string[]>; organizer?: boolean }>;
/** Express POST handler (as `expressPostRoutes` names it) → the same. */
let expressRequests: typeof requests;

beforeAll(async () => {
  server = await startTestServer({ config: testConfig({ SIGN_MIN_FILL_SECONDS: "0", LETTER_MIN_FILL_SECONDS: "0" }) });
  await seedDemoContent(server.database.db);
  const db = server.database.db;

  // Real tokens, so each POST below would do its work if the origin check let it through.
  expect((await postSignature(server, `/en/petitions/${DEMO_PETITION}`, { email: "pending@example.org" })).status).toBe(302);
  const [mail] = await mailsTo(db, "pending@example.org");
  const letterFields = (await demoLetterForm(server)).letterFields({ email: "writer@example.org" });
  const written = await postForm(server, `/en/letters/${DEMO_LETTERS}?country=fra`, letterFields);
  expect(written.status, /<div class="error-summary".{0,400}/su.exec(await written.clone().text())?.[0]).toBe(302);
  const letter = await db.selectFrom("letters").select("id").executeTakeFirstOrThrow();
  await db.updateTable("letters").set({ status: "confirmed", confirmed_at: new Date() }).execute();
  const target = await db.selectFrom("letter_recipients").select("target_id").where("letter_id", "=", letter.id).executeTakeFirstOrThrow();
  await addOrganizer(db, { email: "link@example.org", role: "viewer", by: "test" });
  expect((await postForm(server, "/en/organize/sign-in", { email: "link@example.org" })).status).toBe(303);

  cookie = await signInAs(server, "admin", "admin@example.org");
  csrf = await csrfOf(server, cookie);
  const suspect = await db.selectFrom("signatures").select("id").executeTakeFirstOrThrow();
  const lead = await db.selectFrom("treaty_leads").select("id").where("status", "=", "open").orderBy("id").executeTakeFirstOrThrow();
  // A depositary table that would add a ratification, and the token of its preview.
  const depositaryImport = {
    input: "Participant\tSignature\tRatification, Acceptance(A), Approval(AA), Accession(a)\nKenya\t25 Oct 2025\t1 Nov 2026\n",
    format: "auto",
    sourceUrl: "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-16&chapter=18",
    asOf: "2026-11-30",
  };
  const previewTokenOf = async (fields: Record<string, string>) => {
    const preview = await postForm(server, "/en/organize/countries/import", { ...fields, csrf, intent: "preview" }, { cookie });
    const token = /name="token" value="([^"]+)"/u.exec(await preview.text())?.[1];
    expect(token, "the preview's token").toBeDefined();
    return token!;
  };
  const pathOf = (url: string) => new URL(url).pathname;
  // A draft update of each kind of campaign, that a forged POST would send.
  const draftUpdate = async (column: "petition_id" | "letter_campaign_id", table: "petitions" | "letter_campaigns", slug: string, audience: "signers" | "writers") => {
    const campaign = await db.selectFrom(table).select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
    const { id } = await db
      .insertInto("campaign_updates")
      .values({ [column]: campaign.id, audience, default_language: "en", created_by_email: "admin@example.org" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("campaign_update_texts").values({ update_id: id, language: "en", subject: "News", body_markdown: "News." }).execute();
    return id;
  };
  const petitionUpdate = await draftUpdate("petition_id", "petitions", DEMO_PETITION, "signers");
  const letterUpdate = await draftUpdate("letter_campaign_id", "letter_campaigns", DEMO_LETTERS, "writers");

  expressRequests = {
    // The export with emails: a real one would write an audit entry and stream the signers' addresses.
    "app.ts: post SIGNATURE_EXPORT_PATH": { path: `/en/organize/petitions/${DEMO_PETITION}/signatures.csv`, fields: { csrf }, organizer: true },
    // A partner account's export (tests/server/partner-accounts.test.ts): refused from another site before anyone is asked who they are.
    "app.ts: post PARTNER_EXPORT_PATH": { path: `/en/organize/petitions/${DEMO_PETITION}/partner-consents.csv`, fields: { csrf }, organizer: true },
    // The sign form answered outside Remix (server/sign-endpoint.ts): a real signature if let through.
    'app.ts: post "/:lng/petitions/:slug"': {
      path: `/fr/petitions/${DEMO_PETITION}`,
      fields: { formToken: formTokenIn(await (await server.get(`/fr/petitions/${DEMO_PETITION}`)).text()), name: "Di", email: "di@example.org", country: "FRA", website: "" },
    },
  };
  requests = {
    "$lng.petitions.$slug": { path: `/en/petitions/${DEMO_PETITION}`, fields: { formToken: formTokenIn(await (await server.get(`/en/petitions/${DEMO_PETITION}`)).text()), name: "Bo", email: "bo@example.org", country: "FRA", website: "" } },
    "embed.petitions.$slug": { path: `/embed/petitions/${DEMO_PETITION}?lng=en`, fields: { formToken: formTokenIn(await (await server.get(`/embed/petitions/${DEMO_PETITION}?lng=en`)).text()), name: "Cy", email: "cy@example.org", country: "FRA", website: "" } },
    "$lng.letters.$slug": { path: `/en/letters/${DEMO_LETTERS}?country=fra`, fields: { ...letterFields, email: "second@example.org" } },
    "confirm.$token": { path: `/confirm/${tokenFromMail(mail!, "confirm", SECRETS)}`, fields: {} },
    "withdraw.$token": { path: `/withdraw/${tokenFromMail(mail!, "withdraw", SECRETS)}`, fields: {} },
    "unsubscribe.$token": { path: pathOf(unsubscribeUrlFor("pending@example.org", TEST_PUBLIC_URL, SECRETS)), fields: {} },
    "letters.status.$token": { path: pathOf(letterStatusUrlFor(letter.id, TEST_PUBLIC_URL, "en", SECRETS)), fields: { target: String(target.target_id), answer: "yes" } },
    "$lng.organize.sign-in": { path: "/en/organize/sign-in", fields: { email: "link@example.org" } },
    "$lng.organize.sign-in_.$token": { path: await latestSignInPath(server, "link@example.org"), fields: {} },
    "api.v1.mail.bounces": { path: "/api/v1/mail/bounces", fields: { email: "pending@example.org" } },
    // The OSDI API answers to a key, not a session; a browser POST from another site never reaches it.
    "api.osdi.v1.webhooks": { path: "/api/osdi/v1/webhooks", fields: { url: "https://93.184.215.14/forged", events: "signature.confirmed" } },
    "api.osdi.v1.webhooks.$id": { path: "/api/osdi/v1/webhooks/00000000-0000-4000-8000-000000000000", fields: { intent: "delete" } },
    "dev.outbox._index": { path: "/dev/outbox", fields: { to: "someone@example.org" } },
    "$lng.organize.sign-out": { path: "/en/organize/sign-out", fields: { csrf }, organizer: true },
    "$lng.organize.people": { path: "/en/organize/people", fields: { csrf, intent: "erase", email: "pending@example.org", confirm: "yes" }, organizer: true },
    "$lng.organize.people.export": { path: "/en/organize/people/export", fields: { csrf, email: "pending@example.org" }, organizer: true },
    "$lng.organize.targets": { path: "/en/organize/targets", fields: { csrf, intent: "import" }, organizer: true },
    "$lng.organize.petitions.new": { path: "/en/organize/petitions/new", fields: { csrf, slug: "forged-petition", defaultLanguage: "en", goal: "100", "title.en": "Forged", "addressedTo.en": "Everyone", "body.en": "Forged text." }, organizer: true },
    "$lng.organize.petitions.$slug.edit": { path: `/en/organize/petitions/${DEMO_PETITION}/edit`, fields: { csrf, moveTo: "closed" }, organizer: true },
    "$lng.organize.petitions.$slug.moderation": { path: `/en/organize/petitions/${DEMO_PETITION}/moderation`, fields: { csrf, decision: "reject", signature: suspect.id }, organizer: true },
    "$lng.organize.petitions.$slug.trending": { path: `/en/organize/petitions/${DEMO_PETITION}/trending`, fields: { csrf, kind: "domain", key: "forged.example", decision: "count" }, organizer: true },
    "$lng.organize.trusted-domains": { path: "/en/organize/trusted-domains", fields: { csrf, change: "add", domain: "forged.example", note: "Forged." }, organizer: true },
    "$lng.organize.letters.new": {
      path: "/en/organize/letters/new",
      fields: { csrf, slug: "forged-letters", defaultLanguage: "en", deliveryMode: "individual", dailyCapPerTarget: "10", minPersonalChars: "0", "title.en": "Forged", "intro.en": "Forged.", "subjects.en": "Forged", "bodyTemplate.en": "Forged." },
      organizer: true,
    },
    "$lng.organize.letters.$slug.edit": { path: `/en/organize/letters/${DEMO_LETTERS}/edit`, fields: { csrf, moveTo: "closed" }, organizer: true },
    "$lng.organize.petitions.$slug.asks": { path: `/en/organize/petitions/${DEMO_PETITION}/asks`, fields: { csrf, language: "en", "heading.signed": "Forged", "body.signed": "Forged ask." }, organizer: true },
    "$lng.organize.letters.$slug.asks": { path: `/en/organize/letters/${DEMO_LETTERS}/asks`, fields: { csrf, language: "en", "heading.party": "Forged", "body.party": "Forged ask." }, organizer: true },
    "$lng.organize.organizers": { path: "/en/organize/organizers", fields: { csrf, intent: "add", email: "forged-admin@example.org", role: "admin" }, organizer: true },
    "$lng.organize.api-keys": { path: "/en/organize/api-keys", fields: { csrf, intent: "create", label: "Forged", scopes: "read:people" }, organizer: true },
    // The OSDI record-signature helper is for servers (a key, no cookie); a browser's cross-site POST is refused all the same.
    "api.osdi.v1.petitions.$id.signatures._index": {
      path: `/api/osdi/v1/petitions/${(await db.selectFrom("petitions").select("uuid").where("slug", "=", DEMO_PETITION).executeTakeFirstOrThrow()).uuid}/signatures`,
      fields: {},
    },
    "$lng.organize.webhooks": { path: "/en/organize/webhooks", fields: { csrf, intent: "add", url: "https://93.184.215.14/forged", events: "signature.confirmed", ownerEmail: "forged@example.org", partner: "" }, organizer: true },
    "$lng.organize.webhooks_.$id": { path: "/en/organize/webhooks/00000000-0000-4000-8000-000000000000", fields: { csrf, intent: "send_again", delivery: "00000000-0000-4000-8000-000000000001" }, organizer: true },
    "$lng.organize.partners": { path: "/en/organize/partners", fields: { csrf, name: "Forged", code: "forged-partner", websiteUrl: "https://forged.example", privacyUrl: "https://forged.example/privacy", contactEmail: "team@forged.example", active: "on" }, organizer: true },
    "$lng.organize.partners_.$code": { path: "/en/organize/partners/forged-partner", fields: { csrf, intent: "details", name: "Forged", code: "forged-partner", websiteUrl: "https://forged.example", privacyUrl: "https://forged.example/privacy", contactEmail: "team@forged.example", active: "on" }, organizer: true },
    "$lng.organize.targets_.new": {
      path: "/en/organize/targets/new",
      fields: { csrf, country: "FRA", name: "Forged", role: "Forged", organization: "Forged", email: "forged-target@example.org", language: "fr", source_url: "https://example.org/forged", active: "yes" },
      organizer: true,
    },
    "$lng.organize.targets_.$id": {
      path: `/en/organize/targets/${target.target_id}`,
      fields: { csrf, country: "FRA", name: "Forged", role: "Forged", organization: "Forged", email: "forged-target-2@example.org", language: "fr", source_url: "https://example.org/forged", active: "yes" },
      organizer: true,
    },
    "$lng.organize.countries.$code": { path: "/en/organize/countries/ken", fields: { csrf, intent: "action", action: "ratification", date: "2026-11-01", sourceUrl: "https://example.org/ken", notes: "" }, organizer: true },
    "$lng.organize.countries.import": { path: "/en/organize/countries/import", fields: { ...depositaryImport, csrf, intent: "apply", token: await previewTokenOf(depositaryImport) }, organizer: true },
    "$lng.organize.leads": { path: "/en/organize/leads", fields: { csrf, intent: "dismiss", leadId: String(lead.id), notes: "Forged dismissal." }, organizer: true },
    "$lng.organize.alerts": { path: "/en/organize/alerts", fields: { csrf, intent: "settings", sendWithoutReview: "signed" }, organizer: true },
    "$lng.organize.petitions.$slug.updates": {
      path: `/en/organize/petitions/${DEMO_PETITION}/updates`,
      fields: { csrf, audience: "signers", defaultLanguage: "en", subject_en: "Forged", body_en: "Forged news." },
      organizer: true,
    },
    "$lng.organize.petitions.$slug.updates_.$id": { path: `/en/organize/petitions/${DEMO_PETITION}/updates/${petitionUpdate}`, fields: { csrf, intent: "send" }, organizer: true },
    "$lng.organize.letters.$slug.updates": {
      path: `/en/organize/letters/${DEMO_LETTERS}/updates`,
      fields: { csrf, audience: "writers", defaultLanguage: "en", subject_en: "Forged", body_en: "Forged news." },
      organizer: true,
    },
    "$lng.organize.letters.$slug.updates_.$id": { path: `/en/organize/letters/${DEMO_LETTERS}/updates/${letterUpdate}`, fields: { csrf, intent: "send" }, organizer: true },
    "$lng.countries.$code_.follow": {
      path: "/en/countries/fra/follow",
      fields: { formToken: formTokenIn(await (await server.get("/en/countries/fra/follow")).text()), email: "follower@example.org", language: "en", website: "" },
    },
  };
});
afterAll(async () => {
  await server?.close();
});

describe("every POST route", () => {
  it("is known: each route module with an action has a case here, and so has each POST Express takes itself", () => {
    expect(routesWithAction).toEqual(Object.keys(requests).sort());
    // server/app.ts hands every method to Remix with one app.all("*"); anything else needs its own case.
    expect([...expressPostRoutes].sort()).toEqual(['app.ts: all "*"', ...Object.keys(expressRequests)].sort());
  });

  it.each([
    ["another site", { origin: "https://evil.example" }],
    ["another port of this host", { origin: "http://127.0.0.1:1" }],
    ["an opaque origin (sandboxed frame, data: URL)", { origin: "null" }],
    ["a look-alike host", { origin: "http://127.0.0.1.evil.example" }],
  ])("refuses a POST from %s with 403, changing nothing", async (_what, headers) => {
    const before = await tableCounts(server);
    for (const [route, { path, fields, organizer }] of [...Object.entries(requests), ...Object.entries(expressRequests)]) {
      const response = await postForm(server, path, fields, { ...headers, ...(organizer ? { cookie } : {}) });
      expect(response.status, route).toBe(403);
      expect(await response.text(), route).toContain("sent from another site");
      expect(response.headers.get("set-cookie") ?? "", route).not.toContain("tw_organizer");
    }
    expect(await tableCounts(server)).toEqual(before);
    // The session the cross-site sign-out aimed at still works.
    expect((await server.get("/en/organize", { cookie })).status).toBe(200);
  });

  it("refuses every organizer POST from this site without the session's CSRF token, or with another session's, changing nothing", async () => {
    const otherCookie = await signInAs(server, "admin", "other-admin@example.org");
    const otherCsrf = await csrfOf(server, otherCookie);
    const before = await tableCounts(server);
    const organizerRoutes = Object.entries(requests).filter(([, r]) => r.organizer);
    expect(organizerRoutes.map(([route]) => route).sort()).toEqual(routesWithAction.filter((r) => r.includes(".organize.") && !r.includes("sign-in")));
    for (const [route, { path, fields }] of [...organizerRoutes, ...Object.entries(expressRequests).filter(([, r]) => r.organizer)]) {
      for (const token of [undefined, "", otherCsrf, `${csrf}x`]) {
        const { csrf: _ours, ...rest } = fields;
        const response = await postForm(server, path, token === undefined ? rest : { ...rest, csrf: token }, { cookie, origin: server.base });
        expect(response.status, `${route} with ${token === undefined ? "no" : "a wrong"} token`).toBe(403);
      }
    }
    expect(await tableCounts(server)).toEqual(before);
    expect((await server.get("/en/organize", { cookie })).status).toBe(200);
  });

  it("lets the same POST through from this site with the token (the cases above are real changes)", async () => {
    const before = await tableCounts(server);
    const { path, fields } = requests["$lng.organize.countries.$code"]!;
    const response = await postForm(server, path, fields, { cookie, origin: server.base });
    expect(response.status).toBe(303);
    expect((await tableCounts(server)).audit_log).toBe(before.audit_log! + 1);
  });
});
