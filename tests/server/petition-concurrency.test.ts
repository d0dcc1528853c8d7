import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { processSignatureRepeats } from "~/modules/petition/signing.service.server";
import { DEMO_PETITION, demoPetition, signaturesOf } from "../support/petition";
import { formTokenIn, postSignature } from "../support/sign-form";
import { startTestServer, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

// PGlite is one connection: requests queue and never race. Races need a real server.
describe.runIf(process.env.DATABASE_URL)("simultaneous signatures (PostgreSQL)", () => {
  let server: TestServer;
  let petitionId: number;
  const PAGE = `/en/petitions/${DEMO_PETITION}`;
  const CONFIG = testConfig({ SIGN_MIN_FILL_SECONDS: "0", SIGN_RATE_PER_MINUTE: "100000", SIGN_RATE_PER_HOUR: "100000", SIGN_RATE_PER_DOMAIN_PER_HOUR: "100000" });

  beforeAll(async () => {
    server = await startTestServer({ config: CONFIG });
    await seedDemoContent(server.database.db);
    petitionId = (await demoPetition(server.database.db)).id;
  });
  afterAll(async () => {
    await server?.close();
  });

  it("lands 200 distinct people exactly once each, with one confirmation mail each", async () => {
    const token = formTokenIn(await (await server.get(PAGE)).text());
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => postSignature(server, PAGE, { email: `person${i}@example.org` }, { token })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(302));
    const rows = await signaturesOf(server.database.db, petitionId);
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.email)).size).toBe(200);
    const mails = await server.database.db.selectFrom("outgoing_mails").select("recipient").where("template", "=", "signature-confirm").execute();
    expect(mails).toHaveLength(200);
    expect(new Set(mails.map((m) => m.recipient)).size).toBe(200);
  });

  it("keeps one row and sends one mail when one address signs 50 times at once", async () => {
    const token = formTokenIn(await (await server.get(PAGE)).text());
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => postSignature(server, PAGE, { email: i % 2 ? "Same.Person@gmail.com" : "sameperson+x@gmail.com" }, { token })),
    );
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([302]));
    // One shape of answer, each with a referral code of its own: none tells which one was stored.
    const locations = responses.map((r) => r.headers.get("location")!);
    expect(new Set(locations.map((l) => l.replace(/ref=[\w-]+/u, "ref=…"))).size).toBe(1);
    expect(new Set(locations).size).toBe(50);
    const rows = (await signaturesOf(server.database.db, petitionId)).filter((r) => r.email_key === "sameperson@gmail.com");
    expect(rows).toHaveLength(1);
    // The petition job handles the repeats: the confirmation mailed moments ago is not sent again.
    while ((await processSignatureRepeats(server.database.db, CONFIG.signing)) > 0);
    const mails = await server.database.db.selectFrom("outgoing_mails").select("id").where("recipient", "in", ["Same.Person@gmail.com", "sameperson+x@gmail.com"]).execute();
    expect(mails).toHaveLength(1);
  });
});
