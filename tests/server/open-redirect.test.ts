import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { addOrganizer } from "~/modules/organizer/organizer.repo.server";
import { headerOf, latestSignInPath, postForm, rawRequest } from "../support/attack";
import { startTestServer, type TestServer } from "../support/test-server";

/**
 * Redirects built from what a request carries: path segments (tokens,
 * country codes, slugs), the query, and headers such as Referer. None may
 * send a visitor to another site; each stays a path on this one.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await seedDemoContent(server.database.db);
});
afterAll(async () => server?.close());

/** External targets as attackers spell them: plain, scheme-relative, backslashes, encoded, with control characters. */
const EXTERNAL = [
  "//evil.example",
  "https://evil.example",
  "http:evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/%2F%2Fevil.example",
  "%2F%2Fevil.example",
  "https%3A%2F%2Fevil.example",
  "%5C%5Cevil.example",
  "/%09/evil.example",
  "//evil.example%2F..",
  "\r\nLocation: https://evil.example",
  "javascript:alert(1)",
  "中文//evil.example",
];
const PARAMS = ["redirectTo", "redirect", "next", "returnTo", "return", "url", "continue", "to", "from"];

/** A Location header names a path of this site: relative, not scheme-relative, no backslash tricks. */
function expectLocal(location: string | null, what: string) {
  if (location === null) return;
  expect(location, what).toMatch(/^\/(?![/\\])/u);
  expect(location, what).not.toMatch(/[\r\n\t\\]/u);
  expect(new URL(location, server.base).origin, what).toBe(new URL(server.base).origin);
}

describe("redirects stay on this site", () => {
  it("for every page that redirects, whatever redirect-like query parameter or Referer comes with it", async () => {
    const pages = ["/", "/en/countries?q=France", "/en/countries/fr", "/api/v1/countries/fr", "/en/organize", "/en/organize/sign-in", "/en/organize/countries?code=fra", "/en/organize/sign-out", "/en/organize/people/export"];
    for (const page of pages) {
      for (const param of PARAMS) {
        const target = EXTERNAL[(page.length + param.length) % EXTERNAL.length]!;
        const path = `${page}${page.includes("?") ? "&" : "?"}${param}=${encodeURIComponent(target)}`;
        const response = await server.get(path, { referer: "https://evil.example/", cookie: "tw_organizer=attacker" });
        expect(response.status, path).toBeLessThan(500);
        expectLocal(response.headers.get("location"), path);
      }
    }
  });

  it("for path segments made of external URLs (countries, the API, organizer lookups)", async () => {
    for (const segment of EXTERNAL) {
      for (const page of ["/en/countries/", "/api/v1/countries/", "/en/countries?q=", "/en/organize/countries?code="]) {
        const path = `${page}${encodeURIComponent(segment)}`;
        const response = await server.get(path);
        expect(response.status, path).toBeLessThan(500);
        expectLocal(response.headers.get("location"), path);
      }
    }
  });

  it("for the tokens of mail links (sign-in, confirm, withdraw, unsubscribe, letter status), pressed with any token", async () => {
    await addOrganizer(server.database.db, { email: "lead@example.org", role: "viewer", by: "test" });
    await postForm(server, "/en/organize/sign-in", { email: "lead@example.org" });
    const realLink = await latestSignInPath(server, "lead@example.org");
    for (const token of EXTERNAL) {
      for (const prefix of ["/en/organize/sign-in/", "/confirm/", "/withdraw/", "/unsubscribe/", "/letters/status/"]) {
        const path = `${prefix}${encodeURIComponent(token)}?lng=en`;
        const response = await postForm(server, path, { target: "1", answer: "yes" });
        expect(response.status, path).toBeLessThan(500);
        expectLocal(response.headers.get("location"), path);
      }
    }
    // A real sign-in link ignores any destination it is given: the organizers' home.
    const signedIn = await postForm(server, `${realLink}?redirectTo=${encodeURIComponent("https://evil.example")}`, { redirectTo: "//evil.example", next: "https://evil.example" });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe("/en/organize");
  });

  it("for requests whose raw target is an external URL or starts with slashes (static files, folders)", async () => {
    for (const target of ["//evil.example/", "//evil.example/%2e%2e/build/_assets", "///evil.example/build/_assets", "/build//evil.example/..", "/build/_assets", "//build/_assets", "/\\evil.example/", "/build/%2F%2Fevil.example", "http://evil.example/en"]) {
      const reply = await rawRequest(server.base, `GET ${target} HTTP/1.1\r\nHost: ${new URL(server.base).host}\r\nConnection: close\r\n\r\n`);
      expect(reply.status, target).toBeGreaterThanOrEqual(200);
      expect(reply.status, target).toBeLessThan(500);
      expectLocal(headerOf(reply.head, "location"), target);
    }
  });
});
