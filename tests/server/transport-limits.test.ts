import { createConnection } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { HTTP_LIMITS } from "../../server/http-server";
import { DEMO_PETITION } from "../support/petition";
import { formTokenIn } from "../support/sign-form";
import { rawRequest, tableCounts } from "../support/attack";
import { startTestServer, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

/** The server's own limits, shortened so a slow client is cut off within the test's patience. */
const FAST_LIMITS = { ...HTTP_LIMITS, headersTimeoutMs: 1000, requestTimeoutMs: 2000, keepAliveTimeoutMs: 500, checkIntervalMs: 100 };
let server: TestServer;
let host: string;

beforeAll(async () => {
  server = await startTestServer({ config: testConfig({ SIGN_MIN_FILL_SECONDS: "0" }), httpLimits: FAST_LIMITS });
  await seedDemoContent(server.database.db);
  host = new URL(server.base).host;
});
afterAll(async () => {
  await server?.close();
});

describe("the limits in server/http-server.ts (used by server/start.ts)", () => {
  it("are set, and checked often enough to matter", () => {
    expect(HTTP_LIMITS.headersTimeoutMs).toBeGreaterThan(0);
    expect(HTTP_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(HTTP_LIMITS.requestTimeoutMs).toBeGreaterThanOrEqual(HTTP_LIMITS.headersTimeoutMs);
    expect(HTTP_LIMITS.requestTimeoutMs).toBeLessThanOrEqual(60_000);
    expect(HTTP_LIMITS.keepAliveTimeoutMs).toBeLessThan(HTTP_LIMITS.headersTimeoutMs);
    expect(HTTP_LIMITS.checkIntervalMs).toBeLessThanOrEqual(HTTP_LIMITS.headersTimeoutMs / 10);
    expect(HTTP_LIMITS.maxHeaderBytes).toBeLessThanOrEqual(16 * 1024);
  });
});

describe("oversized requests", () => {
  const signPath = `/en/petitions/${DEMO_PETITION}`;

  it("a form body over 64 KB is refused with 413 before it is read, and nothing is stored", async () => {
    const before = await tableCounts(server);
    const token = formTokenIn(await (await server.get(signPath)).text());
    for (const size of [64 * 1024 + 1, 1024 * 1024, 10 * 1024 * 1024]) {
      const body = new URLSearchParams({ formToken: token, name: "Ann", email: "big@example.org", country: "FRA", comment: "x".repeat(size) });
      const response = await fetch(`${server.base}${signPath}`, { method: "POST", body, redirect: "manual" });
      expect(response.status, `${size} bytes`).toBe(413);
      expect(await response.text()).toContain("<h1>");
    }
    expect(await tableCounts(server)).toEqual(before);
  });

  it("a declared length that does not fit, or none with a chunked body, is refused; the server keeps serving", async () => {
    const huge = await rawRequest(server.base, `POST ${signPath} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\nname=a`);
    expect(huge.status).toBe(413);
    const chunked = await rawRequest(server.base, `POST ${signPath} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nname=\r\n0\r\n\r\n`);
    expect(chunked.status).toBe(411);
    // Both length and chunked: request smuggling's shape, refused by the HTTP parser.
    const both = await rawRequest(server.base, `POST ${signPath} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\nGET /en HTTP/1.1\r\n\r\n`);
    expect(both.status).toBe(400);
    const negative = await rawRequest(server.base, `POST ${signPath} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: -1\r\nConnection: close\r\n\r\n`);
    expect(negative.status).toBe(400);
    expect((await server.get("/en")).status).toBe(200);
  });

  it("a body under the limit made of thousands of fields gets the form's answer, not a 500", async () => {
    const token = formTokenIn(await (await server.get(signPath)).text());
    const body = `formToken=${encodeURIComponent(token)}&${"name=a&".repeat(9000)}email=x%40example.org&country=FRA`;
    expect(body.length).toBeLessThan(64 * 1024);
    const response = await fetch(`${server.base}${signPath}`, { method: "POST", body, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect([302, 400]).toContain(response.status);
  });

  it("headers over Node's limit are answered 431, with a short page, and the server keeps serving", async () => {
    const reply = await rawRequest(server.base, `GET /en HTTP/1.1\r\nHost: ${host}\r\nCookie: ${"a".repeat(HTTP_LIMITS.maxHeaderBytes + 1)}\r\nConnection: close\r\n\r\n`);
    expect(reply.status).toBe(431);
    expect(reply.raw).toContain("Request Header Fields Too Large");
    const many = await rawRequest(server.base, `GET /en HTTP/1.1\r\nHost: ${host}\r\n${Array.from({ length: 2000 }, (_, i) => `X-H${i}: ${"v".repeat(8)}`).join("\r\n")}\r\nConnection: close\r\n\r\n`);
    expect(many.status).toBe(431);
    const fetched = await fetch(`${server.base}/en`, { headers: { "x-big": "b".repeat(20 * 1024) } });
    expect(fetched.status).toBe(431);
    expect((await server.get("/en")).status).toBe(200);
  });
});

describe("slow clients (Slowloris)", () => {
  /** Opens a socket and writes `parts` one by one, `everyMs` apart, until the server closes it; returns when and what it said. */
  function trickle(parts: string[], everyMs: number): Promise<{ closedAfterMs: number; reply: string }> {
    const { hostname, port } = new URL(server.base);
    const started = Date.now();
    return new Promise((resolve) => {
      const socket = createConnection({ host: hostname, port: Number(port) });
      let reply = "";
      let i = 0;
      const timer = setInterval(() => {
        if (i < parts.length && socket.writable) socket.write(parts[i++]!);
      }, everyMs);
      socket.on("data", (chunk) => (reply += chunk.toString("latin1")));
      socket.on("error", () => {});
      socket.on("close", () => {
        clearInterval(timer);
        resolve({ closedAfterMs: Date.now() - started, reply });
      });
    });
  }

  it("a client sending its headers a byte at a time is cut off at the headers timeout (408), while others are served", async () => {
    const headers = `GET /en HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: ${"s".repeat(200)}\r\n\r\n`;
    const slow = trickle([...headers], 100);
    // Meanwhile an ordinary visitor gets the page at once.
    const visitorStarted = Date.now();
    expect((await server.get("/en")).status).toBe(200);
    expect(Date.now() - visitorStarted).toBeLessThan(FAST_LIMITS.headersTimeoutMs);
    const { closedAfterMs, reply } = await slow;
    expect(reply).toMatch(/^HTTP\/1\.1 408/u);
    expect(closedAfterMs).toBeGreaterThanOrEqual(FAST_LIMITS.headersTimeoutMs - 100);
    expect(closedAfterMs).toBeLessThan(FAST_LIMITS.headersTimeoutMs + 1500);
  });

  it("a client sending its body a byte at a time is cut off at the request timeout, and nothing is stored", async () => {
    const before = await tableCounts(server);
    const body = "name=Slow&email=slow%40example.org&country=FRA";
    const head = `POST /en/petitions/${DEMO_PETITION} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { closedAfterMs, reply } = await trickle([head, ...body], 100);
    expect(reply).not.toMatch(/^HTTP\/1\.1 [23]/u);
    expect(closedAfterMs).toBeLessThan(FAST_LIMITS.requestTimeoutMs + 1500);
    expect(await tableCounts(server)).toEqual(before);
  });

  it("an idle keep-alive socket is closed after the keep-alive timeout", async () => {
    const { closedAfterMs, reply } = await trickle([`GET /healthz HTTP/1.1\r\nHost: ${host}\r\n\r\n`], 10);
    expect(reply).toMatch(/^HTTP\/1\.1 200/u);
    expect(closedAfterMs).toBeLessThan(FAST_LIMITS.keepAliveTimeoutMs + 1500);
  });
});
