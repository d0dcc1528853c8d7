/**
 * Public pages are one copy for everyone (shared caches keep them): the browser, not the server,
 * pre-selects the visitor's likely country from its languages (docs/decisions/0042-…).
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser";

const baseUrl = inject("baseUrl");
const PETITION = "/en/petitions/stop-the-cybercrime-convention";
const LETTERS = "/en/letters/write-to-your-government";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe("the visitor's likely country, found by the browser", () => {
  it("with JavaScript: the sign form, the letter chooser and the home search offer the country of the browser's language", async () => {
    const { page } = await openPage(browser, { locale: "pt-BR" });
    const response = await page.goto(`${baseUrl}${PETITION}`);
    // The page itself names no country: the same copy as everyone's.
    expect(await response!.text()).not.toMatch(/<option value="[A-Z]{3}" selected/u);
    await expect.poll(() => page.locator("#sign-country").inputValue()).toBe("BRA");
    await page.goto(`${baseUrl}${LETTERS}`);
    await expect.poll(() => page.locator("#letter-country").inputValue()).toBe("bra");
    await page.goto(`${baseUrl}/en`);
    await expect.poll(() => page.locator(".likely-country a").getAttribute("href")).toBe("/en/countries/bra");
  });

  it("a visitor who chose a country keeps it", async () => {
    const { page } = await openPage(browser, { locale: "de-DE" });
    await page.goto(`${baseUrl}${LETTERS}?country=fra`);
    await page.waitForTimeout(300);
    expect(await page.locator("#letter-country").inputValue()).toBe("fra");
  });

  it("without JavaScript: nothing is pre-selected, the visitor picks", async () => {
    const { page } = await openPage(browser, { locale: "pt-BR", javaScriptEnabled: false });
    await page.goto(`${baseUrl}${PETITION}`);
    expect(await page.locator("#sign-country").inputValue()).toBe("");
    await page.goto(`${baseUrl}/en`);
    expect(await page.locator(".likely-country").count()).toBe(0);
  });
});
