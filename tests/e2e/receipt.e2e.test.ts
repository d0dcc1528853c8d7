import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseReceipt } from "../../app/modules/transparency/receipt";
import { launchBrowser, openPage } from "./browser";
import { confirmLinkFor, waitForMail } from "./outbox-mail";

const baseUrl = inject("baseUrl");
const SLUG = "stop-the-cybercrime-convention";
const SHOTS = join(process.cwd(), "test-results", "receipt");
/** A person takes longer than the form's minimum fill time (2 s); so does this test. */
const FILL_TIME_MS = 2100;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => browser?.close());

async function signAndConfirm(page: Page, email: string): Promise<URL> {
  await page.goto(`${baseUrl}/en/petitions/${SLUG}`);
  const form = page.locator(".sign-form");
  await form.locator("#sign-name").fill("Rosa Receipt");
  await form.locator("#sign-email").fill(email);
  await form.locator("#sign-country").selectOption({ label: "Kenya" });
  await page.waitForTimeout(FILL_TIME_MS);
  await form.locator("button[type=submit]").click();
  await page.waitForURL(/\/signed\?/u);
  const link = new URL(await confirmLinkFor(page, email));
  await page.goto(`${baseUrl}${link.pathname}${link.search}`);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL(/done/u);
  return link;
}

describe("a signer's receipt", () => {
  it("appears on the confirm page once the log job appends the entry (JavaScript polls), downloads as a file, and comes by mail", async () => {
    const { page } = await openPage(browser, { acceptDownloads: true });
    const email = "rosa.receipt@example.org";
    const link = await signAndConfirm(page, email);
    // The job appends every 2 s: the page shows "being prepared" at first, then the receipt without a reload.
    const json = page.locator("#receipt-json");
    await json.waitFor({ timeout: 20_000 });
    const parsed = parseReceipt(await json.inputValue());
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(parsed.receipt.petition).toMatch(new RegExp(`/petitions/${SLUG}$`, "u"));

    const check = await page.locator(".receipt a", { hasText: "Check it now" }).getAttribute("href");
    expect(check).toMatch(new RegExp(`^/en/petitions/${SLUG}/verify#receipt=[A-Za-z0-9_-]+$`, "u"));
    expect(JSON.parse(Buffer.from(check!.split("#receipt=")[1]!, "base64url").toString("utf8"))).toEqual(parsed.receipt);

    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".receipt a", { hasText: "Download the receipt" }).click()]);
    expect(download.suggestedFilename()).toBe(`treaty-watch-receipt-${SLUG}.json`);
    const file = parseReceipt(readFileSync((await download.path())!, "utf8"));
    expect(file.ok && file.receipt).toEqual(parsed.receipt);

    // The mail: the same receipt, and the verify link with it in the fragment.
    const mail = await waitForMail((m) => m.to.includes(email) && m.text.includes("/verify#receipt="), 30_000);
    expect(mail.text).toContain(JSON.stringify(parsed.receipt));

    for (const lng of ["en", "ar", "zh"]) {
      await page.goto(`${baseUrl}${link.pathname}?lng=${lng}`);
      await page.locator("#receipt-json").waitFor();
      expect(await page.getAttribute("html", "lang")).toBe(lng);
      await page.screenshot({ path: join(SHOTS, `confirm-receipt-${lng}.png`), fullPage: true });
    }
  });

  it("without JavaScript: the page offers a reload link until the receipt is ready", async () => {
    const { page } = await openPage(browser, { javaScriptEnabled: false });
    await signAndConfirm(page, "nojs.receipt@example.org");
    const json = page.locator("#receipt-json");
    await expect
      .poll(
        async () => {
          if ((await json.count()) > 0) return true;
          // Preparing: the reload link is a plain GET of this page.
          await page.locator(".receipt a", { hasText: "Reload this page" }).click();
          await page.waitForLoadState();
          return (await json.count()) > 0;
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe(true);
    expect(parseReceipt(await json.inputValue()).ok).toBe(true);
  });
});
