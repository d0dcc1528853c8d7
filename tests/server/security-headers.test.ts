import type { ServerBuild } from "@remix-run/node";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { createApp } from "../../server/app";
import { SERVER_BUILD_PATH } from "../../server/build";
import { DEMO_PETITION } from "../support/petition";
import { postForm, rawRequest, signInAs } from "../support/attack";
import { startTestServer, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

/**
 * The same protective headers on every kind of response, not only on pages:
 * errors the app renders and errors it refuses early, JSON, CSV, SVG, static
 * files, redirects, and what Node answers itself.
 */
let server: TestServer;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer();
  await seedDemoContent(server.database.db);
  cookie = await signInAs(server, "admin", "headers@example.org");
});
afterAll(async () => server?.close());

interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

async function fetchAnswer(path: string, init: RequestInit = {}, base = server.base): Promise<Answer> {
  const response = await fetch(`${base}${path}`, { redirect: "manual", ...init });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

function directive(csp: string, name: string): string[] | undefined {
  for (const part of csp.split(";")) {
    const [key, ...sources] = part.trim().split(/\s+/u);
    if (key?.toLowerCase() === name) return sources;
  }
  return undefined;
}

/** What every response of the production server carries; `framable` only for the embed. */
function expectProtected(answer: Answer, what: string, { framable = false } = {}) {
  const csp = answer.headers.get("content-security-policy");
  expect(csp, `${what}: CSP`).toBeTruthy();
  expect(directive(csp!, "frame-ancestors"), `${what}: frame-ancestors`).toEqual(framable ? ["*"] : ["'none'"]);
  expect(answer.headers.get("x-frame-options"), `${what}: X-Frame-Options`).toBe(framable ? null : "DENY");
  expect(answer.headers.get("x-content-type-options"), `${what}: nosniff`).toBe("nosniff");
  expect(answer.headers.get("referrer-policy"), `${what}: Referrer-Policy`).toBe("strict-origin-when-cross-origin");
  expect(answer.headers.get("strict-transport-security"), `${what}: HSTS`).toBe("max-age=31536000; includeSubDomains");
  expect(answer.headers.get("x-powered-by"), `${what}: X-Powered-By`).toBeNull();
  // HTML: scripts run only with this response's nonce, and every script tag carries it.
  if (/^text\/html/u.test(answer.headers.get("content-type") ?? "")) {
    const scriptSrc = directive(csp!, "script-src") ?? directive(csp!, "default-src")!;
    expect(scriptSrc, `${what}: script-src`).not.toContain("'unsafe-inline'");
    const nonce = scriptSrc.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
    const scripts = [...answer.body.matchAll(/<script\b[^>]*>/gu)].map((m) => m[0]);
    for (const tag of scripts) expect(tag, `${what}: script nonce`).toContain(`nonce="${nonce}"`);
    expect(directive(csp!, "object-src") ?? directive(csp!, "default-src"), `${what}: object-src`).toEqual(["'none'"]);
  }
}

describe("security headers on every kind of response", () => {
  it.each([
    ["a page", "/en", 200],
    ["a page with a form", `/en/petitions/${DEMO_PETITION}`, 200],
    ["a 404 page (unknown language)", "/xx/countries", 404],
    ["a 404 page (unknown country)", "/en/countries/zzz", 404],
    ["a 400 refused early (malformed URL)", "/en/%E0%A4%A", 400],
    ["JSON of the API", "/api/v1/countries", 200],
    ["a 404 of the API", "/api/v1/countries/zzz", 404],
    ["JSON of the health check", "/healthz", 200],
    ["an SVG image", `/petitions/${DEMO_PETITION}/signers.svg`, 200],
    ["a static file", "/favicon.svg", 200],
    ["a 302 redirect", "/", 302],
    ["a 301 redirect", "/en/countries/fr", 301],
  ])("%s (%s → %i)", async (what, path, status) => {
    const answer = await fetchAnswer(path);
    expect(answer.status, what).toBe(status);
    expectProtected(answer, what);
  });

  it("fingerprinted build assets", async () => {
    const html = (await fetchAnswer("/en")).body;
    const asset = /src="(\/build\/[^"]+\.js)"/u.exec(html)?.[1] ?? /href="(\/build\/[^"]+)"/u.exec(html)![1]!;
    const answer = await fetchAnswer(asset);
    expect(answer.status).toBe(200);
    expectProtected(answer, asset);
  });

  it("a 304 revalidation: every header but the CSP, so the stored page keeps the policy its nonces match", async () => {
    for (const path of ["/api/v1/countries", "/en/countries"]) {
      const first = await fetch(`${server.base}${path}`);
      expect(first.headers.get("content-security-policy"), path).toBeTruthy();
      const answer = await fetchAnswer(path, { headers: { "if-none-match": first.headers.get("etag")! } });
      expect(answer.status, path).toBe(304);
      expect(answer.headers.get("content-security-policy"), `${path}: a 304 carries no new policy`).toBeNull();
      const headers = new Headers(answer.headers);
      headers.set("content-security-policy", first.headers.get("content-security-policy")!);
      expectProtected({ ...answer, headers }, `304 of ${path}`);
    }
  });

  it("the app's refusals: 403 from another site, 403 for a role, 405, 413, 411, 503", async () => {
    const cases: [string, Promise<Answer>, number][] = [
      ["cross-site POST", postForm(server, "/en/organize/sign-in", { email: "a@example.org" }, { origin: "https://evil.example" }).then(toAnswer), 403],
      ["a role without the permission", signInAs(server, "viewer", "viewer-headers@example.org").then((viewer) => fetchAnswer("/en/organize/audit", { headers: { cookie: viewer } })), 403],
      ["POST to a page without an action", postForm(server, "/en", { a: "1" }).then(toAnswer), 405],
      ["an oversized body", fetchAnswer("/en/organize/sign-in", { method: "POST", body: "x".repeat(100 * 1024) }), 413],
      ["the bounce endpoint without its secret configured", fetchAnswer("/api/v1/mail/bounces", { method: "POST", body: "{}", headers: { "content-type": "application/json" } }), 503],
      ["a POST redirect (303)", postForm(server, "/en/organize/sign-in", { email: "b@example.org" }).then(toAnswer), 303],
    ];
    for (const [what, pending, status] of cases) {
      const answer = await pending;
      expect(answer.status, what).toBe(status);
      expectProtected(answer, what);
    }
  });

  it("CSV exports: the streamed signatures (Express) and the targets (Remix)", async () => {
    for (const path of [`/en/organize/petitions/${DEMO_PETITION}/signatures.csv`, "/en/organize/targets.csv"]) {
      const answer = await fetchAnswer(path, { headers: { cookie } });
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get("content-type"), path).toMatch(/^text\/csv/u);
      expectProtected(answer, path);
    }
  });

  it("the embed: framable by any site, and only it", async () => {
    const answer = await fetchAnswer(`/embed/petitions/${DEMO_PETITION}?lng=fr`);
    expect(answer.status).toBe(200);
    expectProtected(answer, "embed", { framable: true });
    const notEmbed = await fetchAnswer(`/en/embed/petitions/${DEMO_PETITION}`);
    expectProtected(notEmbed, "a path merely containing /embed/");
  });

  it("Node's own answers (431, 400 for broken HTTP) carry a locked-down CSP too", async () => {
    const host = new URL(server.base).host;
    for (const request of [`GET /en HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`, "NOT-HTTP\r\n\r\n"]) {
      const reply = await rawRequest(server.base, request);
      expect([400, 431]).toContain(reply.status);
      expect(reply.head).toMatch(/^Content-Security-Policy: default-src 'none';.*frame-ancestors 'none'$/mu);
      expect(reply.head).toMatch(/^X-Content-Type-Options: nosniff$/mu);
    }
  });
});

