import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postForm, tableCounts } from "../support/attack";
import { startTestServer, TEST_PUBLIC_URL, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

/**
 * The cross-site check compares `Origin` with the host the browser addressed. Behind a trusted
 * proxy that host is in `X-Forwarded-Host`; without one, the header is whatever the client
 * says, so a page of another site must not get its POST through by naming itself there.
 */
let direct: TestServer;
let proxied: TestServer;

beforeAll(async () => {
  direct = await startTestServer();
  proxied = await startTestServer({ config: testConfig({ TRUST_PROXY: "loopback" }) });

  // Two servers (two fresh databases) take longer than one on a busy machine.
}, 120_000);
afterAll(async () => {
  await direct?.close();
  await proxied?.close();
});

const signIn = (server: TestServer, headers: Record<string, string>) => postForm(server, "/en/organize/sign-in", { email: "someone@example.org" }, headers);

describe("X-Forwarded-Host in the cross-site check", () => {
  it("is not trusted without TRUST_PROXY: a POST from evil.example naming evil.example is refused, changing nothing", async () => {
    const before = await tableCounts(direct);
    for (const headers of [
      { origin: "https://evil.example", "x-forwarded-host": "evil.example" },
      { origin: "http://evil.example", "x-forwarded-host": "evil.example, treaty.example.org" },
      { origin: TEST_PUBLIC_URL, "x-forwarded-host": new URL(TEST_PUBLIC_URL).host },
    ]) {
      const response = await signIn(direct, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.text()).toContain("sent from another site");
    }
    expect(await tableCounts(direct)).toEqual(before);
    // The same POST from the host it was addressed to goes through.
    expect((await signIn(direct, { origin: direct.base })).status).toBe(303);
  });

  it("names the addressed host behind a trusted proxy", async () => {
    expect((await signIn(proxied, { origin: TEST_PUBLIC_URL, "x-forwarded-host": new URL(TEST_PUBLIC_URL).host })).status).toBe(303);
    expect((await signIn(proxied, { origin: "https://evil.example", "x-forwarded-host": new URL(TEST_PUBLIC_URL).host })).status).toBe(403);
    // The proxy's word replaces Host: the app's own address no longer counts.
    expect((await signIn(proxied, { origin: proxied.base, "x-forwarded-host": new URL(TEST_PUBLIC_URL).host })).status).toBe(403);
  });
});
