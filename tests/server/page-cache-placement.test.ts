import { describe, expect, it } from "vitest";
import { showsVisitorCountry, type PageCacheability } from "~/lib/page-cacheability";
import { pagePlacement, type PageRequest } from "../../server/page-cache";
import { publicPageCacheability } from "../support/page-routes";

const calm = { active: false, pageCacheMs: 1000 };
const surging = { active: true, pageCacheMs: 15_000 };
const get = (path: string, acceptLanguage?: string): PageRequest => ({ method: "GET", url: path, path, acceptLanguage });

describe("where the page cache keeps a page", () => {
  it.each<[PageCacheability, string, string]>([
    ["same-for-everyone", "/en/countries/bra", "/en/countries/bra"],
    ["by-visitor-country", "/en/countries", "/en/countries|BR"],
    ["by-visitor-country-except-in-surge", "/en/petitions/a", "/en/petitions/a|BR"],
  ])("%s: one copy for all, or one per likely country", (page, path, key) => {
    expect(pagePlacement(page, get(path, "pt-BR,pt;q=0.9"), calm)).toEqual({ key, ttlMs: 1000 });
  });

  it("keeps a page that varies by country under an empty country when none can be told", () => {
    expect(pagePlacement("by-visitor-country", get("/en"), calm)).toEqual({ key: "/en|", ttlMs: 1000 });
    expect(pagePlacement("by-visitor-country", get("/en", "en"), calm)?.key).toBe("/en|");
  });

  it("in surge mode: a petition is one copy per language, for the surge cache life; other pages keep their copies by country", () => {
    expect(pagePlacement("by-visitor-country-except-in-surge", get("/en/petitions/a", "pt-BR"), surging)).toEqual({ key: "/en/petitions/a", ttlMs: 15_000 });
    expect(pagePlacement("by-visitor-country", get("/en/countries", "pt-BR"), surging)).toEqual({ key: "/en/countries|BR", ttlMs: 15_000 });
    expect(pagePlacement("same-for-everyone", get("/en/countries/bra", "pt-BR"), surging)).toEqual({ key: "/en/countries/bra", ttlMs: 15_000 });
  });

  it("keeps nothing of a page that declares nothing, another method, a query string, an odd spelling, or with no cache life", () => {
    expect(pagePlacement(undefined, get("/en/organize"), calm)).toBeNull();
    expect(pagePlacement("same-for-everyone", { ...get("/en/countries/bra"), method: "POST" }, calm)).toBeNull();
    expect(pagePlacement("same-for-everyone", { ...get("/en/countries/bra"), method: "HEAD" }, calm)).toBeNull();
    expect(pagePlacement("same-for-everyone", { ...get("/en/countries/bra"), url: "/en/countries/bra?x=1" }, calm)).toBeNull();
    for (const path of ["/en/countries/bra/", "/en/countries/BRA", "/en/countries/br%41", "/en//countries"]) {
      expect(pagePlacement("same-for-everyone", get(path), calm), path).toBeNull();
    }
    expect(pagePlacement("same-for-everyone", get("/en/countries/bra"), { active: false, pageCacheMs: 0 })).toBeNull();
  });

  it("the loader shows the visitor's country exactly when the copy is kept per country", () => {
    for (const page of ["same-for-everyone", "by-visitor-country", "by-visitor-country-except-in-surge"] as const) {
      for (const surge of [calm, surging]) {
        const placement = pagePlacement(page, get("/en/x", "pt-BR"), surge);
        expect(placement?.key.endsWith("|BR"), `${page}, surge ${surge.active}`).toBe(showsVisitorCountry(page, surge));
      }
    }
  });
});

describe("a route's declaration, found as Remix matches the path", () => {
  it.each([
    ["/en", "by-visitor-country"],
    ["/en/countries", "by-visitor-country"],
    ["/en/countries/bra", "same-for-everyone"],
    ["/en/petitions/a", "by-visitor-country-except-in-surge"],
    ["/en/petitions/a/signed", undefined],
    ["/en/unknown/page", undefined],
    ["/", undefined],
  ])("%s: %s", (path, declared) => {
    expect(publicPageCacheability(path)).toBe(declared);
  });
});
