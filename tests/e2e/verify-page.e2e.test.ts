/**
 * The page about a petition's signature log: the explanation, the check in the browser, a
 * receipt checked without leaving it, in English, Arabic (right to left) and Chinese; and what
 * it says without JavaScript. On a petition of its own, published here: nothing is counted in
 * it before this file signs it, whatever other files did to the demo petition.
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeReceipt } from "../../app/modules/transparency/receipt";
import { receiptFragment } from "../../app/lib/links/receipt-links";
import { launchBrowser, openPage } from "./browser";
import { signIn } from "./organizer-sign-in";
import { confirmLinkFor } from "./outbox-mail";

const baseUrl = inject("baseUrl");
const SLUG = "e2e-log-page";
const DEMO = "stop-the-cybercrime-convention";
/** The latest checkpoint answers 404 until the petition's first one: the page says so, the test expects it. */
const LOG_NOT_YET = /\/api\/v1\/petitions\/[^/]+\/log\/checkpoint$/u;
/** A person takes longer than the sign form's minimum fill time (2 s); so does this test. */
const FILL_TIME_MS = 2100;

type Texts = { [key: string]: string | Texts };
const texts = (lng: string, ns = "transparency"): Texts => JSON.parse(readFileSync(`locales/${lng}/${ns}.json`, "utf8")) as Texts;
const text = (tree: Texts, path: string): string => path.split(".").reduce<Texts | string>((node, key) => (node as Texts)[key]!, tree) as string;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** The log's public address as the page names it (its command line shows the petition's). */
async function logOriginOn(page: Page): Promise<string> {
  const command = await page.locator("#verify-command").inputValue();
  const petitionUrl = new URL(command.replace(/^npm run verify -- /u, ""));
  return `${petitionUrl.origin}/petitions/${petitionUrl.pathname.split("/").at(-1)}`;
}

async function latestCheckpoint(): Promise<{ size: number; counts: { total: number }; time: string } | null> {
  const response = await fetch(`${baseUrl}/api/v1/petitions/${SLUG}/log/checkpoint`);
  return response.status === 404 ? null : ((await response.json()) as { size: number; counts: { total: number }; time: string });
}

