import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser";

const baseUrl = inject("baseUrl");
const localTrial = inject("localTrial");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe("/dev/outbox", () => {
  if (!localTrial) {
    it("does not exist outside a local trial", async () => {
      expect((await fetch(`${baseUrl}/dev/outbox`)).status).toBe(404);
    });
    return;
  }

  it("refuses a bad address by the field, keeping what was typed", async () => {
    const { page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${baseUrl}/dev/outbox`);
    await page.getByLabel("To").fill("not-an-address");
    await page.getByRole("button", { name: "Send a test mail" }).click();
    await page.locator("#to-error").waitFor();
    expect(await page.locator("#to-error").textContent()).toContain("name@example.org");
    expect(await page.getByLabel("To").inputValue()).toBe("not-an-address");
  });

  it("shows a test mail sent through the outbox and the worker, with its link", async () => {
    const { page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${baseUrl}/dev/outbox`);
    await page.getByLabel("To").fill("trial@example.org");
    await page.getByRole("button", { name: "Send a test mail" }).click();
    await page.waitForURL(/\/dev\/outbox\?sent=1/);
    // The worker in the web process sends within a second or two.
    await expect
      .poll(async () => {
        await page.reload();
        return page.locator("tr", { hasText: "trial@example.org" }).count();
      }, { timeout: 15_000 })
      .toBeGreaterThan(0);
    await page.locator("tr", { hasText: "trial@example.org" }).locator("a").first().click();
    expect(await page.locator("h1").textContent()).toBe("Treaty Watch: test message");
    expect(await page.locator(".mail-text a").first().getAttribute("href")).toMatch(/^http:\/\/localhost:\d+\/en$/);
  });
});
