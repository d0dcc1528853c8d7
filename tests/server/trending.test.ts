import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { DEMO_PETITION, tokenFromMail } from "../support/petition";
import { formTokenIn, postSignature } from "../support/sign-form";
import { organizerClient } from "../support/organizer-client";
import { startTestServer, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

/**
 * A petition forwarded around one organization, end to end: the signers over the
 * domain's threshold are mailed like anyone, the page after confirming says the
 * truth (counted, or being reviewed and why) in their language, organizers see
 * the source on the dashboard and decide, and the page then says it counts.
 */
let server: TestServer;
const { post, signInAs, csrfOf } = organizerClient(() => server);
const DASHBOARD = `/en/organize/petitions/${DEMO_PETITION}`;
const DECIDE = `${DASHBOARD}/trending`;
const TRUSTED = "/en/organize/trusted-domains";

beforeAll(async () => {
  server = await startTestServer({
    config: testConfig({ SIGN_MIN_FILL_SECONDS: "0", SIGN_RATE_PER_DOMAIN_PER_HOUR: "2", TRUST_PROXY: "1", PETITION_CACHE_MS: "0", TRENDING_RULE: "hold" }),
  });
  await seedDemoContent(server.database.db);
});
afterAll(async () => server?.close());

async function sign(lng: string, email: string, ip: string) {
  const page = `/${lng}/petitions/${DEMO_PETITION}`;
  const token = formTokenIn(await (await server.get(page)).text());
  expect((await postSignature(server, page, { email }, { token, headers: { "x-forwarded-for": ip } })).status).toBe(302);
}

/** Presses the mail's confirm button; returns where the browser lands. */
async function confirm(email: string) {
  const mail = await server.database.db.selectFrom("outgoing_mails").select("template_data").where("recipient", "=", email).where("template", "=", "signature-confirm").executeTakeFirstOrThrow();
  const token = tokenFromMail(mail, "confirm", ["test-secret"]);
  const lng = (await server.database.db.selectFrom("signatures").select("language").where("email", "=", email).executeTakeFirstOrThrow()).language;
  const pressed = await fetch(`${server.base}/confirm/${token}?lng=${lng}`, { method: "POST", redirect: "manual" });
  expect(pressed.status).toBe(303);
  return pressed.headers.get("location")!;
}

const pageAt = async (path: string) => (await server.get(path)).text();

describe("one organization signs", () => {
  let heldEnPage = "";

  it("tells each person the truth after confirming: counted, or being reviewed because of their domain (English and Arabic)", async () => {
    await sign("en", "first@univ.example", "198.51.100.1");
    await sign("en", "second@univ.example", "198.51.100.2");
    await sign("ar", "third@univ.example", "198.51.100.3");
    await sign("en", "fourth@univ.example", "198.51.100.4");
    const trending = await server.database.db.selectFrom("signatures").select(["email", "trending"]).orderBy("id").execute();
    expect(trending.map((r) => r.trending)).toEqual([null, null, "domain", "domain"]);

    const counted = await pageAt(await confirm("first@univ.example"));
    expect(counted).toContain('<h1 id="confirm-title">Thank you: your signature counts</h1>');

    heldEnPage = await confirm("fourth@univ.example");
    const held = await pageAt(heldEnPage);
    expect(held).toContain('<h1 id="confirm-title">Your signature is being reviewed</h1>');
    expect(held).toMatch(/<p role="status">Thank you for confirming\. Many people signed from your organization’s email domain at once/u);

    const heldAr = await pageAt(await confirm("third@univ.example"));
    expect(heldAr).toContain('dir="rtl"');
    expect(heldAr).toContain('<h1 id="confirm-title">توقيعك قيد المراجعة</h1>');
    expect(heldAr).toContain("من نطاق البريد الإلكتروني لمؤسستك");

    // Only the first counts; the two held ones wait for review.
    const statuses = await server.database.db.selectFrom("signatures").select(["email", "status"]).orderBy("id").execute();
    expect(statuses.map((r) => r.status)).toEqual(["confirmed", "pending", "held", "held"]);
  });

  it("lists held signatures on the moderation page, where releasing one counts it", async () => {
    const cookie = await signInAs("organizer", "moderator@example.org");
    const moderation = `${DASHBOARD}/moderation`;
    const page = await (await server.get(moderation, { cookie })).text();
    expect(page).toContain("Held for review (confirmed by their signers; from a trending domain or network): 2.");
    expect(page).toContain("<td>held for review: many from its email domain</td>");
    expect(page).not.toContain("third@univ.example");
    const id = (await server.database.db.selectFrom("signatures").select("id").where("email", "=", "third@univ.example").executeTakeFirstOrThrow()).id;
    const released = await post(moderation, { csrf: await csrfOf(cookie), signature: id, decision: "release" }, { cookie });
    expect(released.headers.get("location")).toContain("done=releaseHeld");
    expect(await (await server.get(released.headers.get("location")!, { cookie })).text()).toContain("Released: the signature now counts.");
    expect((await server.database.db.selectFrom("signatures").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("confirmed");
  });

  it("shows the source on the dashboard; those who moderate decide count, and the person's page then says it counts", async () => {
    const viewer = await signInAs("viewer", "viewer@example.org");
    const seen = await (await server.get(DASHBOARD, { cookie: viewer })).text();
    expect(seen).toContain("Trending sources");
    expect(seen).toContain("univ.example");
    expect(seen).not.toContain('name="decision" value="count"');
    // A viewer may not decide, even by posting the form by hand.
    expect((await post(DECIDE, { csrf: await csrfOf(viewer), kind: "domain", key: "univ.example", decision: "count" }, { cookie: viewer })).status).toBe(403);

    const cookie = await signInAs("organizer", "moderator@example.org");
    const dashboard = await (await server.get(DASHBOARD, { cookie })).text();
    expect(dashboard).toContain('name="decision" value="count"');
    const csrf = await csrfOf(cookie);
    expect((await post(DECIDE, { csrf: "forged", kind: "domain", key: "univ.example", decision: "count" }, { cookie })).status).toBe(403);
    const stale = await post(DECIDE, { csrf, kind: "domain", key: "not a domain", decision: "count" }, { cookie });
    expect(stale.headers.get("location")).toContain("trending=stale");
    expect(await (await server.get(stale.headers.get("location")!, { cookie })).text()).toContain("This form is out of date");

    const decided = await post(DECIDE, { csrf, kind: "domain", key: "univ.example", decision: "count", note: "our partner university" }, { cookie });
    expect(decided.status).toBe(303);
    expect(decided.headers.get("location")).toBe(`${DASHBOARD}?trending=count&released=1#trending`);
    const after = await (await server.get(decided.headers.get("location")!, { cookie })).text();
    expect(after).toContain("Signatures released and counted now: 1.");
    expect(after).toContain("our partner university");
    expect(await server.database.db.selectFrom("signatures").select("status").where("status", "=", "held").execute()).toHaveLength(0);
    expect(await pageAt(heldEnPage)).toContain('<h1 id="confirm-title">Thank you: your signature counts</h1>');
    expect((await server.database.db.selectFrom("audit_log").select("action").where("action", "like", "trending.%").execute()).map((a) => a.action)).toEqual(["trending.count"]);
  });

  it("lets only admins keep the allow-list, with its history, and says what is wrong with bad input", async () => {
    const organizer = await signInAs("organizer", "moderator@example.org");
    expect((await server.get(TRUSTED, { cookie: organizer })).status).toBe(403);
    const admin = await signInAs("admin", "admin@example.org");
    const csrf = await csrfOf(admin);
    const bad = await post(TRUSTED, { csrf, change: "add", domain: "not a domain", note: "why" }, { cookie: admin });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Enter a domain like example.org.");
    expect(badHtml).toContain('value="not a domain"');
    const added = await post(TRUSTED, { csrf, change: "add", domain: "NEWSROOM.example", note: "a newsroom we work with" }, { cookie: admin });
    expect(added.status).toBe(303);
    const page = await (await server.get(added.headers.get("location")!, { cookie: admin })).text();
    expect(page).toContain("newsroom.example");
    expect(page).toContain("a newsroom we work with");
    expect(page).toContain("admin@example.org");
    expect((await server.database.db.selectFrom("trusted_domains").select("domain").execute()).map((d) => d.domain)).toEqual(["newsroom.example"]);
  });
});