describe("the verify page", () => {
  it("is there for a petition as soon as it is published", async () => {
    const { page } = await openPage(browser);
    await signIn(page);
    await page.goto(`${baseUrl}/en/organize/petitions/new`);
    await page.locator("#editor-slug").fill(SLUG);
    await page.locator('[id="editor-title.en"]').fill("Publish the negotiating texts");
    await page.locator('[id="editor-addressedTo.en"]').fill("Our government");
    await page.locator('[id="editor-body.en"]').fill("What is signed in our name should be read by us first.");
    await page.getByRole("button", { name: "Save" }).click();
    // A draft has no public log page.
    expect((await fetch(`${baseUrl}/en/petitions/${SLUG}/verify`)).status).toBe(404);
    await page.getByRole("button", { name: "Publish: open it for signatures" }).click();
    await page.getByText("Status: Live.").waitFor();
    await expect.poll(async () => (await fetch(`${baseUrl}/en/petitions/${SLUG}/verify`)).status, { timeout: 10_000 }).toBe(200);
  });

  for (const lng of ["en", "ar", "zh"] as const) {
    it(`explains the log and, before its first checkpoint, says there is nothing to check yet (${lng})`, async () => {
      const t = texts(lng);
      const { page } = await openPage(browser, {}, { expectedFailures: LOG_NOT_YET });
      const response = await page.goto(`${baseUrl}/${lng}/petitions/${SLUG}/verify`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()["cache-control"]).toMatch(/^public/u);
      expect(await page.getAttribute("html", "dir")).toBe(lng === "ar" ? "rtl" : "ltr");
      expect(await page.locator("h1").textContent()).toBe(text(t, "heading"));
      for (const key of ["explain.proves.count", "explain.proves.grows", "explain.proves.yours", "explain.proves.private", "explain.cannot"]) {
        await page.getByText(text(t, key)).waitFor();
      }
      expect(await page.locator("#verify-command").inputValue()).toMatch(new RegExp(`^npm run verify -- http://\\S+/${lng}/petitions/${SLUG}$`, "u"));
      await page.getByRole("button", { name: text(t, "check.button") }).click();
      const status = page.locator(".verify-check .verify-status[data-outcome]");
      await status.waitFor();
      expect(await status.getAttribute("data-outcome")).toBe("no_checkpoint");
      expect(await status.textContent()).toBe(text(t, "result.noCheckpoint"));
    });
  }

  it("without JavaScript shows the explanation and the command line, and no button that would do nothing", async () => {
    const t = texts("en");
    const { page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${baseUrl}/en/petitions/${DEMO}/verify`);
    await page.getByText(text(t, "explain.proves.count")).waitFor();
    expect(await page.locator(".verify-needs-js").allTextContents()).toEqual([text(t, "check.needsJavaScript"), text(t, "receipt.needsJavaScript").replace(/<\/?flag>/gu, "")]);
    expect(await page.locator(".verify-needs-js code").textContent()).toBe("--receipt");
    expect(await page.locator("main button:visible").count()).toBe(0);
    expect(await page.locator("#receipt-text").count()).toBe(0);
    expect(await page.locator("#verify-command").inputValue()).toMatch(/^npm run verify -- http:\/\/\S+\/en\/petitions\/stop-the-cybercrime-convention$/u);
  });

  it("fills in a receipt from the link's fragment, keeps it in the browser, and names the field of a malformed one", async () => {
    const t = texts("fr");
    const { page } = await openPage(browser);
    await page.goto(`${baseUrl}/fr/petitions/${DEMO}/verify`);
    const origin = await logOriginOn(page);
    const secret = new Uint8Array(32).fill(7);
    const receipt = makeReceipt(origin, 3, "5d1e0c9a-2b7f-4c1e-8a3d-6f5e4d3c2b1a", secret);
    const sent: string[] = [];
    page.on("request", (request) => sent.push(`${request.url()} ${request.postData() ?? ""}`));
    await page.goto("about:blank");
    await page.goto(`${baseUrl}/fr/petitions/${DEMO}/verify#${receiptFragment(receipt)}`);
    const field = page.locator("#receipt-text");
    await expect.poll(() => field.inputValue()).toBe(JSON.stringify(receipt));
    await page.getByText(text(t, "receipt.fromLink")).waitFor();

    // A changed secret no longer matches the commitment: refused before anything is asked.
    await field.fill(JSON.stringify({ ...receipt, secret: "08".repeat(32) }));
    await page.getByRole("button", { name: text(t, "receipt.button") }).click();
    expect(await page.locator("#receipt-error").textContent()).toBe(text(t, "receipt.problem.commitment_mismatch"));
    await field.fill(JSON.stringify({ ...receipt, index: -1 }));
    await page.getByRole("button", { name: text(t, "receipt.button") }).click();
    expect(await page.locator("#receipt-error").textContent()).toBe(text(t, "receipt.problem.bad_index"));
    await field.fill("{ not json");
    await page.getByRole("button", { name: text(t, "receipt.button") }).click();
    expect(await page.locator("#receipt-error").textContent()).toBe(text(t, "receipt.problem.not_json"));
    expect(await field.getAttribute("aria-invalid")).toBe("true");

    const secretHex = receipt.secret;
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((line) => line.includes(secretHex) || line.includes(receipt.signatureId) || line.includes("receipt="))).toEqual([]);
  });

  it("is linked from the count on the petition page", async () => {
    const { page } = await openPage(browser);
    await page.goto(`${baseUrl}/es/petitions/${DEMO}`);
    await page.getByRole("link", { name: text(texts("es", "petitions"), "progress.verifyLink") }).click();
    await page.waitForURL(`${baseUrl}/es/petitions/${DEMO}/verify`);
    // A navigation in the page: the log's texts come with it (the root's data is fetched again for this page).
    await expect.poll(() => page.locator("h1").textContent()).toBe(text(texts("es"), "heading"));
    await page.getByText(text(texts("es"), "explain.cannot")).waitFor();
  });

  it("is not found for a petition that does not exist", async () => {
    const response = await fetch(`${baseUrl}/en/petitions/no-such-petition/verify`);
    expect(response.status).toBe(404);
  });
});

