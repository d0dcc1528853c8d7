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

describe("following after signing or writing", () => {
  /** Every address the browser asked for, to check the person's address is in none. */
  const requestedUrls = (page: Page) => {
    const urls: string[] = [];
    page.on("request", (request) => urls.push(request.url()));
    return urls;
  };

  it("without JavaScript, the page after signing offers the country signed from; the address goes only in the POST", async () => {
    const { page } = await openPage(browser, { javaScriptEnabled: false });
    const urls = requestedUrls(page);
    const email = `follow.signed.${Date.now()}@example.org`;
    await page.goto(`${baseUrl}/es/petitions/stop-the-cybercrime-convention`);
    const sign = page.locator(".sign-form:not(.follow-form)");
    await sign.locator("#sign-name").fill("Rosa Quispe");
    await sign.locator("#sign-email").fill(email);
    await sign.locator("#sign-country").selectOption("PER");
    await page.waitForTimeout(FILL_TIME_MS);
    await sign.locator("button[type=submit]").click();
    await page.waitForURL(/\/es\/petitions\/stop-the-cybercrime-convention\/signed\?ref=[\w-]+&country=per$/u);

    // The form is for Peru, empty, in the page's language; the page is not for shared caches.
    await page.getByRole("heading", { name: "Seguir un país" }).waitFor();
    expect(await page.locator(".follow-form").getAttribute("action")).toBe("/es/countries/per/follow");
    expect(await page.locator("#follow-email").inputValue()).toBe("");
    expect(await page.locator("#follow-language").inputValue()).toBe("es");
    const signed = await fetch(page.url());
    expect(signed.headers.get("cache-control")).toMatch(/^private/u);
    expect(await signed.text()).not.toContain(email);

    await submitFollow(page, email);
    await page.waitForURL(/\/es\/countries\/per\/follow\/sent$/u);
    const mail = await waitForMail((m) => m.to === email && m.text.includes("/confirm/") && m.subject.includes("Perú"));
    expect(mail.subject).toContain("Perú");
    expect(urls.filter((url) => url.includes(email) || url.includes(encodeURIComponent(email)))).toEqual([]);
  });

  it("with JavaScript, the page after writing lets the writer choose a country when it does not know one", async () => {
    const { page } = await openPage(browser);
    const urls = requestedUrls(page);
    const email = `follow.written.${Date.now()}@example.org`;
    await page.goto(`${baseUrl}/en/letters/write-to-your-government/sent`);
    await page.getByRole("heading", { name: "Follow a country" }).waitFor();
    expect(await page.locator(".follow-form").count()).toBe(0);
    await page.locator("#follow-offer-country").selectOption("ita");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(/\/en\/letters\/write-to-your-government\/sent\?country=ita$/u);
    expect(await page.locator(".follow-form").getAttribute("action")).toBe("/en/countries/ita/follow");
    await submitFollow(page, email);
    await page.waitForURL(/\/en\/countries\/ita\/follow\/sent$/u);
    await waitForMail((m) => m.to === email && m.text.includes("/confirm/") && m.subject.includes("Italy"));
    expect(urls.filter((url) => url.includes(email) || url.includes(encodeURIComponent(email)))).toEqual([]);
  });
});
