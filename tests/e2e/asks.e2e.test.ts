import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { violationsOn } from "./axe";
import { launchBrowser, openPage } from "./browser";
import { signIn } from "./organizer-sign-in";

const baseUrl = inject("baseUrl");
const LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh"] as const;
const PETITION = "stop-the-cybercrime-convention";
const SOURCE = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-16&chapter=18";
// Peru signed in the seed, and no other browser test changes its record.
const COUNTRY = "per";
const SIGNED_ASK = "Ratify only with enforceable safeguards";
const PARTY_ASK = "Declare the safeguards you will apply";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const askBlock = (page: Page) => page.locator("section.country-actions");

/**
 * The "act on" block of the country page as a new visitor gets it (the browser would keep its own
 * copy a minute), once it shows `text`: the server's page cache replays a copy for a second.
 */
async function askBlockShowing(path: string, text: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { page, context } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${baseUrl}${path}`);
    const shown = (await askBlock(page).textContent()) ?? "";
    const petitionLinks = await askBlock(page).locator(`a[href$="/petitions/${PETITION}"]`).count();
    await context.close();
    if (shown.includes(text) || Date.now() > deadline) return `${shown} [petition links: ${petitionLinks}]`;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe("asks per country status, without JavaScript", () => {
  it(
    "an organizer writes the asks for signed and party; the country page shows the one for its status, and the other once a ratification is recorded",
    async () => {
      const { page, context } = await openPage(browser, { javaScriptEnabled: false });
      await signIn(page);
      await page.goto(`${baseUrl}/en/organize/petitions/${PETITION}/edit`);
      await page.getByRole("link", { name: "Asks per country status" }).click();
      await page.waitForURL(/\/asks$/u);

      // Half an ask: refused by the field, what was typed kept, nothing stored.
      await page.locator("#editor-heading\\.signed").fill(SIGNED_ASK);
      await page.locator("#editor-heading\\.party").fill(PARTY_ASK);
      await page.locator("#editor-body\\.party").fill("");
      await page.getByRole("button", { name: /Save the asks in English/u }).click();
      await page.locator("#editor-body\\.signed-error").waitFor();
      expect(await page.locator("#editor-heading\\.signed").inputValue()).toBe(SIGNED_ASK);
      expect(await page.locator("#editor-body\\.signed").getAttribute("aria-invalid")).toBe("true");

      await page.locator("#editor-body\\.signed").fill("Ask parliament to ratify only with enforceable human-rights safeguards.");
      await page.locator("#editor-body\\.party").fill("Ask the government to declare the safeguards it will apply.");
      await page.getByRole("button", { name: /Save the asks in English/u }).click();
      await page.waitForURL(/saved/u);
      await page.getByText("Asks saved.").waitFor();
      expect(await page.locator("#editor-heading\\.party").inputValue()).toBe(PARTY_ASK);

      // Another language is a GET: French has none yet.
      await page.getByRole("navigation", { name: "Language of the asks" }).getByRole("link", { name: /Français/u }).click();
      await page.waitForURL(/language=fr/u);
      expect(await page.locator("#editor-heading\\.signed").inputValue()).toBe("");

      // The country page: Peru signed, so the "signed" ask, with the petition's count and link.
      const block = await askBlockShowing(`/en/countries/${COUNTRY}`, SIGNED_ASK);
      expect(block).toContain(SIGNED_ASK);
      expect(block).not.toContain(PARTY_ASK);
      expect(block).toContain("Signatures:");
      expect(block).toContain("[petition links: 1]");

      // A French reader sees the default language's ask (none was written in French).
      expect(await askBlockShowing(`/fr/countries/${COUNTRY}`, SIGNED_ASK)).toContain(SIGNED_ASK);

      // Peru ratifies (the organizer records it in the facts editor): the page now asks what a party is asked.
      await page.goto(`${baseUrl}/en/organize/countries/${COUNTRY}`);
      await page.locator("#action-action").selectOption("ratification");
      await page.locator("#action-date").fill("2026-12-01");
      await page.locator("#action-sourceUrl").fill(SOURCE);
      await page.locator("form:has(#action-action) button[type=submit]").click();
      await page.waitForURL(/\/organize\/countries\/per/u);
      const after = await askBlockShowing(`/en/countries/${COUNTRY}`, PARTY_ASK);
      expect(after).toContain(PARTY_ASK);
      expect(after).not.toContain(SIGNED_ASK);
      await context.close();

      // axe on the page with the block, in every language; and on the editor, both directions.
      const checker = await openPage(browser, { bypassCSP: true });
      for (const lng of LANGUAGES) {
        await checker.page.goto(`${baseUrl}/${lng}/countries/${COUNTRY}`);
        await askBlock(checker.page).waitFor();
        expect(await violationsOn(checker.page, `/${lng}/countries/${COUNTRY} with its asks`)).toEqual([]);
      }
      await signIn(checker.page);
      for (const lng of ["en", "ar"]) {
        await checker.page.goto(`${baseUrl}/${lng}/organize/letters/write-to-your-government/asks`);
        expect(await violationsOn(checker.page, `/${lng}/organize/letters/…/asks`)).toEqual([]);
      }

      // Emptied, the asks are gone: the page shows the petition's own title again (and the files after this one find the seed as it was).
      await checker.page.goto(`${baseUrl}/en/organize/petitions/${PETITION}/asks`);
      for (const field of ["heading.signed", "body.signed", "heading.party", "body.party"]) await checker.page.locator(`#editor-${field.replace(".", "\\.")}`).fill("");
      await checker.page.getByRole("button", { name: /Save the asks in English/u }).click();
      await checker.page.getByText("Asks saved.").waitFor();
      await checker.context.close();
      const emptied = await askBlockShowing(`/en/countries/${COUNTRY}`, "Don't ratify");
      expect(emptied).toContain("Don't ratify");
      expect(emptied).not.toContain(PARTY_ASK);
    },
    120_000,
  );
});
