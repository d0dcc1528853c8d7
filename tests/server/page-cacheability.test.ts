import type { ServerBuild } from "@remix-run/node";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { routeHandle } from "~/lib/route-handle";
import { ensureProductionBuild, SERVER_BUILD_PATH } from "../../server/build";
import { pageCacheabilityIn, type PageCacheabilityLookup } from "../../server/page-cacheability";
import { PUBLIC_PAGE_ROUTES } from "../support/page-routes";

let build: ServerBuild;
let lookup: PageCacheabilityLookup;

beforeAll(async () => {
  ensureProductionBuild();
  build = (await import(pathToFileURL(SERVER_BUILD_PATH).href)) as ServerBuild;
  lookup = pageCacheabilityIn(build.routes, build.basename);
});

const declared = (routes: ServerBuild["routes"]) =>
  Object.fromEntries(Object.values(routes).flatMap((route) => (routeHandle(route.module.handle).pageCache ? [[route.id, routeHandle(route.module.handle).pageCache]] : [])));

describe("the routes of the build declare which pages the page cache may replay", () => {
  it("the home page, the country list, a country, a petition and its log page; the stand-in routes of the tests say the same", () => {
    expect(declared(build.routes)).toEqual({
      "routes/$lng._index": "same-for-everyone",
      "routes/$lng.countries._index": "same-for-everyone",
      "routes/$lng.countries.$code": "same-for-everyone",
      "routes/$lng.petitions.$slug": "same-for-everyone",
      "routes/$lng.petitions.$slug_.verify": "same-for-everyone",
    });
    expect(declared(PUBLIC_PAGE_ROUTES)).toEqual(declared(build.routes));
  });

  it.each([
    ["/en", "same-for-everyone"],
    ["/zh/countries", "same-for-everyone"],
    ["/ar/countries/fra", "same-for-everyone"],
    ["/fr/petitions/stop-the-cybercrime-convention", "same-for-everyone"],
    ["/ar/petitions/stop-the-cybercrime-convention/verify", "same-for-everyone"],
    ["/", undefined],
    ["/en/petitions/a/signed", undefined],
    ["/en/letters/a", undefined],
    ["/en/privacy", undefined],
    ["/en/organize", undefined],
    ["/en/organize/petitions/a", undefined],
    ["/embed/petitions/a", undefined],
    ["/api/v1/petitions/a", undefined],
    ["/api/v1/countries", undefined],
    ["/petitions/a/signers.svg", undefined],
    ["/en/no-such-page", undefined],
  ])("%s: %s", (path, expected) => {
    expect(lookup(path)).toBe(expected);
  });
});
