import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { violationsOn } from "./axe";
import { launchBrowser, openPage } from "./browser";
import { signIn } from "./organizer-sign-in";

const baseUrl = inject("baseUrl");
const JOURNEY_TIMEOUT_MS = 120_000;
/** A page of the UN Treaty Collection that no seeded fact cites: its links on a public page come from this import. */
const SOURCE = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-16&chapter=18&clang=_en";
/**
 * As a browser copies the participant table: Norway new (a signature and an acceptance), Türkiye's
 * signature on record from an official source (confirmed now), a name of no country.
 */
const TABLE = [
  "Participant\tSignature\tRatification, Acceptance(A), Approval(AA), Accession(a), Succession(d), Formal confirmation(c)",
  "Norway\t25 Oct 2025\t2 Mar 2026 A",
  "Türkiye\t25 Oct 2025\t",
  "Duchy of Grand Fenwick 7\t25 Oct 2025\t",
].join("\n");
const AS_OF = "2026-03-05";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function fillImportForm(page: Page, input: string, asOf = AS_OF) {
  await page.goto(`${baseUrl}/en/organize/countries/import`);
  await page.getByRole("heading", { name: "Import from the depositary" }).waitFor();
  await page.locator("#import-input").fill(input);
  await page.locator("#import-sourceUrl").fill(SOURCE);
  await page.locator("#import-asOf").fill(asOf);
}

/** Links to SOURCE on a public page, as a new visitor sees it (public pages may be cached by the browser for a minute). */
const sourceLinksOn = async (path: string) => {
  const { page, context } = await openPage(browser);
  await page.goto(`${baseUrl}${path}`);
  const count = await page.locator(`a[href="${SOURCE}"]`).count();
  await context.close();
  return count;
};

describe("importing the depositary's participant table in the browser", () => {
  it(
    "with JavaScript: paste, see what would change, apply, read the result; the public page cites the new fact",
    async () => {
      const { page, errors } = await openPage(browser, { bypassCSP: true });
      await signIn(page);
      expect(await sourceLinksOn("/en/countries/nor")).toBe(0);

      // Reached from the country facts page.
      await page.goto(`${baseUrl}/en/organize/countries`);
      await page.getByRole("link", { name: "Import the participant table from the UN Treaty Collection" }).click();
      await page.getByRole("heading", { name: "Import from the depositary" }).waitFor();
      // Prefilled with the treaty's page in the UN Treaty Collection.
      expect(await page.locator("#import-sourceUrl").inputValue()).toMatch(/^https:\/\/treaties\.un\.org\//u);

      // A malformed table: the problem with its line, what was typed kept.
      await fillImportForm(page, TABLE.replace("2 Mar 2026 A", "2 Mars 2026 A"));
      await page.getByRole("button", { name: "Show what would change" }).click();
      await page.getByText("The table could not be read and nothing was changed").waitFor();
      expect(await page.getByText("Line 2, column Ratification, acceptance, approval, accession, succession, formal confirmation: “2 Mars 2026 A” is not a date").count()).toBe(1);
      expect(await page.locator("#import-input").inputValue()).toContain("2 Mars 2026 A");
      expect(await page.locator("#import-input").getAttribute("aria-invalid")).toBe("true");
      expect(await violationsOn(page, "import with a malformed table")).toEqual([]);

      // A source that is not the depositary's own page.
      await fillImportForm(page, TABLE);
      await page.locator("#import-sourceUrl").fill("https://news.example.org/norway");
      await page.getByRole("button", { name: "Show what would change" }).click();
      await page.getByText("Facts confirmed by the depositary need the depositary's own page").waitFor();

      // The preview: nothing written yet.
      await fillImportForm(page, TABLE);
      await page.getByRole("button", { name: "Show what would change" }).click();
      await page.getByRole("heading", { name: "What the import would change" }).waitFor();
      await page.getByRole("heading", { name: "New facts: 2" }).waitFor();
      const added = page.getByRole("region", { name: "New facts: 2" });
      expect(await added.locator("tbody tr").allInnerTexts()).toEqual([expect.stringMatching(/Norway.*Signature.*October 25, 2025/su), expect.stringMatching(/Norway.*Acceptance.*March 2, 2026/su)]);
      await page.getByRole("heading", { name: "Names matched to no country: 1 (nothing is recorded for them)" }).waitFor();
      expect(await page.getByRole("region", { name: /Names matched to no country/u }).innerText()).toContain("Duchy of Grand Fenwick");
      // The seeded signatures this short table leaves out are listed, each with a box to tick, none ticked.
      const gone = page.getByRole("region", { name: /On record but not in the table/u });
      expect(await gone.locator('input[type="checkbox"]').count()).toBeGreaterThan(10);
      expect(await gone.locator('input[type="checkbox"]:checked').count()).toBe(0);
      expect(await page.getByRole("region", { name: /Confirmed by the depositary: 1/u }).innerText()).toMatch(/Türkiye.*Signature.*official publication/su);
      await page.getByText("Already on record as in the table: 0.").waitFor();
      expect(await violationsOn(page, "import preview")).toEqual([]);
      expect(await sourceLinksOn("/en/countries/nor")).toBe(0);

      // Apply, from the preview (the table goes with it in a hidden field).
      await page.getByRole("button", { name: "Apply the import" }).click();
      await page.waitForURL(/\/en\/organize\/countries\/import\?applied=\d+$/u);
      await page.getByRole("heading", { name: "Import applied" }).waitFor();
      await page.getByText("New facts: 2").waitFor();
      await page.getByText("Confirmed by the depositary: 1").waitFor();
      await page.getByText("Kept although not in the table:").waitFor();
      expect(await page.getByText("Line 4: Duchy of Grand Fenwick").count()).toBe(1);
      expect(await page.getByRole("link", { name: "Norway (NOR)" }).count()).toBe(1);
      expect(await violationsOn(page, "import result")).toEqual([]);

      // The public page now shows Norway's fact, citing the depositary's page. A process replays a
      // rendered page for PAGE_CACHE_MS, and the first request after that gets the old copy while
      // the page renders anew (server/page-cache.ts): the fact shows within seconds, not at once.
      await expect.poll(() => sourceLinksOn("/en/countries/nor"), { timeout: 15_000, interval: 500 }).toBeGreaterThan(0);
      expect(errors()).toEqual([]);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    "without JavaScript: the same table again previews nothing to change, and applying it says so",
    async () => {
      const { page } = await openPage(browser, { javaScriptEnabled: false });
      await signIn(page);
      await fillImportForm(page, TABLE);
      await page.getByRole("button", { name: "Show what would change" }).click();
      await page.getByText("Nothing to add, correct or confirm: the facts on record match the table.").waitFor();
      expect(await page.locator("#import-input").inputValue()).toBe(TABLE);
      await page.getByRole("button", { name: "Apply the import" }).click();
      await page.waitForURL(/\/en\/organize\/countries\/import\?applied=\d+$/u);
      await page.getByText("Nothing to change: the facts on record already matched the table").waitFor();
      await page.getByText("New facts: 0").waitFor();
    },
    JOURNEY_TIMEOUT_MS,
  );
});
