import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { violationsOn } from "./axe";
import { launchBrowser, openPage } from "./browser";
import { signIn } from "./organizer-sign-in";

const baseUrl = inject("baseUrl");
const SLUG = "stop-the-cybercrime-convention";
const CODE = "rights-e2e";
const NAME = "Digital Rights Coalition";
/** A person takes longer than the form's minimum fill time (2 s); so does this test. */
const FILL_TIME_MS = 2100;
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80"><script>alert("logo")</script><rect width="240" height="80" rx="12" fill="#14532d"/><circle cx="40" cy="40" r="24" fill="#fde68a"/></svg>`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** The campaign editor's partner boxes for our partner: runs it, count public. */
async function choosePartner(page: Page, runs: boolean) {
  await page.goto(`${baseUrl}/en/organize/petitions/${SLUG}/edit`);
  const form = page.locator("#campaign-partners");
  const label = form.locator("label", { hasText: NAME }).first();
  const box = form.locator(`#${await label.getAttribute("for")}`);
  await box.setChecked(runs);
  await form.getByLabel(`show publicly how many came through ${NAME}`).setChecked(runs);
  await form.getByRole("button", { name: "Save partners" }).click();
  await page.waitForURL(/edit\?saved/u);
}

describe("a partner organization and its own consent", () => {
  it("an admin adds a partner, a campaign lists it, and a signature through its link in English keeps its consent apart", async () => {
    const admin = await openPage(browser, { bypassCSP: true });
    await signIn(admin.page);
    await admin.page.goto(`${baseUrl}/en/organize/partners`);
    await admin.page.getByLabel("Name").fill(NAME);
    await admin.page.getByLabel("Short code").fill(CODE);
    await admin.page.getByLabel("Website").fill("https://rights.example");
    await admin.page.getByLabel("Privacy policy (address)").fill("https://rights.example/privacy");
    await admin.page.getByLabel("Contact address").fill("team@rights.example");
    await admin.page.getByLabel("Logo (optional)").setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from(LOGO) });
    await admin.page.getByRole("button", { name: "Add partner" }).click();
    await admin.page.getByText("The partner was added.").waitFor();
    expect(await violationsOn(admin.page, "partners")).toEqual([]);
    await admin.page.goto(`${baseUrl}/en/organize/partners/${CODE}`);
    expect(await admin.page.locator(".partner-logo-preview").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await violationsOn(admin.page, "partner")).toEqual([]);
    await choosePartner(admin.page, true);

    // A supporter of the partner follows its link, JavaScript on.
    const supporter = await openPage(browser);
    const { page } = supporter;
    await page.goto(`${baseUrl}/en/petitions/${SLUG}?partner=${CODE}`);
    await expect.poll(() => page.locator(".with-partner").textContent()).toBe(`with ${NAME}`);
    // "Run with": the logo from our own address, with the partner's name as its text.
    const logo = page.locator(".run-with img");
    expect(await logo.getAttribute("src")).toBe(`/partners/${CODE}/logo.png`);
    expect(await logo.getAttribute("alt")).toBe(NAME);
    // The logo loads lazily, below the fold: bring it into view, then it must draw.
    await logo.scrollIntoViewIfNeeded();
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    const form = page.locator(".sign-form");
    const partnerBox = form.getByLabel(`${NAME} may contact me about this campaign`);
    expect(await partnerBox.isChecked()).toBe(false);
    expect(await form.getByRole("link", { name: `Privacy policy of ${NAME}` }).getAttribute("href")).toBe("https://rights.example/privacy");
    await form.locator("#sign-name").fill("Noor Haddad");
    await form.locator("#sign-email").fill("noor.partner@example.org");
    await form.locator("#sign-country").selectOption({ label: "Lebanon" });
    await partnerBox.check();
    await page.waitForTimeout(FILL_TIME_MS);
    await form.locator("button[type=submit]").click();
    await page.waitForURL(/\/en\/petitions\/stop-the-cybercrime-convention\/signed\?ref=/u);

    // What was stored, as the person's own data export shows it.
    await admin.page.goto(`${baseUrl}/en/organize/people`);
    const csrf = await admin.page.locator('input[name="csrf"]').first().inputValue();
    const exported = await admin.page.request.post(`${baseUrl}/en/organize/people/export`, { form: { csrf, email: "noor.partner@example.org" } });
    expect(exported.status()).toBe(200);
    const data = (await exported.json()) as { signatures: Record<string, unknown>[] };
    expect(data.signatures).toHaveLength(1);
    expect(data.signatures[0]).toMatchObject({ partner: CODE, partner_consent: true, mail_consent: false, country_code: "LBN", status: "pending" });
    expect(admin.errors()).toEqual([]);
    expect(supporter.errors()).toEqual([]);
  });

  it("in Arabic, shows the partner's box right to left, beside the platform's own", async () => {
    const { page, errors } = await openPage(browser, { locale: "ar", bypassCSP: true });
    await page.goto(`${baseUrl}/ar/petitions/${SLUG}?partner=${CODE}`);
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    const ours = page.locator("p.form-check", { has: page.locator("#sign-mail-consent") });
    const theirs = page.locator("p.partner-consent");
    const label = await theirs.locator("label").textContent();
    expect(label).toBe(`يجوز لـ${NAME} التواصل معي بشأن هذه الحملة`);
    expect(await theirs.locator("input[type=checkbox]").isChecked()).toBe(false);
    const layout = await page.evaluate(() => {
      const rect = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
      const box = rect("#sign-partner-consent");
      const text = rect('label[for="sign-partner-consent"]');
      const platform = rect("#sign-mail-consent");
      return {
        direction: getComputedStyle(document.querySelector("p.partner-consent")!).direction,
        boxRight: box.right,
        textRight: text.right,
        platformRight: platform.right,
      };
    });
    expect(layout.direction).toBe("rtl");
    // The box stands at the start of its line (the right), before its words, and in line with the platform's box.
    expect(layout.boxRight).toBeGreaterThan(layout.textRight);
    expect(Math.abs(layout.boxRight - layout.platformRight)).toBeLessThanOrEqual(2);
    expect(await ours.count()).toBe(1);
    // The partner's Latin name keeps its own order inside the Arabic line.
    expect(await page.locator(".with-partner bdi").textContent()).toBe(NAME);
    expect(await violationsOn(page, "petition with a partner (ar)")).toEqual([]);
    expect(errors()).toEqual([]);

    // Leave the demo petition as the other browser tests expect it.
    const admin = await openPage(browser);
    await signIn(admin.page);
    await choosePartner(admin.page, false);
  });
});
