import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { addressLimitKey } from "~/modules/mail/address-key.server";
import { campaignTargets, findLetterCampaign } from "~/modules/letter/letter.repo.server";
import { addOrganizer } from "~/modules/organizer/organizer.repo.server";
import { postForm, SECRETS } from "../support/attack";
import { DEMO_PETITION } from "../support/petition";
import { formTokenIn, postSignature } from "../support/sign-form";
import { startTestServer, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

/**
 * Limits count people, not spellings: every per-address limit keys on the
 * address as signatures do (case folded, +tags dropped), and what is stored
 * for it is a keyed hash, never the address.
 */
let server: TestServer;
const LETTERS = "write-to-your-government";

beforeAll(async () => {
  // Behind one proxy: each request may come from another machine.
  server = await startTestServer({ config: testConfig({ SIGN_MIN_FILL_SECONDS: "0", LETTER_MIN_FILL_SECONDS: "0", LETTERS_PER_SENDER_PER_DAY: "2", TRUST_PROXY: "1" }) });
  await seedDemoContent(server.database.db);
});
afterAll(async () => {
  await server?.close();
});

async function writeLetter(email: string, ip: string): Promise<Response> {
  const { campaign } = (await findLetterCampaign(server.database.db, LETTERS))!;
  const targets = await campaignTargets(server.database.db, campaign.id, "FRA");
  const page = `/en/letters/${LETTERS}?country=fra`;
  const formToken = formTokenIn(await (await server.get(page)).text());
  return postForm(
    server,
    page,
    {
      country: "fra",
      targets: targets.map((t) => String(t.id)),
      subject: "Please protect human rights",
      body: "Dear {{target.name}},\n\nPlease do not ratify.\n\n{{sender.name}}",
      personal: "I work with people whose safety depends on private messages.",
      name: "Ann Lee",
      email,
      city: "",
      intent: "send",
      formToken,
      website: "",
    },
    { "x-forwarded-for": ip },
  );
}

describe("limits count people, not spellings", () => {
  it("letters per sender: Ann+1@, ANN@ and ann+2@ are one sender, whatever machine they write from", async () => {
    const spellings = ["Ann+1@Example.org", "ANN@example.org", "ann+2@example.org", "ann@EXAMPLE.ORG"];
    for (const [i, email] of spellings.entries()) await writeLetter(email, `203.0.113.${10 + i}`);
    const letters = await server.database.db.selectFrom("letters").select(["sender_email", "sender_key"]).orderBy("id").execute();
    // The limit is 2 a day: the first two spellings are stored, the others are one person's third and fourth letter.
    expect(letters.map((l) => l.sender_email)).toEqual(spellings.slice(0, 2));
    // The column the limit counts on is a keyed hash of the person, not the address.
    const key = addressLimitKey("ann@example.org", SECRETS);
    expect(letters.map((l) => l.sender_key)).toEqual([key, key]);
    // Another person is not held back by Ann.
    expect((await writeLetter("bob@example.org", "203.0.113.10")).status).toBe(302);
  });

  it("sign-in links per client and address: spellings are one address", async () => {
    await addOrganizer(server.database.db, { email: "olwen@example.org", role: "viewer", by: "test" });
    const statuses = [];
    for (const email of ["olwen@example.org", "OLWEN@example.org", "olwen+a@Example.org", " Olwen@EXAMPLE.org", "olwen+b@example.org", "olwen@example.org"]) {
      statuses.push((await postForm(server, "/en/organize/sign-in", { email }, { "x-forwarded-for": "198.51.100.1" })).status);
    }
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
  });

  it("no stored limit key holds an address, in any spelling: only keyed hashes", async () => {
    // Signatures (per client, per email domain), letters (per client, per campaign), sign-in: every bucket there is.
    await postSignature(server, `/en/petitions/${DEMO_PETITION}`, { email: "Zed.Quist+tag@Example.org" }, { headers: { "x-forwarded-for": "192.0.2.44" } });
    await writeLetter("yara.quist@example.net", "192.0.2.45");
    await postForm(server, "/en/organize/sign-in", { email: "xavi.quist@example.org" }, { "x-forwarded-for": "192.0.2.46" });
    const buckets = (await server.database.db.selectFrom("rate_limit_hits").select("bucket").execute()).map((r) => r.bucket);
    expect(buckets.length).toBeGreaterThanOrEqual(8);
    for (const bucket of buckets) {
      expect(bucket).not.toContain("@");
      expect(bucket).not.toMatch(/quist|olwen|ann|bob/iu);
      // Nor a client address: those are keyed hashes too.
      expect(bucket).not.toMatch(/\d+\.\d+\.\d+\.\d+/u);
    }
    const key = addressLimitKey("xavi.quist@example.org", SECRETS);
    expect(buckets).toContainEqual(expect.stringContaining(`:address:${key}`));
  });
});
