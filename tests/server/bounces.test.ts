import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressLimitKey } from "~/modules/mail/address-key.server";
import { startTestServer, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: testConfig({ MAIL_BOUNCE_SECRET: "bounce-secret" }) });
});
afterAll(async () => {
  await server?.close();
});

const post = (body: string, secret?: string) =>
  fetch(`${server.base}/api/v1/mail/bounces`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
  });

describe("POST /api/v1/mail/bounces", () => {
  it("refuses a missing or wrong secret and stores nothing", async () => {
    const body = JSON.stringify({ email: "x@example.org", type: "bounce" });
    expect((await post(body)).status).toBe(401);
    expect((await post(body, "wrong")).status).toBe(401);
    expect(await server.database.db.selectFrom("mail_suppressions").selectAll().execute()).toHaveLength(0);
  });

  it("refuses a malformed body whole, never a 500", async () => {
    for (const body of ["not json", "{}", '{"email":"x","type":"bounce"}', '[{"email":"a@example.org","type":"bounce"},{"email":"b@example.org"}]', "[]"]) {
      expect((await post(body, "bounce-secret")).status, body).toBe(400);
    }
    expect(await server.database.db.selectFrom("mail_suppressions").selectAll().execute()).toHaveLength(0);
  });

  it("suppresses bounced and complaining addresses", async () => {
    const response = await post(
      JSON.stringify([
        { email: "Bounced@Example.org", type: "bounce" },
        { email: "angry@example.org", type: "complaint" },
      ]),
      "bounce-secret",
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ suppressed: 2 });
    // Kept as keyed hashes of the addresses, never the addresses.
    const rows = await server.database.db.selectFrom("mail_suppressions").select(["address_key", "reason"]).execute();
    expect(new Map(rows.map((r) => [r.address_key, r.reason]))).toEqual(
      new Map([
        [addressLimitKey("angry@example.org", ["test-secret"]), "complained"],
        [addressLimitKey("bounced@example.org", ["test-secret"]), "bounced"],
      ]),
    );
  });
});
