import { describe, expect, it } from "vitest";
import { PAGE_CACHEABILITIES } from "~/lib/page-cacheability";
import { pagePlacement, type PageRequest } from "../../server/page-cache";
import { publicPageCacheability } from "../support/page-routes";

const calm = { active: false, pageCacheMs: 1000 };
const surging = { active: true, pageCacheMs: 15_000 };
const get = (path: string): PageRequest => ({ method: "GET", url: path, path });

describe("where the page cache keeps a page", () => {
  it.each(["/en", "/en/countries", "/en/countries/bra", "/en/petitions/a"])("%s: one copy for everyone, under its path", (path) => {
    expect(pagePlacement("same-for-everyone", get(path), calm)).toEqual({ key: path, ttlMs: 1000 });
  });

  it("in surge mode: the same copy, for the surge cache life", () => {
    expect(pagePlacement("same-for-everyone", get("/en/petitions/a"), surging)).toEqual({ key: "/en/petitions/a", ttlMs: 15_000 });
  });

  it("has one kind of page only: nothing per visitor is rendered on the server", () => {
    expect(PAGE_CACHEABILITIES).toEqual(["same-for-everyone"]);
  });

  it("keeps nothing of a page that declares nothing, another method, a query string, an odd spelling, or with no cache life", () => {
    expect(pagePlacement(undefined, get("/en/organize"), calm)).toBeNull();
    expect(pagePlacement("same-for-everyone", { ...get("/en/countries/bra"), method: "POST" }, calm)).toBeNull();
    expect(pagePlacement("same-for-everyone", { ...get("/en/countries/bra"), method: "HEAD" }, calm)).toBeNull();
    expect(pagePlacement("same-for-everyone", { ...get("/en/countries/bra"), url: "/en/countries/bra?x=1" }, calm)).toBeNull();
    for (const path of ["/en/countries/bra/", "/en/countries/BRA", "/en/countries/br%41", "/en//countries"]) {
      expect(pagePlacement("same-for-everyone", get(path), calm), path).toBeNull();
    }
    expect(pagePlacement("same-for-everyone", get("/en/countries/bra"), { pageCacheMs: 0 })).toBeNull();
  });
});

describe("a route's declaration, found as Remix matches the path", () => {
  it.each([
    ["/en", "same-for-everyone"],
    ["/en/countries", "same-for-everyone"],
    ["/en/countries/bra", "same-for-everyone"],
    ["/en/petitions/a", "same-for-everyone"],
    ["/en/petitions/a/signed", undefined],
    ["/en/unknown/page", undefined],
    ["/", undefined],
  ])("%s: %s", (path, declared) => {
    expect(publicPageCacheability(path)).toBe(declared);
  });
});
