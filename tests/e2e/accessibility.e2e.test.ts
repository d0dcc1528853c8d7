import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { violationsOn } from "./axe";
import { launchBrowser, openPage } from "./browser";

const baseUrl = inject("baseUrl");
const LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh"];
/** Each page under /:lng, with the status it must answer (so axe never checks an error page by mistake). */
const PAGES: [string, number][] = [
  ["", 200],
  ["/countries", 200],
  ["/countries?region=Europe&sort=status", 200],
  ["/countries?q=korea", 200],
  ["/countries?q=zzzz", 200],
  ["/countries/fra", 200],
  ["/countries/usa", 200],
  ["/countries/gbr", 200],
  ["/privacy", 200],
  ["/organize/sign-in", 200],
  ["/organize/sign-in/not-a-token", 200],
  ["/petitions/stop-the-cybercrime-convention", 200],
  ["/petitions/stop-the-cybercrime-convention/signed?ref=abcdefgh&country=fra", 200],
  ["/letters/write-to-your-government?country=fra", 200],
  ["/letters/write-to-your-government?country=jpn", 200],
  ["/letters/write-to-your-government/sent", 200],
  ["/no-such-page", 404],
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());


describe("axe (WCAG 2.0 and 2.1, A and AA) finds no violation", () => {
  for (const lng of LANGUAGES) {
    it(`on every public page in ${lng}`, async () => {
      // The app's CSP refuses injected scripts: this context bypasses it to run axe.
      const { page } = await openPage(browser, { bypassCSP: true });
      const report: string[] = [];
      let checked = 0;
      for (const [path, status] of PAGES) {
        const url = `/${lng}${path}`;
        const response = await page.goto(`${baseUrl}${url}`);
        expect(response?.status(), url).toBe(status);
        expect(await page.getAttribute("html", "lang"), url).toBe(lng);
        report.push(...(await violationsOn(page, url)));
        checked += 1;
      }
      expect(checked).toBe(PAGES.length);
      expect(report, report.join("\n")).toEqual([]);
    });
  }

  it("on the petition embed and on a sign form showing errors, in every language", async () => {
    const { page } = await openPage(browser, { bypassCSP: true });
    const report: string[] = [];
    for (const lng of LANGUAGES) {
      const embed = `/embed/petitions/stop-the-cybercrime-convention?lng=${lng}`;
      expect((await page.goto(`${baseUrl}${embed}`))?.status()).toBe(200);
      report.push(...(await violationsOn(page, embed)));

      const petition = `/${lng}/petitions/stop-the-cybercrime-convention`;
      await page.goto(`${baseUrl}${petition}`);
      await page.locator(".sign-form button[type=submit]").click();
      await page.locator(".error-summary").waitFor();
      report.push(...(await violationsOn(page, `${petition} (errors)`)));
    }
    expect(report, report.join("\n")).toEqual([]);
  });
});
