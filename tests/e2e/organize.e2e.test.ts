import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { violationsOn } from "./axe";
import { launchBrowser, openPage } from "./browser";
import { confirmLinkFor } from "./outbox-mail";
import { signIn } from "./organizer-sign-in";

const baseUrl = inject("baseUrl");
const organizerEmail = inject("organizerEmail");
const JOURNEY_TIMEOUT_MS = 120_000;

let browser: Browser;

/**
 * The workspace's navigation: a labelled list whose links are separate items with visible space
 * between them (not "Audit logTargets…"), the page's section marked with aria-current, each link
 * inside the viewport (it wraps instead of widening the page), in reading order for the language.
 */
async function expectWorkspaceNavigation(page: Page, lng: string, current: string, labels: string[]) {
  const nav = page.locator(".organizer-bar nav");
  expect(await nav.getAttribute("aria-label")).toBeTruthy();
  const items = nav.locator("ul > li");
  expect(await items.allInnerTexts()).toEqual(labels);
  expect(await nav.locator("ul > li > a").count()).toBe(labels.length);
  const marked = await nav.locator("a[aria-current]").evaluateAll((links) => links.map((a) => [a.getAttribute("href"), a.getAttribute("aria-current")]));
  expect(marked).toEqual([[current, current.endsWith("/organize") || current.endsWith("/audit") ? "page" : "true"]]);
  const viewport = page.viewportSize()!;
  const boxes = await nav.locator("ul > li > a").evaluateAll((links) => links.map((a) => a.getBoundingClientRect().toJSON() as DOMRect));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
  for (const [i, box] of boxes.entries()) {
    expect(box.left, labels[i]).toBeGreaterThanOrEqual(0);
    expect(box.right, labels[i]).toBeLessThanOrEqual(viewport.width);
    const next = boxes[i + 1];
    if (!next || Math.abs(next.top - box.top) > 2) continue;
    // Side by side on one line: in reading order, with at least 4 px between them.
    const gap = lng === "ar" ? box.left - next.right : next.left - box.right;
    expect(gap, `${labels[i]} → ${labels[i + 1]}`).toBeGreaterThanOrEqual(4);
  }
}
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe("the organizers' workspace in the browser", () => {
  it(
    "with JavaScript: sign in from the mail, see the campaigns, export the signatures, moderate; every page passes axe",
    async () => {
      const { page } = await openPage(browser, { bypassCSP: true, acceptDownloads: true });
      await signIn(page, undefined, { fresh: true });
      expect(await page.getByText(`Signed in as ${organizerEmail} (administrator)`).count()).toBe(1);
      expect(await page.getByRole("link", { name: "stop-the-cybercrime-convention" }).count()).toBeGreaterThan(0);
      expect(await violationsOn(page, "organizer home")).toEqual([]);
      await expectWorkspaceNavigation(page, "en", "/en/organize", ["Campaigns", "Targets", "Country facts", "Leads to verify", "Alerts", "People's data", "Organizers", "Partner organizations", "Audit log", "API keys", "Webhooks", "Trusted domains"]);

      // Other browser tests publish petitions of their own in this database: use the demo one's row.
      const demoRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: "stop-the-cybercrime-convention" }) });
      const [download] = await Promise.all([page.waitForEvent("download"), demoRow.getByRole("link", { name: "Export CSV", exact: true }).click()]);
      expect(download.suggestedFilename()).toBe("stop-the-cybercrime-convention-signatures.csv");
      const csv = readFileSync((await download.path())!, "utf8");
      expect(csv.replace(/^\uFEFF/u, "").split("\n")[0]).toBe("Name,Country,Confirmed on,Comment");
      // The export with emails is a form with the CSRF token (a POST), not a link.
      const withEmails = demoRow.getByRole("button", { name: "Export CSV with emails" });
      expect(await page.getByRole("link", { name: "Export CSV with emails" }).count()).toBe(0);
      const [emailsDownload] = await Promise.all([page.waitForEvent("download"), withEmails.click()]);
      expect(emailsDownload.suggestedFilename()).toBe("stop-the-cybercrime-convention-signatures.csv");
      const emailsCsv = readFileSync((await emailsDownload.path())!, "utf8");
      expect(emailsCsv.replace(/^\uFEFF/u, "").split("\n")[0]).toBe('Name,Country,Confirmed on,Comment,Email (signers who agreed to further mail)');

      await page.getByRole("link", { name: "Moderation" }).first().click();
      await page.getByRole("heading", { name: "Moderation" }).waitFor();
      expect(await violationsOn(page, "moderation")).toEqual([]);
      await page.locator("#bulk-emailDomain").fill("nobody.example");
      await page.getByRole("button", { name: "Show how many match" }).click();
      await page.getByText("0 signatures match").waitFor();
      expect(await violationsOn(page, "moderation preview")).toEqual([]);

      await page.goto(`${baseUrl}/en/organize/audit`);
      expect(await page.locator("td code", { hasText: "export.signatures" }).count()).toBeGreaterThan(0);
      expect(await violationsOn(page, "audit log")).toEqual([]);
      // The same bar on every page, the section marked; on a phone and right to left it wraps within the page.
      await expectWorkspaceNavigation(page, "en", "/en/organize/audit", ["Campaigns", "Targets", "Country facts", "Leads to verify", "Alerts", "People's data", "Organizers", "Partner organizations", "Audit log", "API keys", "Webhooks", "Trusted domains"]);
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(`${baseUrl}/ar/organize/audit`);
      await expectWorkspaceNavigation(page, "ar", "/ar/organize/audit", ["الحملات", "المستهدفون", "وقائع البلدان", "خيوط للتحقق", "التنبيهات", "بيانات الأشخاص", "المنظمون", "المنظمات الشريكة", "سجل التدقيق", "مفاتيح واجهة البرمجة", "خطافات الويب", "النطاقات الموثوقة"]);
      await page.goto(`${baseUrl}/ar/organize`);
      await expectWorkspaceNavigation(page, "ar", "/ar/organize", ["الحملات", "المستهدفون", "وقائع البلدان", "خيوط للتحقق", "التنبيهات", "بيانات الأشخاص", "المنظمون", "المنظمات الشريكة", "سجل التدقيق", "مفاتيح واجهة البرمجة", "خطافات الويب", "النطاقات الموثوقة"]);
      // Every organizer page in every language: accessibility.e2e.test.ts.
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    "without JavaScript: sign in, then sign out, after which the workspace asks to sign in again",
    async () => {
      const { page } = await openPage(browser, { javaScriptEnabled: false });
      await signIn(page, undefined, { fresh: true });
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(`${baseUrl}/en/organize/sign-in`);
      await page.goto(`${baseUrl}/en/organize`);
      expect(page.url()).toBe(`${baseUrl}/en/organize/sign-in`);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    "creates a petition in two languages, publishes it; a visitor signs it in French and confirms; it counts on the dashboard and in the export",
    async () => {
      const { page } = await openPage(browser, { acceptDownloads: true });
      await signIn(page);
      await page.getByRole("link", { name: "New petition" }).click();
      await page.locator("#editor-slug").fill("e2e-two-languages");
      await page.locator("#editor-goal").fill("100");
      await page.locator('[id="editor-title.en"]').fill("Keep encryption legal");
      await page.locator('[id="editor-addressedTo.en"]').fill("Our government");
      await page.locator('[id="editor-body.en"]').fill("Encryption keeps **everyone** safe.");
      await page.locator('[id="editor-title.fr"]').fill("Gardons le chiffrement légal");
      await page.locator('[id="editor-addressedTo.fr"]').fill("Notre gouvernement");
      await page.locator('[id="editor-body.fr"]').fill("Le chiffrement protège tout le monde.");
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByText("Not offered yet in: es, ar, ru, zh").waitFor();
      // The draft, as the public will see it: only for organizers.
      await page.getByRole("link", { name: "Preview as the public will see it" }).click();
      await page.getByText("It is a draft: only organizers can see it").waitFor();
      expect(await page.locator("h1").textContent()).toBe("Keep encryption legal");
      await page.goBack();
      await page.getByRole("button", { name: "Publish: open it for signatures" }).click();
      await page.getByText("Status: Live.").waitFor();

      const visitor = await openPage(browser, { locale: "fr-FR" });
      await expect
        .poll(async () => (await visitor.page.goto(`${baseUrl}/fr/petitions/e2e-two-languages`))?.status(), { timeout: 10_000 })
        .toBe(200);
      expect(await visitor.page.locator("h1").textContent()).toBe("Gardons le chiffrement légal");
      const form = visitor.page.locator(".sign-form");
      await form.locator("#sign-name").fill("Camille Martin");
      await form.locator("#sign-email").fill("camille.e2e@example.org");
      await visitor.page.waitForTimeout(2100);
      await form.locator("button[type=submit]").click();
      await visitor.page.waitForURL(/\/signed/u);
      const link = new URL(await confirmLinkFor(visitor.page, "camille.e2e@example.org"));
      await visitor.page.goto(`${baseUrl}${link.pathname}${link.search}`);
      await visitor.page.locator(".confirm button[type=submit]").click();
      await visitor.page.waitForURL(/done/u);

      // Counters are folded every 2 s; the dashboard reads them.
      await expect
        .poll(
          async () => {
            await page.goto(`${baseUrl}/en/organize`);
            return page.locator("tr", { hasText: "e2e-two-languages" }).locator("td").nth(1).textContent();
          },
          { timeout: 20_000 },
        )
        .toBe("1");
      const row = page.locator("tr", { hasText: "e2e-two-languages" });
      const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: "Export CSV", exact: true }).click()]);
      expect(readFileSync((await download.path())!, "utf8")).toContain("Camille Martin,FRA,");

      // The petition's dashboard: the visitor's view (written every few seconds), the signature, France.
      await page.goto(`${baseUrl}/en/organize/petitions/e2e-two-languages`);
      expect(await page.getByText("Confirmed signatures: 1 of 100.").count()).toBe(1);
      expect(await page.locator("table.funnel tr", { hasText: "Signed" }).locator("td").first().textContent()).toBe("1");
      await expect
        .poll(
          async () => {
            await page.reload();
            return Number(await page.locator("table.funnel tr", { hasText: "Page views" }).locator("td").first().textContent());
          },
          { timeout: 15_000 },
        )
        .toBeGreaterThanOrEqual(1);
      expect(await page.locator(".country-breakdown tr", { hasText: "France" }).locator("td").textContent()).toBe("1");
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    "without JavaScript: creates a letter campaign for France's decision makers, publishes it, and the public can write",
    async () => {
      const { page } = await openPage(browser, { javaScriptEnabled: false });
      await signIn(page, "e2e-campaigner@example.org");
      await page.getByRole("link", { name: "New letter campaign" }).click();
      await page.locator("#editor-slug").fill("e2e-letters");
      await page.locator("#editor-deliveryMode").selectOption("digest");
      await page.locator('[id="editor-title.en"]').fill("Write to France");
      await page.locator('[id="editor-intro.en"]').fill("France has not ratified yet.");
      await page.locator('[id="editor-subjects.en"]').fill("Please do not ratify\nProtect researchers");
      await page.locator('[id="editor-bodyTemplate.en"]').fill("Dear {{target.name}},\n\nPlease do not ratify.\n\n{{sender.name}}");
      await page.getByText(/^France \(/u).click();
      const frenchTargets = page.locator('details:has(summary:text-matches("^France")) input[name=target]');
      for (const box of await frenchTargets.all()) await box.check();
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByText("Saved.").waitFor();
      await page.getByRole("button", { name: "Publish: open it for signatures" }).click();
      await page.getByText("Status: Live.").waitFor();
      await page.goto(`${baseUrl}/en/letters/e2e-letters?country=fra`);
      expect(await page.locator("h1").textContent()).toBe("Write to France");
      expect(await page.locator('input[name="targets"]').count()).toBeGreaterThan(0);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