describe("once the petition's signatures are in a checkpoint", () => {
  it("verifies the count in the browser, in en, ar and zh, and it is the checkpoint's; the signer's receipt is counted", async () => {
    const { page: signer } = await openPage(browser);
    await signer.goto(`${baseUrl}/en/petitions/${SLUG}`);
    const form = signer.locator(".sign-form");
    await form.locator("#sign-name").fill("Lin Verifier");
    await form.locator("#sign-email").fill("lin.verifier@example.org");
    await form.locator("#sign-country").selectOption("KEN");
    await signer.waitForTimeout(FILL_TIME_MS);
    await form.locator("button[type=submit]").click();
    await signer.waitForURL(/\/signed\?ref=/u);
    const link = new URL(await confirmLinkFor(signer, "lin.verifier@example.org"));
    await signer.goto(`${baseUrl}${link.pathname}${link.search}`);
    await signer.locator("form button[type=submit]").click();
    await signer.waitForURL(/done/u);

    // The count is folded in within seconds, its entry appended (the confirm page shows the receipt), and the log's first checkpoint signed.
    await signer.locator("#receipt-json").waitFor({ timeout: 20_000 });
    const receipt = JSON.parse(await signer.locator("#receipt-json").inputValue()) as { index: number };
    await expect.poll(async () => (await latestCheckpoint())?.counts.total ?? 0, { timeout: 30_000, interval: 1000 }).toBe(1);
    const checkpoint = (await latestCheckpoint())!;

    for (const lng of ["en", "ar", "zh"] as const) {
      const t = texts(lng);
      const { page } = await openPage(browser, { viewport: { width: 1000, height: 900 } });
      await page.goto(`${baseUrl}/${lng}/petitions/${SLUG}/verify`);
      await page.getByRole("button", { name: text(t, "check.button") }).click();
      const status = page.locator(".verify-check .verify-status[data-outcome]");
      await status.waitFor({ timeout: 20_000 });
      expect(await status.getAttribute("data-outcome"), await status.textContent() ?? "").toBe("verified");
      expect(await status.locator(".verify-headline").textContent()).toBe(
        text(t, lng === "zh" ? "result.verified_other" : "result.verified_one").replace("{{shown}}", "1").replace("{{size}}", String(checkpoint.size)),
      );
      expect(await status.textContent()).toContain(new Intl.DateTimeFormat(lng, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(checkpoint.time)));

      // The receipt, pasted as the confirm page showed it (several lines).
      await page.locator("#receipt-text").fill(JSON.stringify(receipt, null, 2));
      await page.getByRole("button", { name: text(t, "receipt.button") }).click();
      const receiptStatus = page.locator(".verify-receipt .verify-status[data-outcome]");
      await receiptStatus.waitFor({ timeout: 20_000 });
      expect(await receiptStatus.getAttribute("data-outcome"), (await receiptStatus.textContent()) ?? "").toBe("receipt-counted");
      expect(await receiptStatus.locator(".verify-headline").textContent()).toBe(text(t, "receipt.counted").replace("{{index}}", String(receipt.index)));
      await page.screenshot({ path: `test-results/verify-page-${lng}.png`, fullPage: true });
    }

    // The confirm page's own link: the receipt rides in the fragment, the page fills it in, it is counted.
    await signer.locator(".receipt a", { hasText: text(texts("en", "petitions"), "confirm.receipt.check") }).click();
    await signer.waitForURL(/\/verify#receipt=/u);
    await expect.poll(() => signer.locator("#receipt-text").inputValue()).toBe(JSON.stringify(receipt));
    await signer.getByRole("button", { name: text(texts("en"), "receipt.button") }).click();
    const fromLink = signer.locator(".verify-receipt .verify-status[data-outcome]");
    await fromLink.waitFor({ timeout: 20_000 });
    expect(await fromLink.getAttribute("data-outcome")).toBe("receipt-counted");
  });

  it("checks a receipt against the real log: one that is not entry 0's signature is refused as such", async () => {
    const t = texts("en");
    const { page } = await openPage(browser);
    await page.goto(`${baseUrl}/en/petitions/${SLUG}/verify`);
    const stranger = makeReceipt(await logOriginOn(page), 0, "0b8e5a7c-3d2f-4e1a-9c6b-7a5d4e3f2c1b", new Uint8Array(32).fill(9));
    await page.goto("about:blank");
    await page.goto(`${baseUrl}/en/petitions/${SLUG}/verify#${receiptFragment(stranger)}`);
    await expect.poll(() => page.locator("#receipt-text").inputValue()).toBe(JSON.stringify(stranger));
    await page.getByRole("button", { name: text(t, "receipt.button") }).click();
    const status = page.locator(".verify-receipt .verify-status[data-outcome]");
    await status.waitFor({ timeout: 20_000 });
    expect(await status.getAttribute("data-code")).toBe("receipt_entry_mismatch");
    expect(await status.locator(".verify-headline").textContent()).toBe(text(t, "failure.receipt_entry_mismatch"));
  });
});

describe("the privacy page", () => {
  it("says what erasure leaves in the public log", async () => {
    const { page } = await openPage(browser);
    await page.goto(`${baseUrl}/ru/privacy`);
    await page.getByText(text(texts("ru", "common"), "privacy.erasure.log")).waitFor();
  });
});
