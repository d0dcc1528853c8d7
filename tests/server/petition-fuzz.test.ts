import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { DEMO_PETITION } from "../support/petition";
import { formTokenIn, postSignature } from "../support/sign-form";
import { startTestServer, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

// Each property sends a few hundred requests: on a busy two-core machine that can take longer
// than the suite's 30 s per test without anything being wrong.
vi.setConfig({ testTimeout: 120_000 });

let server: TestServer;
const PAGE = `/en/petitions/${DEMO_PETITION}`;

beforeAll(async () => {
  server = await startTestServer({ config: testConfig({ SIGN_MIN_FILL_SECONDS: "0", SIGN_RATE_PER_MINUTE: "100000" }) });
  await seedDemoContent(server.database.db);
});
afterAll(async () => {
  await server?.close();
});

/** Hostile text: markup, SQL, quotes, control characters, long runs, any Unicode. */
const hostile = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 120 }),
  fc.constantFrom(
    "<script>alert(1)</script>",
    "' OR 1=1; --",
    "Robert'); DROP TABLE signatures;--",
    "a\r\nBcc: victim@example.org",
    "\u0000\u0007\u001b",
    "next\u0085line\u2028separated\u2029",
    "𝕿𝖗𝖊𝖆𝖙𝖞 👩🏽‍💻",
    "x".repeat(5000),
    "ann@example.org\r\nSubject: hi",
  ),
);

describe("the sign form under fuzzing", () => {
  it("never fails with a 500, and stores a row only when it answers with the success redirect", async () => {
    const token = formTokenIn(await (await server.get(PAGE)).text());
    const db = server.database.db;
    const countRows = async () => Number((await db.selectFrom("signatures").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
    await fc.assert(
      fc.asyncProperty(hostile, hostile, hostile, hostile, hostile, async (name, email, country, comment, ref) => {
        const before = await countRows();
        const response = await postSignature(server, PAGE, { name, email, country, comment, ref }, { token });
        expect([302, 400]).toContain(response.status);
        const after = await countRows();
        if (response.status === 400) expect(after).toBe(before);
        else expect(after - before).toBeLessThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
  });

  it("accepts valid people with any Unicode name and keeps exactly what they typed", async () => {
    const token = formTokenIn(await (await server.get(PAGE)).text());
    const name = fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 40 })
      .filter((s) => s.trim().length > 0 && s.trim().length <= 100 && !/[<>\p{Cc}\p{Zl}\p{Zp}]/u.test(s));
    await fc.assert(
      fc.asyncProperty(name, fc.nat(), async (typed, n) => {
        const email = `fuzz${n}-${Math.random().toString(36).slice(2)}@example.org`;
        const response = await postSignature(server, PAGE, { name: typed, email }, { token });
        expect(response.status).toBe(302);
        const row = await server.database.db.selectFrom("signatures").select("name").where("email", "=", email).executeTakeFirstOrThrow();
        expect(row.name).toBe(typed.trim().normalize("NFC"));
      }),
      { numRuns: 60 },
    );
  });
});
