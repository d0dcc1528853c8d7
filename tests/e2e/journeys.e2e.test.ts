import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser";

const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe("home page", () => {
  it("asks the campaign's question in English, left to right", async () => {
    const { page, assertNoErrors, close } = await openPage(browser);
    await page.goto(`${baseUrl}/en`);
    expect(await page.locator("h1").textContent()).toBe("Where does your country stand on the UN Cybercrime Convention?");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.getAttribute("html", "dir")).toBe("ltr");
    assertNoErrors();
    await close();
  });

  it.each([
    ["fr-CA", "/fr"],
    ["de-DE", "/en"],
    ["es-MX", "/es"],
  ])("sends a browser speaking %s from / to %s", async (locale, path) => {
    const { page, close } = await openPage(browser, { locale });
    await page.goto(`${baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe(path);
    await close();
  });

  it("mirrors the layout in Arabic", async () => {
    const { page, assertNoErrors, close } = await openPage(browser, { viewport: { width: 1000, height: 800 } });
    await page.goto(`${baseUrl}/ar`);
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    const siteName = await page.locator(".site-name").boundingBox();
    const nav = await page.locator(".site-nav").boundingBox();
    // The site name starts the line: on the right in Arabic, with the navigation to its left.
    expect(siteName!.x + siteName!.width).toBeGreaterThan(900);
    expect(nav!.x).toBeLessThan(siteName!.x);
    assertNoErrors();
    await close();
  });
});

describe("language switcher", () => {
  it("keeps the current page and remembers the choice for the next visit", async () => {
    const { page, assertNoErrors, close } = await openPage(browser);
    await page.goto(`${baseUrl}/en/countries/fra`);
    await page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "Français" }).click();
    await page.waitForURL(`${baseUrl}/fr/countries/fra`);
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("fr");
    await expect.poll(() => page.locator("h1").textContent()).toBe("France");
    expect(await page.locator(".breadcrumb a").textContent()).toBe("Pays");
    await page.goto(`${baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe("/fr");
    assertNoErrors();
    await close();
  });
});

describe("find my country", () => {
  for (const javaScriptEnabled of [false, true]) {
    describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
      it.each([
        ["france", "/en/countries/fra"],
        ["usa", "/en/countries/usa"],
        ["Allemagne", "/en/countries/deu"],
        ["美国", "/en/countries/usa"],
      ])("lands on the page of %s", async (query, path) => {
        const { page, assertNoErrors, close } = await openPage(browser, { javaScriptEnabled });
        await page.goto(`${baseUrl}/en`);
        await page.getByLabel("Find your country").fill(query);
        await page.getByRole("button", { name: "Find" }).click();
        await page.waitForURL(`${baseUrl}${path}`);
        await expect(page.locator("h1").textContent()).resolves.toBeTruthy();
        assertNoErrors();
        await close();
      });

      it("lists the matches of a partial name, and says when nothing matches", async () => {
        const { page, assertNoErrors, close } = await openPage(browser, { javaScriptEnabled });
        await page.goto(`${baseUrl}/en`);
        await page.getByLabel("Find your country").fill("korea");
        await page.getByRole("button", { name: "Find" }).click();
        await page.waitForURL(/\/en\/countries\?q=korea/);
        await page.locator('table a[href="/en/countries/kor"]').waitFor();
        expect(await page.locator('table a[href="/en/countries/prk"]').count()).toBe(1);
        await page.getByLabel("Find your country").fill("zzzz");
        await page.getByRole("button", { name: "Find" }).click();
        await page.waitForURL(/q=zzzz/);
        await expect.poll(() => page.getByRole("status").first().textContent()).toContain("No country matches");
        assertNoErrors();
        await close();
      });
    });
  }

  it("shows a country in French with its facts and their sources", async () => {
    const { page, assertNoErrors, close } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${baseUrl}/fr`);
    await page.locator('input[name="q"]').fill("Allemagne");
    await page.locator('input[name="q"]').press("Enter");
    await page.waitForURL(`${baseUrl}/fr/countries/deu`);
    const sources = page.locator("a.source-link");
    expect(await sources.count()).toBeGreaterThan(0);
    const href = await sources.first().getAttribute("href");
    expect(href).toMatch(/^https?:\/\//);
    assertNoErrors();
    await close();
  });
});
