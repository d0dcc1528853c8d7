import { createRequire } from "node:module";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser";

const axeSource: string = createRequire(import.meta.url)("axe-core").source;
const baseUrl = inject("baseUrl");
const LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh"];
const PAGES = ["", "/countries", "/countries?region=Europe&sort=status", "/countries/fra", "/countries/usa", "/countries/gbr", "/privacy", "/no-such-page"];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

interface AxeViolation {
  id: string;
  impact: string;
  nodes: { target: string[] }[];
}

describe("axe finds no violation", () => {
  for (const lng of LANGUAGES) {
    it(`on every public page in ${lng}`, async () => {
      // The app's CSP refuses injected scripts, so this context bypasses it to run axe.
      const { page, close } = await openPage(browser, { bypassCSP: true });
      const report: string[] = [];
      for (const path of PAGES) {
        await page.goto(`${baseUrl}/${lng}${path}`);
        await page.addScriptTag({ content: axeSource });
        const violations = (await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
          const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
          return result.violations;
        })) as AxeViolation[];
        for (const v of violations) {
          report.push(`/${lng}${path}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        }
      }
      expect(report).toEqual([]);
      await close();
    });
  }
});
