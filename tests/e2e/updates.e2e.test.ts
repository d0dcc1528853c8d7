import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { violationsOn } from "./axe";
import { launchBrowser, openPage } from "./browser";
import { signIn } from "./organizer-sign-in";
import { confirmLinkFor, waitForMail } from "./outbox-mail";

const baseUrl = inject("baseUrl");
const FILL_TIME_MS = 2100;
const SLUG = "stop-the-cybercrime-convention";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const local = (link: string) => {
  const url = new URL(link);
  return `${baseUrl}${url.pathname}${url.search}`;
};

describe("an update to a petition's signers, without JavaScript", () => {
  it("sign with consent → confirm → compose (a field error keeps the input) → preview, audience size → send now → the signer's mail in their language → the update on the petition page", async () => {
    const { page } = await openPage(browser, { javaScriptEnabled: false });
    const email = `update.${Date.now()}@example.org`;
    await page.goto(`${baseUrl}/fr/petitions/${SLUG}`);
    const form = page.locator(".sign-form");
    await form.locator("#sign-name").fill("Camille Nouvelles");
    await form.locator("#sign-email").fill(email);
    // Without JavaScript nothing pre-selects a country (public pages are one copy for everyone): the visitor picks.
    await form.locator("#sign-country").selectOption("FRA");
    await form.locator("#sign-mail-consent").check();
    await page.waitForTimeout(FILL_TIME_MS);
    await form.locator("button[type=submit]").click();
    await page.waitForURL(/\/signed\?ref=/u);
    await page.goto(local(await confirmLinkFor(page, email)));
    await page.locator("form button[type=submit]").click();
    await page.waitForURL(/done/u);

    await signIn(page);
    await page.goto(`${baseUrl}/en/organize/petitions/${SLUG}`);
    await page.getByRole("link", { name: "Updates" }).click();
    await page.waitForURL(/\/updates$/u);
    const subject = `Vote on Tuesday ${Date.now()}`;
    // The French text has a subject but no body: refused by the field, what was typed kept.
    await page.locator("#update-audience-signers").check();
    await page.locator("#update-public").check();
    await page.locator("#update-subject_en").fill(subject);
    await page.locator("#update-body_en").fill("Parliament votes on Tuesday.\n\nWrite to your representative.");
    await page.locator("#update-subject_fr").fill(`Vote mardi ${subject.slice(16)}`);
    await page.getByRole("button", { name: "Save draft" }).click();
    expect(await page.locator("#update-body_fr-error").textContent()).toBe("Add a text for this language, or leave both empty.");
    expect(await page.locator("#update-subject_en").inputValue()).toBe(subject);
    await page.locator("#update-body_fr").fill("Le parlement vote mardi.\n\nÉcrivez à votre député.");
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.waitForURL(/\/updates\/\d+\?done=saved/u);
    await page.getByText("Draft saved.").waitFor();
    expect(await page.locator("dd").nth(2).textContent()).toMatch(/^\d[\d,]* (person|people)$/u);
    await page.locator("details[lang=fr] summary").click();
    expect(await page.locator("details[lang=fr] pre").textContent()).toContain("Écrivez à votre député.");

    // axe on the update's page, in both directions (axe itself needs scripts).
    const checker = await openPage(browser, { bypassCSP: true });
    await signIn(checker.page);
    for (const lng of ["ar", "en"]) {
      await checker.page.goto(`${baseUrl}${new URL(page.url()).pathname.replace(/^\/en\//u, `/${lng}/`)}`);
      expect(await violationsOn(checker.page, `/${lng}/organize/…/updates/:id`)).toEqual([]);
      await checker.page.goto(`${baseUrl}/${lng}/organize/petitions/${SLUG}/updates`);
      expect(await violationsOn(checker.page, `/${lng}/organize/…/updates`)).toEqual([]);
    }
    await checker.context.close();

    await page.getByRole("button", { name: /^Send now to/u }).click();
    await page.waitForURL(/done=sent/u);
    await page.getByText("Sending started.").waitFor();

    const mail = await waitForMail((m) => m.to === email && m.subject.startsWith("Vote mardi"));
    expect(mail.text).toContain("Écrivez à votre député.");
    const unsubscribe = new URL(/https?:\/\/\S+\/unsubscribe\/\S+/u.exec(mail.text)![0]);
    // The unsubscribe page (a new public page) passes axe in all six languages; its GET stops nothing.
    const reader = await openPage(browser, { bypassCSP: true });
    for (const lng of ["en", "fr", "es", "ar", "ru", "zh"]) {
      await reader.page.goto(`${baseUrl}${unsubscribe.pathname}?lng=${lng}`);
      expect(await violationsOn(reader.page, `/unsubscribe/:token?lng=${lng} (update)`)).toEqual([]);
    }
    await reader.context.close();

    await page.goto(`${baseUrl}/fr/petitions/${SLUG}`);
    const updates = page.locator("section.campaign-updates");
    expect(await updates.locator("h2").textContent()).toBe("Actualités");
    expect(await updates.locator("h3").first().textContent()).toBe(`Vote mardi ${subject.slice(16)}`);
    await page.goto(`${baseUrl}/zh/petitions/${SLUG}`);
    expect(await page.locator("section.campaign-updates h3").first().textContent()).toBe(subject);
    expect(await page.locator("section.campaign-updates h3").first().getAttribute("lang")).toBe("en");

    // The mail's link, without JavaScript: a button, then this campaign's news stops.
    await page.goto(`${baseUrl}${unsubscribe.pathname}${unsubscribe.search}`);
    await page.getByRole("button", { name: "Ne plus recevoir de nouvelles de cette campagne" }).click();
    await page.waitForURL(/done=campaign/u);
    expect(await page.locator("h1").textContent()).toBe("Nouvelles de cette campagne arrêtées");
  }, 120_000);
});
