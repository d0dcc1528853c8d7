import { beforeAll, describe, expect, it } from "vitest";
import type { OrganizerRole } from "../../db/schema";
import { addOrganizer } from "~/modules/organizer/organizer.repo.server";
import { organizerClient } from "../support/organizer-client";
import { withDemoServer } from "../support/demo-server";
import { TEST_PUBLIC_URL, type TestServer } from "../support/test-server";

let server: TestServer;
const { post, latestSignInPath, signInAs, csrfOf } = organizerClient(() => server);

const EXPORT = "/en/organize/petitions/stop-the-cybercrime-convention/signatures.csv";
const MODERATION = "/en/organize/petitions/stop-the-cybercrime-convention/moderation";

withDemoServer((started) => (server = started));

describe("signing in with a link by mail", () => {
  it("mails a single-use link; opening it signs nobody in; the button does, with a safe cookie", async () => {
    await addOrganizer(server.database.db, { email: "Maria@Example.org", role: "organizer", by: "test" });
    const asked = await post("/en/organize/sign-in", { email: "  MARIA@example.org " });
    expect(asked.status).toBe(303);
    expect(asked.headers.get("location")).toBe("/en/organize/sign-in?sent");
    const link = await latestSignInPath("maria@example.org");

    const opened = await server.get(link);
    expect(await opened.text()).toContain('<form method="post"');
    expect(opened.headers.get("set-cookie") ?? "").not.toContain("tw_organizer");
    expect(await server.database.db.selectFrom("organizer_sessions").selectAll().execute()).toHaveLength(0);

    const pressed = await post(link, {});
    expect(pressed.status).toBe(303);
    expect(pressed.headers.get("location")).toBe("/en/organize");
    const setCookie = pressed.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/iu);
    expect(setCookie).toMatch(/SameSite=Lax/iu);
    expect(setCookie).toMatch(/Secure/iu);
    const cookie = setCookie.split(";")[0]!;
    const home = await server.get("/en/organize", { cookie });
    expect(home.status).toBe(200);
    expect(home.headers.get("cache-control")).toBe("private, no-store");
    expect(await home.text()).toContain("maria@example.org");

    // Single use: a second press changes nothing and says so.
    const again = await post(link, {});
    expect(again.headers.get("set-cookie") ?? "").not.toContain("tw_organizer");
    expect(await (await server.get(link)).text()).toContain("This link was already used");
  });

  it("answers the same for an address that is not an organizer, and sends nothing", async () => {
    const asked = await post("/en/organize/sign-in", { email: "stranger@example.org" });
    expect(asked.status).toBe(303);
    expect(asked.headers.get("location")).toBe("/en/organize/sign-in?sent");
    expect(await server.database.db.selectFrom("outgoing_mails").selectAll().where("recipient", "=", "stranger@example.org").execute()).toHaveLength(0);
  });

  it("refuses a malformed address by the field, keeping it, in the page's language", async () => {
    const response = await post("/fr/organize/sign-in", { email: "maria@" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Saisissez une adresse e-mail");
    expect(html).toContain('value="maria@"');
  });

  it("rate-limits sign-in requests per client", async () => {
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await post("/en/organize/sign-in", { email: `guess${i}@example.org` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("refuses a link that expired, and a press from another site", async () => {
    await addOrganizer(server.database.db, { email: "late@example.org", role: "viewer", by: "test" });
    await post("/en/organize/sign-in", { email: "late@example.org" });
    const link = await latestSignInPath("late@example.org");
    expect((await post(link, {}, { origin: "https://evil.example.net" })).status).toBe(403);
    await server.database.db.updateTable("organizer_sign_ins").set({ created_at: new Date(Date.now() - 3_600_000), expires_at: new Date(Date.now() - 1000) }).execute();
    expect((await post(link, {})).headers.get("set-cookie") ?? "").not.toContain("tw_organizer");
    expect(await (await server.get(link)).text()).toContain("This link has expired");
    expect((await server.get("/en/organize/sign-in/forged.token")).status).toBe(200);
    expect(await (await server.get("/en/organize/sign-in/forged.token")).text()).toContain("This link is not valid");
  });

  it("signs out with a POST carrying the CSRF token, and the cookie is then worthless", async () => {
    const cookie = await signInAs("viewer", "leaving@example.org");
    expect((await post("/en/organize/sign-out", {}, { cookie })).status).toBe(403);
    expect((await server.get("/en/organize", { cookie })).status).toBe(200);
    const out = await post("/en/organize/sign-out", { csrf: await csrfOf(cookie) }, { cookie });
    expect(out.status).toBe(303);
    const after = await server.get("/en/organize", { cookie });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toBe("/en/organize/sign-in");
    const actions = (await server.database.db.selectFrom("audit_log").select("action").where("actor_email", "=", "leaving@example.org").orderBy("id").execute()).map((a) => a.action);
    expect(actions).toEqual(["session.sign_in", "session.sign_out"]);
  });
});

describe("authorization matrix: every organizer route × every role", () => {
  type Who = "anonymous" | OrganizerRole;
  const WHO: Who[] = ["anonymous", "viewer", "organizer", "admin"];
  const cookies: Partial<Record<Who, string>> = {};
  beforeAll(async () => {
    for (const role of ["viewer", "organizer", "admin"] as const) cookies[role] = await signInAs(role, `matrix-${role}@example.org`);
  });

  // allow: 200 (or the action's 303); deny: a redirect to sign-in (anonymous) or 403, never the page.
  const MATRIX: { route: string; method: "GET" | "POST"; allowed: Who[] }[] = [
    { route: "/en/organize", method: "GET", allowed: ["viewer", "organizer", "admin"] },
    { route: "/en/organize/audit", method: "GET", allowed: ["admin"] },
    { route: "/en/organize/sign-out", method: "POST", allowed: ["viewer", "organizer", "admin"] },
    { route: EXPORT, method: "GET", allowed: ["organizer", "admin"] },
    { route: MODERATION, method: "GET", allowed: ["organizer", "admin"] },
    { route: `${MODERATION}?country=FRA`, method: "GET", allowed: ["organizer", "admin"] },
    { route: MODERATION, method: "POST", allowed: ["organizer", "admin"] },
    { route: "/en/organize/targets", method: "GET", allowed: ["viewer", "organizer", "admin"] },
    { route: "/en/organize/targets.csv", method: "GET", allowed: ["viewer", "organizer", "admin"] },
    { route: "/en/organize/targets", method: "POST", allowed: ["organizer", "admin"] },
    { route: "/en/organize/people", method: "GET", allowed: ["admin"] },
    { route: "/en/organize/countries/ken", method: "GET", allowed: ["viewer", "organizer", "admin"] },
    { route: "/en/organize/petitions/new", method: "GET", allowed: ["organizer", "admin"] },
    { route: "/en/organize/petitions/new", method: "POST", allowed: ["organizer", "admin"] },
    { route: "/en/organize/petitions/stop-the-cybercrime-convention/edit", method: "GET", allowed: ["organizer", "admin"] },
    { route: "/en/organize/countries/ken", method: "POST", allowed: ["organizer", "admin"] },
    { route: "/en/organize/countries/import", method: "GET", allowed: ["organizer", "admin"] },
    { route: "/en/organize/countries/import", method: "POST", allowed: ["organizer", "admin"] },
    { route: "/en/organize/leads", method: "GET", allowed: ["viewer", "organizer", "admin"] },
    { route: "/en/organize/leads", method: "POST", allowed: ["organizer", "admin"] },
    { route: "/en/organize/alerts", method: "GET", allowed: ["viewer", "organizer", "admin"] },
    { route: "/en/organize/alerts", method: "POST", allowed: ["organizer", "admin"] },
    { route: EXPORT, method: "POST", allowed: ["admin"] },
    { route: "/en/organize/petitions/stop-the-cybercrime-convention", method: "GET", allowed: ["viewer", "organizer", "admin"] },
    { route: "/en/organize/letters/write-to-your-government", method: "GET", allowed: ["viewer", "organizer", "admin"] },
    { route: "/en/organize/letters/new", method: "GET", allowed: ["organizer", "admin"] },
    { route: "/en/organize/letters/new", method: "POST", allowed: ["organizer", "admin"] },
    { route: "/en/organize/letters/write-to-your-government/edit", method: "GET", allowed: ["organizer", "admin"] },
    { route: "/en/organize/letters/write-to-your-government/edit", method: "POST", allowed: ["organizer", "admin"] },
    { route: "/en/organize/petitions/stop-the-cybercrime-convention/edit", method: "POST", allowed: ["organizer", "admin"] },
    { route: "/en/organize/targets/new", method: "GET", allowed: ["organizer", "admin"] },
    { route: "/en/organize/targets/new", method: "POST", allowed: ["organizer", "admin"] },
    { route: "/en/organize/organizers", method: "GET", allowed: ["admin"] },
    { route: "/en/organize/organizers", method: "POST", allowed: ["admin"] },
    { route: "/en/petitions/stop-the-cybercrime-convention?preview", method: "GET", allowed: ["viewer", "organizer", "admin"] },
    { route: "/en/letters/write-to-your-government?preview", method: "GET", allowed: ["viewer", "organizer", "admin"] },
  ];

  for (const { route, method, allowed } of MATRIX) {
    for (const who of WHO) {
      const expected = allowed.includes(who) ? "allow" : "deny";
      it(`${method} ${route} as ${who}: ${expected}`, async () => {
        // Sign-out ends the session: use a fresh one so the other cases keep theirs.
        const cookie = who === "anonymous" ? undefined : method === "POST" ? await signInAs(who, `once-${who}-${Date.now()}@example.org`) : cookies[who];
        const headers: Record<string, string> = cookie ? { cookie } : {};
        const response =
          method === "GET" ? await server.get(route, headers) : await post(route, cookie ? { csrf: await csrfOf(cookie), decision: "bogus" } : {}, headers);
        const body = await response.text();
        if (expected === "allow") {
          // Allowed through the guard: the page, the action's redirect, or the action's own answer to a bogus decision.
          expect([200, 303, 400]).toContain(response.status);
        } else if (who === "anonymous") {
          expect(response.status).toBe(302);
          expect(response.headers.get("location")).toBe("/en/organize/sign-in");
        } else {
          expect(response.status).toBe(403);
          expect(body).not.toContain("matrix-admin@example.org");
          expect(body).not.toContain("session.sign_in");
        }
      });
    }
  }
});

describe("POSTs from other sites", () => {
  it("are refused before any route runs, on every path; same-site and header-less POSTs pass", async () => {
    for (const path of ["/en/organize/sign-in", "/en/petitions/any", "/confirm/abc", "/unsubscribe/abc"]) {
      const response = await post(path, { email: "x@example.org" }, { origin: "https://evil.example.net" });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("sent from another site");
    }
    expect((await post("/en/organize/sign-in", { email: "x@example.org" }, { origin: "null" })).status).toBe(403);
    // Without a trusted proxy (TRUST_PROXY), X-Forwarded-Host is the client's own word (tests/server/cross-site-forwarded-host.test.ts).
    expect((await post("/en/organize/sign-in", { email: "x@example.org" }, { origin: TEST_PUBLIC_URL, "x-forwarded-host": new URL(TEST_PUBLIC_URL).host })).status).toBe(403);
    expect((await post("/en/organize/sign-in", { email: "x@example.org" }, { origin: TEST_PUBLIC_URL })).status).toBe(403);
    expect((await post("/en/organize/sign-in", { email: "x@example.org" }, { origin: server.base })).status).toBe(303);
    expect((await post("/en/organize/sign-in", { email: "x@example.org" })).status).toBe(303);
  });
});

async function sign(name: string, email: string, consent: boolean, status: "confirmed" | "pending" | "suspect" = "confirmed", ipHash: string | null = null) {
    const petition = await server.database.db.selectFrom("petitions").select("id").where("slug", "=", "stop-the-cybercrime-convention").executeTakeFirstOrThrow();
    await server.database.db
      .insertInto("signatures")
      .values({
        petition_id: petition.id,
        status,
        name,
        email,
        email_key: email.toLowerCase(),
        country_code: "FRA",
        comment: "=1+1 is not a formula here",
        mail_consent: consent,
        language: "fr",
        referral_code: `ref${Math.random().toString(36).slice(2, 12)}`,
        confirmed_at: status === "confirmed" ? new Date("2026-11-20T10:00:00Z") : null,
        ip_hash: ipHash,
        suspect_reason: status === "suspect" ? "rate_limited" : null,
      })
      .execute();
}

describe("exporting signatures for delivery", () => {
  it("streams confirmed signatures as CSV, formulas defused, emails only for admins and only with consent, audited", async () => {
    await sign("Amal Haddad", "amal@example.org", true);
    await sign("=HYPERLINK(\"http://evil.example\")", "formula@example.org", false);
    await sign("Pending Person", "pending@example.org", true, "pending");
    const cookie = await signInAs("admin", "exporter@example.org");

    const plain = await server.get(EXPORT, { cookie });
    expect(plain.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(plain.headers.get("content-disposition")).toContain("stop-the-cybercrime-convention-signatures.csv");
    const bytes = new Uint8Array(await plain.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe("Name,Country,Confirmed on,Comment");
    expect(lines).toContain("Amal Haddad,FRA,2026-11-20,'=1+1 is not a formula here");
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).not.toContain("Pending Person");
    expect(text).not.toContain("@example.org");

    const withEmails = await post(EXPORT, { csrf: await csrfOf(cookie) }, { cookie });
    expect(withEmails.headers.get("content-disposition")).toContain("stop-the-cybercrime-convention-signatures.csv");
    const withEmailsText = await withEmails.text();
    expect(withEmailsText).toContain("amal@example.org");
    expect(withEmailsText).not.toContain("formula@example.org");

    const audit = await server.database.db.selectFrom("audit_log").select(["action", "subject", "details"]).where("actor_email", "=", "exporter@example.org").where("action", "=", "export.signatures").orderBy("id").execute();
    expect(audit.map((a) => a.details)).toEqual([{ withEmails: false }, { withEmails: true }]);
  });

  it("gives emails only to a POST with the session's CSRF token: a link (GET) or a forged form starts no download and writes no audit entry", async () => {
    await sign("Linked Signer", "linked@example.org", true);
    const cookie = await signInAs("admin", "linked-admin@example.org");
    const exports = () =>
      server.database.db.selectFrom("audit_log").select("id").where("actor_email", "=", "linked-admin@example.org").where("action", "=", "export.signatures").execute();

    // What a link, an image or a redirect from another site can make the admin's browser do.
    for (const query of ["?emails=1", "?emails=yes", "?emails"]) {
      const linked = await server.get(`${EXPORT}${query}`, { cookie });
      expect(linked.status, query).toBe(303);
      expect(linked.headers.get("location")).toBe("/en/organize");
      expect(linked.headers.get("content-disposition")).toBeNull();
      expect(await linked.text()).not.toContain("linked@example.org");
    }
    // A form without the token, with an empty or a wrong one, or another session's.
    const otherCsrf = await csrfOf(await signInAs("admin", "other-linked-admin@example.org"));
    const forgeries: Record<string, string | string[]>[] = [{}, { csrf: "" }, { csrf: `${await csrfOf(cookie)}x` }, { csrf: otherCsrf }, { csrf: [await csrfOf(cookie), "x"] }];
    for (const fields of forgeries) {
      const forged = await post(EXPORT, fields, { cookie });
      expect(forged.status, JSON.stringify(fields)).toBe(403);
      expect(forged.headers.get("content-disposition")).toBeNull();
      expect(await forged.text()).not.toContain("linked@example.org");
    }
    expect(await exports()).toEqual([]);

    // The organizers' home offers it as that form.
    const home = await (await server.get("/en/organize", { cookie })).text();
    expect(home).toMatch(/<form method="post" action="\/en\/organize\/petitions\/stop-the-cybercrime-convention\/signatures.csv"[^>]*><input type="hidden" name="csrf" value="[^"]+"\/>/u);
    expect(home).not.toContain("signatures.csv?emails");
    const exported = await post(EXPORT, { csrf: await csrfOf(cookie) }, { cookie });
    expect(await exported.text()).toContain("linked@example.org");
    expect(await exports()).toHaveLength(1);
  });

  it("answers 404 for a petition that does not exist", async () => {
    const cookie = await signInAs("organizer", "lost@example.org");
    expect((await server.get("/en/organize/petitions/no-such-petition/signatures.csv", { cookie })).status).toBe(404);
  });
});

describe("moderation", () => {
  const statusOf = async (email: string) =>
    (await server.database.db.selectFrom("signatures").select("status").where("email", "=", email).executeTakeFirstOrThrow()).status;

  it("releases a suspect (its signer gets the confirmation mail) or rejects it, audited", async () => {
    await sign("Held Back", "held@example.org", false, "suspect", "hashAAAA1111");
    await sign("Bot Like", "bot@example.org", false, "suspect", "hashAAAA1111");
    const cookie = await signInAs("organizer", "moderator@example.org");
    const page = await (await server.get(MODERATION, { cookie })).text();
    expect(page).toContain("Held Back");
    expect(page).toContain("<td>too many from one address</td>");
    expect(page).not.toContain("held@example.org");

    const idOf = async (email: string) => (await server.database.db.selectFrom("signatures").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
    const csrf = await csrfOf(cookie);
    const released = await post(MODERATION, { csrf, signature: await idOf("held@example.org"), decision: "release" }, { cookie });
    expect(released.status).toBe(303);
    expect(released.headers.get("location")).toContain("done=release");
    expect(await statusOf("held@example.org")).toBe("pending");
    const mail = await server.database.db.selectFrom("outgoing_mails").select(["template", "recipient"]).where("recipient", "=", "held@example.org").execute();
    expect(mail).toEqual([{ template: "signature-confirm", recipient: "held@example.org" }]);

    await post(MODERATION, { csrf, signature: await idOf("bot@example.org"), decision: "reject" }, { cookie });
    expect(await statusOf("bot@example.org")).toBe("rejected");
    // Releasing a rejected signature does nothing.
    const again = await post(MODERATION, { csrf, signature: await idOf("bot@example.org"), decision: "release" }, { cookie });
    expect(again.headers.get("location")).toContain("done=stale");
    expect(await statusOf("bot@example.org")).toBe("rejected");
    const actions = (await server.database.db.selectFrom("audit_log").select("action").where("actor_email", "=", "moderator@example.org").orderBy("id").execute()).map((a) => a.action);
    expect(actions).toEqual(["session.sign_in", "signature.release", "signature.reject"]);
  });

  it("rejects in bulk only what the preview showed, and takes confirmed ones off the count", async () => {
    for (let i = 0; i < 3; i++) await sign(`Flood ${i}`, `flood${i}@spam-domain.example`, false, "confirmed");
    const cookie = await signInAs("admin", "bulk@example.org");
    const preview = await (await server.get(`${MODERATION}?emailDomain=spam-domain.example`, { cookie })).text();
    expect(preview).toContain("3 signatures match (3 confirmed, 0 pending, 0 suspect)");
    const csrf = await csrfOf(cookie);
    const fields = { csrf, intent: "bulk", emailDomain: "spam-domain.example", ipHash: "", country: "", from: "", to: "" };

    // One more arrived since the preview: nothing is done, the organizer is told.
    await sign("Flood 3", "flood3@spam-domain.example", false, "confirmed");
    const stale = await post(MODERATION, { ...fields, expected: "3" }, { cookie });
    expect(stale.status).toBe(409);
    expect(await statusOf("flood0@spam-domain.example")).toBe("confirmed");

    const done = await post(MODERATION, { ...fields, expected: "4" }, { cookie });
    expect(done.status).toBe(303);
    for (let i = 0; i < 4; i++) expect(await statusOf(`flood${i}@spam-domain.example`)).toBe("rejected");
    const changes = await server.database.db.selectFrom("signature_count_changes").select("delta").where("delta", "=", -1).execute();
    expect(changes).toHaveLength(4);

    const empty = await (await server.get(`${MODERATION}?emailDomain=`, { cookie })).text();
    expect(empty).not.toMatch(/\d signatures? match/u);
    const bad = await (await server.get(`${MODERATION}?emailDomain=not%20a%20domain`, { cookie })).text();
    expect(bad).toContain('id="bulk-emailDomain-error">Enter a domain like example.org.</p>');
  });
});

describe("people's data: export and erasure", () => {
  it("exports everything about an address, then erases it everywhere (counts drop), the audit log recording who and how much but nothing of the address", async () => {
    await sign("Erin Erase", "Erin.Erase@example.org", true, "confirmed");
    await sign("Erin Erase", "erin.erase@example.org".replace("erin", "ERIN"), true, "pending").catch(() => undefined);
    const cookie = await signInAs("admin", "privacy-admin@example.org");
    const csrf = await csrfOf(cookie);

    const exported = await post("/en/organize/people/export", { csrf, email: "erin.erase@example.org" }, { cookie });
    expect(exported.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const person = (await exported.json()) as { signatures: { name: string; status: string }[] };
    expect(person.signatures.map((s) => s.name)).toContain("Erin Erase");

    const unconfirmed = await post("/en/organize/people", { csrf, intent: "erase", email: "erin.erase@example.org" }, { cookie });
    expect(unconfirmed.status).toBe(400);
    expect(await server.database.db.selectFrom("signatures").select("id").where("name", "=", "Erin Erase").execute()).not.toHaveLength(0);

    const erased = await post("/en/organize/people", { csrf, intent: "erase", email: "erin.erase@example.org", confirm: "yes" }, { cookie });
    expect(erased.status).toBe(200);
    expect(await erased.text()).toContain("Erased:");
    expect(await server.database.db.selectFrom("signatures").select("id").where("name", "=", "Erin Erase").execute()).toHaveLength(0);
    const audit = await server.database.db.selectFrom("audit_log").select(["action", "subject"]).where("actor_email", "=", "privacy-admin@example.org").where("action", "like", "person.%").orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["person.export", "person.erase"]);
    for (const entry of audit) expect(entry.subject).toBeNull();

    expect((await post("/en/organize/people", { csrf, intent: "erase", email: "not an email", confirm: "yes" }, { cookie })).status).toBe(400);

    // An organizer's own account is not erased here; the page says so.
    const organizer = await post("/en/organize/people", { csrf, intent: "erase", email: "Privacy-Admin+x@example.org", confirm: "yes" }, { cookie });
    expect(await organizer.text()).toContain("This address is also an organizer&#x27;s: that account stays");
    expect((await server.get("/en/organize/people", { cookie })).status).toBe(200);
  });

  it("is for admins only", async () => {
    const cookie = await signInAs("organizer", "not-privacy@example.org");
    expect((await server.get("/en/organize/people", { cookie })).status).toBe(403);
    expect((await post("/en/organize/people/export", { csrf: await csrfOf(cookie), email: "x@example.org" }, { cookie })).status).toBe(403);
  });
});

describe("targets: list, export, import with a dry run", () => {
  const HEADER = "country,name,role,organization,email,language,active,source_url";
  const upload = async (cookie: string, content: BlobPart, fields: Record<string, string> = {}) => {
    const body = new FormData();
    body.set("csrf", await csrfOf(cookie));
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    body.set("file", new Blob([content], { type: "text/csv" }), "targets.csv");
    return fetch(`${server.base}/en/organize/targets`, { method: "POST", body, headers: { cookie }, redirect: "manual" });
  };
  const count = async () => Number((await server.database.db.selectFrom("targets").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);

  it("checks a file without changing anything, then imports it, audited; a bad row refuses the whole file", async () => {
    const cookie = await signInAs("organizer", "targets@example.org");
    const before = await count();
    const good = `${HEADER}\nKEN,Jane Wanjiru,Cabinet Secretary for ICT,Ministry of ICT,jane.wanjiru@example.org,en,true,https://example.org/source\n`;
    const dry = await upload(cookie, good, { dryRun: "yes" });
    expect(dry.status).toBe(200);
    expect(await dry.text()).toContain("The file is valid. It would add 1, update 0 and leave 0 unchanged.");
    expect(await count()).toBe(before);

    const applied = await upload(cookie, good);
    expect(await applied.text()).toContain("Imported: 1 added, 0 updated, 0 unchanged.");
    expect(await count()).toBe(before + 1);
    expect(await server.database.db.selectFrom("audit_log").select("action").where("actor_email", "=", "targets@example.org").where("action", "=", "targets.import").execute()).toHaveLength(1);

    const bad = await upload(cookie, `${HEADER}\nXXX,Nobody,Role,Org,not-an-email,en,true,https://example.org/s\n`);
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Line 2, country: is not a known country code");
    expect(html).toContain("Line 2, email: is not a valid email address");
    expect(await count()).toBe(before + 1);

    const csv = await (await server.get("/en/organize/targets.csv", { cookie })).text();
    expect(csv).toContain(`${HEADER},email_public`);
    expect(csv).toContain("jane.wanjiru@example.org");
    const list = await (await server.get("/en/organize/targets?country=ken", { cookie })).text();
    expect(list).toContain("Jane Wanjiru");
    expect(list).not.toContain("Demo Minister (France)");
  });

  it("imports and exports whether each address is public (email_public), a bad value refused by its line", async () => {
    const cookie = await signInAs("organizer", "targets3@example.org");
    const file = [
      `${HEADER},email_public`,
      "KEN,Kenya Mission,Permanent Representative,Permanent Mission of Kenya,mission.ken@example.org,en,true,https://example.org/source,yes",
      "KEN,Kenya MP,Member of Parliament,National Assembly,mp.ken@example.org,en,true,https://example.org/source,no",
    ].join("\n");
    expect((await upload(cookie, file)).status).toBe(200);
    const flag = async (email: string) => (await server.database.db.selectFrom("targets").select("email_public").where("email", "=", email).executeTakeFirstOrThrow()).email_public;
    expect([await flag("mission.ken@example.org"), await flag("mp.ken@example.org")]).toEqual([true, false]);

    const bad = await upload(cookie, file.replace(",yes", ",sometimes"));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Line 2, email_public: must be true/false, yes/no or 1/0 (empty: not public)");
    expect(await flag("mission.ken@example.org")).toBe(true);

    // The export reads back as it was: nothing to change.
    const exported = await (await server.get("/en/organize/targets.csv", { cookie })).text();
    expect(exported).toContain("mission.ken@example.org,en,true,https://example.org/source,true");
    expect(exported).toContain("mp.ken@example.org,en,true,https://example.org/source,false");
    const again = await upload(cookie, exported.replace(/^\uFEFF/u, ""), { dryRun: "yes" });
    expect(await again.text()).toMatch(/It would add 0, update 0 and leave \d+ unchanged\./u);
  });

  it("refuses a file that is not UTF-8, a missing file, and an oversized upload, changing nothing", async () => {
    const cookie = await signInAs("organizer", "targets2@example.org");
    const before = await count();
    const latin1 = new Uint8Array([...new TextEncoder().encode(`${HEADER}\nFRA,Ren`), 0xe9, ...new TextEncoder().encode(",Role,Org,rene@example.org,fr,true,https://example.org/s\n")]);
    const wrongEncoding = await upload(cookie, latin1);
    expect(wrongEncoding.status).toBe(400);
    expect(await wrongEncoding.text()).toContain("The file is not UTF-8 text.");
    const none = await upload(cookie, "");
    expect(await none.text()).toContain("Choose a CSV file to import.");
    const huge = await upload(cookie, "x".repeat(3 * 1024 * 1024));
    expect(huge.status).toBe(413);
    expect(await count()).toBe(before);
  });
});

describe("country facts", () => {
  it("records a ratification with its source, keeps the history, and the public page shows it and when it changed", async () => {
    const cookie = await signInAs("organizer", "facts@example.org");
    const csrf = await csrfOf(cookie);
    const missing = await post("/en/organize/countries/ken", { csrf, intent: "action", action: "ratification", date: "2026-11-02", sourceUrl: "" }, { cookie });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('id="action-sourceUrl-error">Every fact needs its source: enter its address.</p>');

    const saved = await post("/en/organize/countries/ken", { csrf, intent: "action", action: "signature", date: "2026-11-02", sourceUrl: "https://treaties.example.org/ken-1", notes: "" }, { cookie });
    expect(saved.status).toBe(303);
    const corrected = await post("/en/organize/countries/ken", { csrf, intent: "action", action: "signature", date: "2026-11-03", sourceUrl: "https://treaties.example.org/ken-2", notes: "" }, { cookie });
    expect(corrected.status).toBe(303);
    const changes = await server.database.db.selectFrom("fact_changes").select(["kind", "before", "after", "actor_email"]).where("country_code", "=", "KEN").orderBy("id").execute();
    expect(changes).toHaveLength(2);
    expect(changes[0]).toMatchObject({ kind: "signature", before: null, actor_email: "facts@example.org", after: { acted_on: "2026-11-02" } });
    expect(changes[1]).toMatchObject({ before: { acted_on: "2026-11-02", source_url: "https://treaties.example.org/ken-1" }, after: { acted_on: "2026-11-03" } });

    const page = await (await server.get("/en/countries/ken")).text();
    expect(page).toContain("https://treaties.example.org/ken-2");
    expect(page).toContain("Our record of Kenya last changed on");
  });

  it("removes a wrong fact of this country only: gone from the public page, kept in the history with its cause", async () => {
    const cookie = await signInAs("organizer", "remover@example.org");
    const csrf = await csrfOf(cookie);
    const db = server.database.db;
    expect((await post("/en/organize/countries/deu", { csrf, intent: "action", action: "signature", date: "2026-11-04", sourceUrl: "https://news.example.org/deu-wrong", notes: "A signature that never happened" }, { cookie })).status).toBe(303);
    const fact = await db.selectFrom("treaty_actions").select("id").where("country_code", "=", "DEU").where("source_url", "=", "https://news.example.org/deu-wrong").executeTakeFirstOrThrow();
    expect(await (await server.get("/en/countries/deu")).text()).toContain("https://news.example.org/deu-wrong");

    const elsewhere = await post("/en/organize/countries/fra", { csrf, intent: "remove", factId: String(fact.id) }, { cookie });
    expect(elsewhere.status).toBe(404);
    const viewer = await signInAs("viewer", "viewer-remove@example.org");
    expect((await post("/en/organize/countries/deu", { csrf: await csrfOf(viewer), intent: "remove", factId: String(fact.id) }, { cookie: viewer })).status).toBe(403);
    expect(await db.selectFrom("treaty_actions").select("id").where("id", "=", fact.id).executeTakeFirst()).toBeDefined();

    const removed = await post("/en/organize/countries/deu", { csrf, intent: "remove", factId: String(fact.id) }, { cookie });
    expect(removed.status).toBe(303);
    expect(removed.headers.get("location")).toBe("/en/organize/countries/deu?removed");
    expect(await db.selectFrom("treaty_actions").select("id").where("id", "=", fact.id).executeTakeFirst()).toBeUndefined();
    expect(await (await server.get("/en/countries/deu")).text()).not.toContain("https://news.example.org/deu-wrong");
    const [last] = await db.selectFrom("fact_changes").select(["kind", "cause", "before", "after"]).where("country_code", "=", "DEU").orderBy("id", "desc").limit(1).execute();
    expect(last).toMatchObject({ kind: "signature", cause: "manual", after: null, before: { source_url: "https://news.example.org/deu-wrong" } });
    const editor = await (await server.get("/en/organize/countries/deu?removed", { cookie })).text();
    expect(editor).toContain("Removed. The public page no longer shows it");
    expect(editor).toMatch(/signature(?:<!-- -->)? · (?:<!-- -->)?by hand/u);
  });

  it("corrects how a country voted, with a source, refusing a vote that is not on record; the history keeps the old vote", async () => {
    const cookie = await signInAs("organizer", "votes@example.org");
    const csrf = await csrfOf(cookie);
    const db = server.database.db;
    const recorded = await db.selectFrom("recorded_votes").select(["id", "reference"]).orderBy("voted_on").executeTakeFirstOrThrow();
    const before = await db.selectFrom("country_votes").select(["vote"]).where("recorded_vote_id", "=", recorded.id).where("country_code", "=", "BRA").executeTakeFirst();

    const bad = await post("/en/organize/countries/bra", { csrf, intent: "vote", recordedVote: "999999", vote: "maybe", sourceUrl: "" }, { cookie });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Choose one of the recorded votes.");
    expect(html).toContain("Choose how the country voted.");
    expect(html).toContain("Every fact needs its source: enter its address.");

    const corrected = before?.vote === "abstain" ? "no" : "abstain";
    const saved = await post("/en/organize/countries/bra", { csrf, intent: "vote", recordedVote: String(recorded.id), vote: corrected, sourceUrl: "https://records.example.org/bra-vote" }, { cookie });
    expect(saved.status).toBe(303);
    expect(await db.selectFrom("country_votes").select(["vote", "source_url"]).where("recorded_vote_id", "=", recorded.id).where("country_code", "=", "BRA").executeTakeFirstOrThrow()).toEqual({
      vote: corrected,
      source_url: "https://records.example.org/bra-vote",
    });
    const change = await db.selectFrom("fact_changes").select(["kind", "before", "after"]).where("country_code", "=", "BRA").where("kind", "=", "vote").executeTakeFirstOrThrow();
    expect(change.after).toMatchObject({ reference: recorded.reference, vote: corrected });
    expect(change.before === null ? null : (change.before as { vote: string }).vote).toBe(before?.vote ?? null);
    const page = await (await server.get("/en/countries/bra")).text();
    expect(page).toContain("https://records.example.org/bra-vote");
    expect(page).toContain("Our record of Brazil last changed on");
  });
});

describe("creating and publishing a petition", () => {
  it("creates a draft in two languages, refuses bad input, publishes it, then closes it; all audited", async () => {
    const cookie = await signInAs("organizer", "editor@example.org");
    const csrf = await csrfOf(cookie);
    const fields = {
      csrf,
      slug: "protect-security-research",
      defaultLanguage: "en",
      goal: "1000",
      "title.en": "Protect security research",
      "addressedTo.en": "The Government",
      "body.en": "Researchers **must not** be criminals.",
      "title.fr": "Protégez la recherche en sécurité",
      "addressedTo.fr": "Le gouvernement",
      "body.fr": "Les chercheurs ne sont pas des criminels.",
    };
    const bad = await post("/en/organize/petitions/new", { ...fields, "body.en": "", slug: "Not A Slug" }, { cookie });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('id="editor-slug-error">Use 1 to 80 lower-case letters, digits and single hyphens.</p>');
    expect(badHtml).toContain("Protégez la recherche en sécurité");
    expect(await server.database.db.selectFrom("petitions").select("id").where("slug", "=", "protect-security-research").execute()).toHaveLength(0);

    const created = await post("/en/organize/petitions/new", fields, { cookie });
    expect(created.status).toBe(303);
    expect((await post("/en/organize/petitions/new", fields, { cookie })).status).toBe(409);
    // A draft is not public.
    expect((await server.get("/en/petitions/protect-security-research")).status).toBe(404);

    const edit = await (await server.get("/en/organize/petitions/protect-security-research/edit", { cookie })).text();
    expect(edit).toContain("Not offered yet in: es, ar, ru, zh");
    expect((await post("/en/organize/petitions/protect-security-research/edit", { csrf, moveTo: "closed" }, { cookie })).status).toBe(409);
    expect((await post("/en/organize/petitions/protect-security-research/edit", { csrf, moveTo: "live" }, { cookie })).status).toBe(303);
    // Pages reuse a petition's row for up to 2 s (PETITION_CACHE_MS): published within that.
    await expect.poll(async () => (await server.get("/fr/petitions/protect-security-research")).status, { timeout: 5000, interval: 250 }).toBe(200);
    expect(await (await server.get("/fr/petitions/protect-security-research")).text()).toContain("Protégez la recherche en sécurité");

    expect((await post("/en/organize/petitions/protect-security-research/edit", { ...fields, goal: "2000" }, { cookie })).status).toBe(303);
    expect((await server.database.db.selectFrom("petitions").select("goal").where("slug", "=", "protect-security-research").executeTakeFirstOrThrow()).goal).toBe(2000);
    expect((await post("/en/organize/petitions/protect-security-research/edit", { csrf, moveTo: "closed" }, { cookie })).status).toBe(303);
    const actions = (await server.database.db.selectFrom("audit_log").select("action").where("actor_email", "=", "editor@example.org").where("action", "like", "petition.%").orderBy("id").execute()).map((a) => a.action);
    expect(actions).toEqual(["petition.create", "petition.publish", "petition.update", "petition.close"]);
  });
});

describe("bodies that are not forms", () => {
  it("get the form's own messages, never a 500", async () => {
    const cookie = await signInAs("organizer", "bodies@example.org");
    const cases: [string, Record<string, string>][] = [
      ["/en/organize/sign-in", {}],
      ["/en/petitions/stop-the-cybercrime-convention", {}],
      ["/en/letters/write-to-your-government", {}],
      ["/en/organize/targets", { cookie }],
    ];
    for (const [path, headers] of cases) {
      const bodies: [string, string][] = [
        ["text/plain", "hello"],
        ["application/json", '{"email":"x@example.org"}'],
        ["multipart/form-data; boundary=broken", "--nope"],
      ];
      for (const [type, body] of bodies) {
        const response = await fetch(`${server.base}${path}`, { method: "POST", body, redirect: "manual", headers: { ...headers, "content-type": type } });
        expect(response.status, `${path} with ${type}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${path} with ${type}`).toBeLessThan(500);
      }
    }
  });
});
