import type { ServerBuild } from "@remix-run/node";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { SERVER_BUILD_PATH } from "../../server/build";
import { DEMO_LETTERS, signInAs } from "../support/attack";
import { DEMO_PETITION } from "../support/petition";
import { startTestServer, type TestServer } from "../support/test-server";

/**
 * `?_data=<route id>` is the data protocol of Remix before single fetch; our client never sends
 * it. Such a request (a stale client, a crawler, a probe) is refused with a 400 page before Remix,
 * whatever route it names: never a 500, never a route's data.
 */
let server: TestServer;
let build: ServerBuild;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer();
  await seedDemoContent(server.database.db);
  cookie = await signInAs(server, "admin", "legacy-data@example.org");
  build = (await import(pathToFileURL(SERVER_BUILD_PATH).href)) as ServerBuild;
});
afterAll(async () => server?.close());

const PARAMS: Record<string, (routeId: string) => string> = {
  lng: () => "en",
  slug: (routeId) => (routeId.includes("letters") ? DEMO_LETTERS : DEMO_PETITION),
  code: () => "fra",
  token: () => "not-a-token",
  name: () => "nothing.eml",
  id: () => "1",
  // The OSDI API's resources are named by uuid.
  signatureId: () => "00000000-0000-4000-8000-000000000000",
  outreachId: () => "00000000-0000-4000-8000-000000000000",
  // A share card's file: the subject's slug or country code, then `.png`.
  file: (routeId) => `${routeId.includes("countries") ? "fra" : routeId.includes("letters") ? DEMO_LETTERS : DEMO_PETITION}.png`,
};

/** A URL that reaches the route, built from the route tree of the build. */
function pathOf(routeId: string): string {
  const segments: string[] = [];
  for (let id: string | undefined = routeId; id; id = build.routes[id]?.parentId) {
    const path = build.routes[id]?.path;
    if (path) segments.unshift(path);
  }
  const filled = segments
    .join("/")
    .split("/")
    .map((segment) => {
      if (segment === "*") return "nowhere";
      if (!segment.startsWith(":")) return segment;
      const fill = PARAMS[segment.slice(1)];
      if (!fill) throw new Error(`no value for ${segment} in ${routeId}`);
      return fill(routeId);
    });
  return `/${filled.filter(Boolean).join("/")}`;
}

const routesWithLoaders = () => Object.entries(build.routes).filter(([, route]) => route.module.loader).map(([id]) => id);

function dataValues(routeId: string): string[] {
  return [routeId, "root", "routes/$lng", "routes/does-not-exist", "", "garbage", "../../etc/passwd", "__proto__", "x".repeat(2000)];
}

async function expectRefused(path: string, init: RequestInit = {}) {
  const response = await fetch(`${server.base}${path}`, { redirect: "manual", ...init });
  const body = await response.text();
  expect(response.status, `${init.method ?? "GET"} ${path}`).toBe(400);
  expect(response.headers.get("content-type"), path).toMatch(/^text\/html/u);
  expect(response.headers.get("cache-control"), path).toBe("no-store");
  if (init.method !== "HEAD") expect(body, path).toContain("<h1>");
}

describe("legacy ?_data= requests", () => {
  it("cover every route with a loader", () => {
    const ids = routesWithLoaders();
    expect(ids).toContain("root");
    expect(ids).toContain("routes/$lng.letters.$slug");
    expect(ids.length).toBeGreaterThan(30);
  });

  it("answer 400 on every route with a loader, for any route id or garbage, signed in or not", async () => {
    for (const routeId of routesWithLoaders()) {
      const path = pathOf(routeId);
      for (const value of dataValues(routeId)) {
        const url = `${path}?_data=${encodeURIComponent(value)}`;
        await expectRefused(url);
        await expectRefused(url, { headers: { cookie } });
      }
    }
  });

  it("answer 400 however the parameter is spelled or placed, for HEAD and POST too", async () => {
    const page = `/en/letters/${DEMO_LETTERS}`;
    for (const query of ["?_data", "?_data=", "?lng=en&_data=routes/$lng.letters.$slug", "?%5Fdata=routes/$lng.letters.$slug", "?_data=a&_data=b"]) {
      await expectRefused(`${page}${query}`);
    }
    await expectRefused(`${page}?_data=routes/$lng.letters.$slug`, { method: "HEAD" });
    await expectRefused(`${page}?_data=routes/$lng.letters.$slug`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: server.base },
      body: "intent=send",
    });
    await expectRefused(`/en.data?_data=routes/$lng._index`);
  });

  it("leave the pages themselves and their single-fetch data alone", async () => {
    expect((await server.get(`/en/letters/${DEMO_LETTERS}`)).status).toBe(200);
    expect((await server.get(`/en/letters/${DEMO_LETTERS}?data=1`)).status).toBe(200);
    const single = await server.get(`/en/letters/${DEMO_LETTERS}.data`);
    expect(single.status).toBe(200);
    expect(single.headers.get("content-type")).toMatch(/^text\/x-script/u);
  });
});
