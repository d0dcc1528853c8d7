import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser";
import { confirmLinkFor } from "./outbox-mail";

const baseUrl = inject("baseUrl");
const SLUG = "stop-the-cybercrime-convention";
/** A person takes longer than the form's minimum fill time (2 s); so does this test. */
const FILL_TIME_MS = 2100;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function signedCount(): Promise<number> {
  const body = (await (await fetch(`${baseUrl}/api/v1/petitions/${SLUG}`)).json()) as { confirmedSignatures: number };
  return body.confirmedSignatures;
}

async function fillSignForm(page: Page, person: { name: string; email: string; countryLabel?: string }) {
  const form = page.locator(".sign-form");
  await form.locator("#sign-name").fill(person.name);
  await form.locator("#sign-email").fill(person.email);
  if (person.countryLabel) await form.locator("#sign-country").selectOption({ label: person.countryLabel });
  await form.locator("#sign-show-name").check();
  await page.waitForTimeout(FILL_TIME_MS);
  await form.locator("button[type=submit]").click();
}

describe("signing the demo petition", () => {
  it("works without JavaScript: sign, find the mail, confirm with the button, see the count go up", async () => {
    const { page } = await openPage(browser, { javaScriptEnabled: false });
    const before = await signedCount();
    await page.goto(`${baseUrl}/fr/petitions/${SLUG}`);
    expect(await page.locator("h1").textContent()).toBeTruthy();
    await fillSignForm(page, { name: "Camille Martin", email: "camille.nojs@example.org", countryLabel: "Belgique" });
    await page.waitForURL(/\/fr\/petitions\/stop-the-cybercrime-convention\/signed\?ref=/u);
    expect(page.url()).toContain("country=bel");

    const link = new URL(await confirmLinkFor(page, "camille.nojs@example.org"));
    expect(link.searchParams.get("lng")).toBe("fr");
    await page.goto(`${baseUrl}${link.pathname}${link.search}`);
    // Opening the link confirms nothing: a mail scanner could have opened it.
    expect(await signedCount()).toBe(before);
    await page.locator("form button[type=submit]").click();
    await page.waitForURL(/done/u);
    expect(await page.getAttribute("html", "lang")).toBe("fr");

    // Counts are folded in every few seconds: within 10 s the page shows it.
    await expect.poll(signedCount, { timeout: 10_000 }).toBe(before + 1);
    await page.goto(`${baseUrl}/fr/petitions/${SLUG}`);
    expect(await page.locator(".recent-signers").textContent()).toContain("Camille");
    expect(await page.locator(".recent-signers").textContent()).not.toContain("Martin");
  });

  it("works with JavaScript: the form submits in place, errors appear by the field, the count updates live", async () => {
    const { page } = await openPage(browser);
    await page.goto(`${baseUrl}/en/petitions/${SLUG}`);
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = "same document"));

    // A bad address: the message by the field, what was typed kept, no page load.
    await fillSignForm(page, { name: "Kim Lee", email: "kim@", countryLabel: "South Korea" });
    await page.locator("#email-error").waitFor();
    expect(await page.locator("#email-error").textContent()).toContain("name@example.org");
    expect(await page.locator("#sign-name").inputValue()).toBe("Kim Lee");

    await page.locator("#sign-email").fill("kim.js@example.org");
    await page.waitForTimeout(FILL_TIME_MS);
    await page.locator(".sign-form button[type=submit]").click();
    await page.waitForURL(/\/signed\?ref=/u);
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("same document");
    await page.getByRole("heading", { name: "Check your email" }).waitFor();

    const link = new URL(await confirmLinkFor(page, "kim.js@example.org"));
    const petitionPage = await openPage(browser);
    await petitionPage.page.goto(`${baseUrl}/en/petitions/${SLUG}`);
    const shown = Number((await petitionPage.page.getByTestId("signature-count").textContent())!.replace(/\D/gu, ""));

    await page.goto(`${baseUrl}${link.pathname}${link.search}`);
    await page.getByRole("button", { name: "Confirm my signature" }).click();
    await page.getByRole("heading", { name: "Thank you: your signature counts" }).waitFor();

    // The open petition page polls the API every 10 s and shows the new count without a reload.
    await expect
      .poll(async () => Number((await petitionPage.page.getByTestId("signature-count").textContent())!.replace(/\D/gu, "")), { timeout: 25_000 })
      .toBe(shown + 1);
  });
});
