import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { floodDomainOf } from "~/modules/mail/email-key";
import { awayFromMinuteEdge, DEMO_PETITION, demoPetition, tokenFromMail } from "../support/petition";
import { formTokenIn, postSignature } from "../support/sign-form";
import { startTestServer, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

/**
 * Flooding a petition: many signatures from one machine, or from many
 * machines with addresses of one domain (a catch-all mailbox could confirm
 * them all, or a university forwarded the petition). Past the per-minute limit
 * of one machine the form says so and stores nothing; past a domain's hourly
 * threshold people are still mailed, and their signatures are marked trending
 * for the organizers' rule. Nobody is dropped without being told.
 */
let server: TestServer;
let petitionId: number;
const PAGE = `/en/petitions/${DEMO_PETITION}`;

const LIMITS = { SIGN_MIN_FILL_SECONDS: "0", SIGN_RATE_PER_MINUTE: "5", SIGN_RATE_PER_DOMAIN_PER_HOUR: "8" };

beforeAll(async () => {
  // Behind one proxy: the client address comes from X-Forwarded-For, so a test can be many machines.
  server = await startTestServer({ config: testConfig({ ...LIMITS, TRUST_PROXY: "1" }) });
  await seedDemoContent(server.database.db);
  petitionId = (await demoPetition(server.database.db)).id;
});
afterAll(async () => {
  await server?.close();
});
afterEach(async () => {
  await server.database.db.deleteFrom("signatures").execute();
  await server.database.db.deleteFrom("outgoing_mails").execute();
  await server.database.db.deleteFrom("rate_limit_hits").execute();
});

const rows = () => server.database.db.selectFrom("signatures").select(["email", "status", "suspect_reason", "trending"]).where("petition_id", "=", petitionId).orderBy("id").execute();
const confirmMails = async () => (await server.database.db.selectFrom("outgoing_mails").select("recipient").where("template", "=", "signature-confirm").execute()).map((m) => m.recipient);
/** Signatures that count: confirmed ones. */
const counted = async () => {
  const row = await server.database.db.selectFrom("signatures").select((eb) => eb.fn.countAll<string>().as("n")).where("petition_id", "=", petitionId).where("status", "=", "confirmed").executeTakeFirstOrThrow();
  return Number(row.n);
};

async function flood(n: number, who: (i: number) => { email: string; ip: string }) {
  // Every request of a flood must fall in one per-minute window.
  await awayFromMinuteEdge(20_000);
  const token = formTokenIn(await (await server.get(PAGE)).text());
  const statuses = [];
  for (let i = 0; i < n; i++) {
    const { email, ip } = who(i);
    const response = await postSignature(server, PAGE, { email }, { token, headers: { "x-forwarded-for": ip } });
    statuses.push(response.status);
  }
  return statuses;
}

describe("signature flooding", () => {
  it("from one address: past the per-minute limit the form says to wait, and nothing is stored or mailed", async () => {
    const before = await counted();
    const statuses = await flood(30, (i) => ({ email: `bot${i}@mail${i}.example`, ip: "203.0.113.7" }));
    expect(statuses).toEqual([...Array(5).fill(302), ...Array(25).fill(400)]);
    const stored = await rows();
    expect(stored.map((r) => r.status)).toEqual(Array(5).fill("pending"));
    expect(await confirmMails()).toHaveLength(5);
    expect(await counted()).toBe(before);
    // The refusal is said on the page, by the form, with what was typed kept.
    const refused = await postSignature(server, PAGE, { email: "late@mail.example" }, { token: formTokenIn(await (await server.get(PAGE)).text()), headers: { "x-forwarded-for": "203.0.113.7" } });
    const html = await refused.text();
    expect(refused.status).toBe(400);
    expect(html).toContain("Many people have signed from your network in the last minute");
    expect(html).toContain('value="late@mail.example"');
    // The flooder owns the mailboxes and presses every link it got: only the five it could sign count.
    const mails = await server.database.db.selectFrom("outgoing_mails").select("template_data").where("template", "=", "signature-confirm").execute();
    for (const mail of mails) {
      expect((await fetch(`${server.base}/confirm/${tokenFromMail(mail, "confirm", ["test-secret"])}`, { method: "POST", redirect: "manual" })).status).toBe(303);
    }
    expect(await counted()).toBe(before + 5);
  });

  it("from one IPv6 network rotating its addresses: one client, so the same limit holds", async () => {
    const statuses = await flood(10, (i) => ({ email: `v6-${i}@mail${i}.example`, ip: `2001:db8:7:7:${((i * 7919) % 65536).toString(16)}::${i + 1}` }));
    expect(statuses).toEqual([...Array(5).fill(302), ...Array(5).fill(400)]);
    expect((await rows()).map((r) => r.status)).toEqual(Array(5).fill("pending"));
  });

  it("from many addresses, one email domain: past the domain's hourly threshold people are mailed and marked trending", async () => {
    const statuses = await flood(30, (i) => ({ email: `person${i}@flood.example`, ip: `198.51.100.${i + 1}` }));
    expect(new Set(statuses)).toEqual(new Set([302]));
    const stored = await rows();
    expect(stored.every((r) => r.status === "pending")).toBe(true);
    expect(stored.slice(0, 8).every((r) => r.trending === null)).toBe(true);
    expect(stored.slice(8).every((r) => r.trending === "domain")).toBe(true);
    expect(await confirmMails()).toHaveLength(30);
    // Other domains sign as before, from the same machines.
    expect((await flood(3, (i) => ({ email: `ann${i}@elsewhere.example`, ip: `198.51.100.${i + 1}` }))).every((s) => s === 302)).toBe(true);
    expect((await rows()).slice(-3).map((r) => `${r.status}:${r.trending}`)).toEqual(Array(3).fill("pending:null"));
  });

  it("never marks an allow-listed domain trending", async () => {
    await server.database.db.insertInto("trusted_domains").values({ domain: "uni.example", note: "a university's staff" }).execute();
    try {
      await flood(12, (i) => ({ email: `staff${i}@uni.example`, ip: `198.51.100.${i + 1}` }));
      expect((await rows()).map((r) => `${r.status}:${r.trending}`)).toEqual(Array(12).fill("pending:null"));
    } finally {
      await server.database.db.deleteFrom("trusted_domains").execute();
    }
  });

  it("does not hold public mail services to the domain limit (each address there is an account)", async () => {
    await flood(12, (i) => ({ email: `someone${i}@gmail.com`, ip: `192.0.2.${i + 1}` }));
    expect((await rows()).every((r) => r.status === "pending")).toBe(true);
    expect(floodDomainOf("x@gmail.com")).toBeNull();
    expect(floodDomainOf("x@flood.example")).toBe("flood.example");
  });

  it("without a trusted proxy, a made-up X-Forwarded-For does not make one machine many", async () => {
    const direct = await startTestServer({ config: testConfig(LIMITS) });
    try {
      await seedDemoContent(direct.database.db);
      const token = formTokenIn(await (await direct.get(PAGE)).text());
      await awayFromMinuteEdge(20_000);
      for (let i = 0; i < 8; i++) {
        await postSignature(direct, PAGE, { email: `spoof${i}@mail${i}.example` }, { token, headers: { "x-forwarded-for": `203.0.113.${i + 1}` } });
      }
      const statuses = (await direct.database.db.selectFrom("signatures").select("status").orderBy("id").execute()).map((r) => r.status);
      expect(statuses).toEqual(Array(5).fill("pending"));
    } finally {
      await direct.close();
    }
  });
});
