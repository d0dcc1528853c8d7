import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser";

const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const pathOf = (page: Page) => new URL(page.url()).pathname;

describe("home page", () => {
  it("asks the campaign's question in English, left to right", async () => {
    const { page } = await openPage(browser);
    const response = await page.goto(`${baseUrl}/en`);
    expect(response?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toBe("Where does your country stand on the UN Cybercrime Convention?");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.getAttribute("html", "dir")).toBe("ltr");
  });

  it.each([
    ["fr-CA,fr;q=0.9", "/fr"],
    ["de-DE,es;q=0.8", "/es"],
    ["de-DE", "/en"],
  ])("sends a browser asking for %s from / to %s", async (acceptLanguage, path) => {
    // No `locale`: Chromium would send it as Accept-Language instead of this header.
    const { page } = await openPage(browser, { locale: undefined, extraHTTPHeaders: { "Accept-Language": acceptLanguage } });
    const response = await page.goto(`${baseUrl}/`);
    // The header under test is the one the browser sent (not the context's locale).
    const first = response!.request().redirectedFrom() ?? response!.request();
    expect(await first.headerValue("accept-language")).toBe(acceptLanguage);
    expect(pathOf(page)).toBe(path);
    expect(await page.getAttribute("html", "lang")).toBe(path.slice(1));
  });
});

describe("Arabic", () => {
  /** The site name's distances to the viewport's left and right edges, in CSS pixels. */
  async function siteNameMargins(page: Page) {
    return page.evaluate(() => {
      const box = document.querySelector(".site-header .site-name")!.getBoundingClientRect();
      const width = document.documentElement.clientWidth;
      return { left: box.left, right: width - box.right, width };
    });
  }

  it("is right to left, with the header mirrored", async () => {
    const { page } = await openPage(browser, { viewport: { width: 1000, height: 800 } });
    await page.goto(`${baseUrl}/ar`);
    expect(await page.getAttribute("html", "lang")).toBe("ar");
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    expect(await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")!).direction)).toBe("rtl");

    // The site name starts the header line: at the right edge in Arabic…
    const ar = await siteNameMargins(page);
    expect(ar.right).toBeLessThan(ar.width * 0.1);
    expect(ar.left).toBeGreaterThan(ar.width / 2);
    // …with the main navigation on its left.
    const nav = await page.locator(".site-header .site-nav").boundingBox();
    const name = await page.locator(".site-header .site-name").boundingBox();
    expect(nav!.x + nav!.width).toBeLessThanOrEqual(name!.x + 1);

    // …and at the left edge of the same header in English.
    await page.goto(`${baseUrl}/en`);
    const en = await siteNameMargins(page);
    expect(en.left).toBeLessThan(en.width * 0.1);
    expect(en.right).toBeGreaterThan(en.width / 2);
  });
});

describe("language switcher", () => {
  it("keeps the current page and remembers the choice for the next visit to /", async () => {
    const { page } = await openPage(browser);
    await page.goto(`${baseUrl}/en/countries/fra`);
    expect(await page.locator("h1").textContent()).toBe("France");
    const languages = page.getByRole("navigation", { name: "Language" });
    expect(await languages.getByRole("link", { name: "English" }).getAttribute("aria-current")).toBe("true");
    await languages.getByRole("link", { name: "Français" }).click();
    await page.waitForURL(`${baseUrl}/fr/countries/fra`);
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("fr");
    await expect.poll(() => page.locator(".breadcrumb a").first().textContent()).toBe("Pays");
    expect(await page.getByRole("navigation", { name: "Langue" }).getByRole("link", { name: "Français" }).getAttribute("aria-current")).toBe(
      "true",
    );

    // The context's Accept-Language says English: only the remembered choice can give French.
    await page.goto(`${baseUrl}/`);
    expect(pathOf(page)).toBe("/fr");
    expect(await page.getAttribute("html", "lang")).toBe("fr");
  });
});

describe("find my country", () => {
  for (const javaScriptEnabled of [false, true]) {
    describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
      /** The home page in English, counting the documents loaded after it. */
      async function home() {
        const opened = await openPage(browser, { javaScriptEnabled });
        await opened.page.goto(`${baseUrl}/en`);
        let documents = 0;
        opened.page.on("request", (request) => {
          if (request.isNavigationRequest() && request.frame() === opened.page.mainFrame()) documents += 1;
        });
        return { ...opened, documentsLoaded: () => documents };
      }

      /** Without JavaScript the form is submitted by the browser; with it, the app navigates in place. */
      function expectSubmission(documentsLoaded: number) {
        if (javaScriptEnabled) expect(documentsLoaded).toBe(0);
        else expect(documentsLoaded).toBeGreaterThan(0);
      }

      it.each([
        ["france", "/en/countries/fra", "France"],
        ["usa", "/en/countries/usa", "United States"],
        ["Allemagne", "/en/countries/deu", "Germany"],
        ["美国", "/en/countries/usa", "United States"],
      ])("%s, submitted with Enter, lands on %s", async (query, path, name) => {
        const { page, documentsLoaded } = await home();
        const search = page.getByRole("search");
        await search.getByLabel("Find your country").fill(query);
        await search.getByLabel("Find your country").press("Enter");
        await page.waitForURL(`${baseUrl}${path}`);
        await expect.poll(() => page.locator("h1").textContent()).toContain(name);
        expectSubmission(documentsLoaded());
      });

      it("korea, submitted with the button, lists both Koreas; zzzz says nothing matches", async () => {
        const { page, documentsLoaded } = await home();
        await page.getByRole("search").getByLabel("Find your country").fill("korea");
        await page.getByRole("search").getByRole("button", { name: "Find" }).click();
        await page.waitForURL((url) => url.pathname === "/en/countries" && url.searchParams.get("q") === "korea");
        const results = page.locator("table.country-table tbody");
        await results.locator('a[href="/en/countries/kor"]').waitFor();
        expect(await results.locator('a[href="/en/countries/prk"]').count()).toBe(1);
        expect(await page.getByRole("status").first().textContent()).toMatch(/^2 countries match/);
        expectSubmission(documentsLoaded());

        await page.getByRole("search").getByLabel("Find your country").fill("zzzz");
        await page.getByRole("search").getByRole("button", { name: "Find" }).click();
        await page.waitForURL((url) => url.searchParams.get("q") === "zzzz");
        await expect.poll(() => page.getByRole("status").first().textContent()).toContain("No country matches");
        expect(await page.locator("table.country-table").count()).toBe(0);
      });
    });
  }

  it("shows a country in French with its facts and their sources", async () => {
    const { page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${baseUrl}/fr`);
    await page.locator('input[name="q"]').fill("Allemagne");
    await page.locator('input[name="q"]').press("Enter");
    await page.waitForURL(`${baseUrl}/fr/countries/deu`);
    expect(await page.locator("h1").textContent()).toBe("Allemagne");
    const sources = page.locator("a.source-link");
    expect(await sources.count()).toBeGreaterThan(0);
    expect(await sources.first().getAttribute("href")).toMatch(/^https?:\/\//);
  });
});