describe("500s", () => {
  let broken: Server;
  let base: string;
  beforeAll(async () => {
    const build = (await import(pathToFileURL(SERVER_BUILD_PATH).href)) as ServerBuild;
    // The real build with one route whose loader fails, and a second app whose build cannot load at all.
    const privacy = build.routes["routes/$lng.privacy"]!;
    const failing: ServerBuild = {
      ...build,
      routes: {
        ...build.routes,
        "routes/$lng.privacy": {
          ...privacy,
          module: {
            ...privacy.module,
            loader: () => {
              throw new Error("the database went away");
            },
          },
        },
      },
    };
    broken = createApp({ database: server.database, config: testConfig(), build: failing, mode: "production" }).listen(0);
    await new Promise((resolve) => broken.once("listening", resolve));
    base = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => broken?.close(resolve));
  });

  it("a route that fails: a plain 500 page, with the headers and nonce, no stack trace", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const answer = await fetchAnswer("/en/privacy", {}, base);
    expect(answer.status).toBe(500);
    expectProtected(answer, "500 from a route");
    expect(answer.body).not.toContain("the database went away");
    expect(answer.body).not.toMatch(/^\s*at\s+\S/mu);
    expect(logged).toHaveBeenCalled();
  });

  it("the server's last resort when the app cannot answer at all", async () => {
    const app = createApp({
      database: server.database,
      config: testConfig(),
      build: () => Promise.reject(new Error("no build")),
      mode: "production",
    }).listen(0);
    await new Promise((resolve) => app.once("listening", resolve));
    try {
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      const answer = await fetchAnswer("/en", {}, `http://127.0.0.1:${(app.address() as AddressInfo).port}`);
      expect(answer.status).toBe(500);
      expectProtected(answer, "500 of last resort");
      expect(answer.body).not.toContain("no build");
      expect(logged).toHaveBeenCalled();
    } finally {
      await new Promise((resolve) => app.close(resolve));
    }
  });
});

describe("in development", () => {
  it("no HSTS (plain http on localhost), everything else the same", async () => {
    const build = (await import(pathToFileURL(SERVER_BUILD_PATH).href)) as ServerBuild;
    const app = createApp({ database: server.database, config: testConfig(), build, mode: "development" }).listen(0);
    await new Promise((resolve) => app.once("listening", resolve));
    try {
      const answer = await fetchAnswer("/healthz", {}, `http://127.0.0.1:${(app.address() as AddressInfo).port}`);
      expect(answer.headers.get("strict-transport-security")).toBeNull();
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
      expect(directive(answer.headers.get("content-security-policy")!, "frame-ancestors")).toEqual(["'none'"]);
    } finally {
      await new Promise((resolve) => app.close(resolve));
    }
  });
});

async function toAnswer(response: Response): Promise<Answer> {
  return { status: response.status, headers: response.headers, body: await response.text() };
}
