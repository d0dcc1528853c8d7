import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser";
import { confirmLinkFor, mailedLinkFor, waitForMail } from "./outbox-mail";

const baseUrl = inject("baseUrl");
/** A person takes longer than the form's minimum fill time (2 s); so does this test. */
const FILL_TIME_MS = 2100;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const local = (link: string) => {
  const url = new URL(link);
  return `${baseUrl}${url.pathname}${url.search}`;
};

async function submitFollow(page: Page, email: string) {
  await page.locator("#follow-email").fill(email);
  await page.waitForTimeout(FILL_TIME_MS);
  await page.locator(".follow-form button[type=submit]").click();
}

describe("following a country", () => {
  it("works without JavaScript: follow, read the mail, confirm with the button, stop with one click", async () => {
    const { page } = await openPage(browser, { javaScriptEnabled: false });
    const email = `follow.nojs.${Date.now()}@example.org`;
    await page.goto(`${baseUrl}/es/countries/fra/follow`);
    expect(await page.locator("h1").textContent()).toBe("Seguir: Francia");
    // The language of the mails is the page's unless chosen otherwise.
    expect(await page.locator("#follow-language").inputValue()).toBe("es");

    // A bad address: the message by the field, in Spanish, what was typed kept.
    await submitFollow(page, "ana@");
    await page.locator("#follow-email-error").waitFor();
    expect(await page.locator("#follow-email-error").textContent()).toBe("Escriba un correo electrónico como nombre@example.org.");
    expect(await page.locator("#follow-email").inputValue()).toBe("ana@");

    await page.locator("#follow-language").selectOption("fr");
    await submitFollow(page, email);
    await page.waitForURL(/\/es\/countries\/fra\/follow\/sent$/u);
    await page.getByRole("heading", { name: "Revise su correo" }).waitFor();

    // The mail is in the language chosen.
    const mail = await waitForMail((m) => m.to === email && m.subject.includes("France"));
    expect(mail.subject).toBe("Confirmez : nouvelles de France");
    const confirm = new URL(await confirmLinkFor(page, email));
    expect(confirm.searchParams.get("lng")).toBe("fr");
    await page.goto(local(confirm.href));
    // Opening the link confirms nothing (a mail scanner could have opened it): it shows a button.
    await page.getByRole("button", { name: "Confirmer : suivre France" }).click();
    await page.waitForURL(/done/u);
    await page.getByRole("heading", { name: "Vous suivez désormais : France" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    expect(await page.locator("main").textContent()).toContain("Un court e-mail en Français");

    // One click stops it: the link from the mail shows buttons; only the button stops.
    const unsubscribe = await mailedLinkFor(page, email, "/unsubscribe/");
    await page.goto(local(unsubscribe));
    await page.getByRole("heading", { name: "Arrêter les nouvelles de France" }).waitFor();
    await page.goto(local(confirm.href));
    await page.getByRole("heading", { name: "Vous suivez déjà : France" }).waitFor();
    await page.goto(local(unsubscribe));
    await page.getByRole("button", { name: "Arrêter les nouvelles de France" }).click();
    await page.getByRole("heading", { name: "Vous ne recevrez plus de nouvelles de France" }).waitFor();
    await page.goto(local(confirm.href));
    await page.getByRole("heading", { name: "Ce suivi a été arrêté" }).waitFor();
  });

  it("works with JavaScript: errors appear by the field without a page load, then the same flow", async () => {
    const { page } = await openPage(browser);
    const email = `follow.js.${Date.now()}@example.org`;
    await page.goto(`${baseUrl}/en/countries/deu/follow`);
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = "same document"));
    await submitFollow(page, "");
    await page.locator("#follow-email-error").waitFor();
    expect(await page.locator("#follow-email-error").textContent()).toBe("Enter your email address.");
    await submitFollow(page, email);
    await page.waitForURL(/\/en\/countries\/deu\/follow\/sent$/u);
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("same document");
    const confirm = await confirmLinkFor(page, email);
    await page.goto(local(confirm));
    await page.getByRole("button", { name: "Confirm: follow Germany" }).click();
    await page.getByRole("heading", { name: "You now follow Germany" }).waitFor();
  });
});
