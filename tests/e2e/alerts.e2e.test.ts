import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { violationsOn } from "./axe";
import { launchBrowser, openPage } from "./browser";
import { signIn } from "./organizer-sign-in";
import { confirmLinkFor, waitForMail } from "./outbox-mail";

const baseUrl = inject("baseUrl");
const FILL_TIME_MS = 2100;
const SOURCE = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-16&chapter=18";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const local = (link: string) => {
  const url = new URL(link);
  return `${baseUrl}${url.pathname}${url.search}`;
};

async function followAndConfirm(page: Page, email: string) {
  await page.goto(`${baseUrl}/en/countries/nzl/follow`);
  await page.locator("#follow-language").selectOption("fr");
  await page.locator("#follow-email").fill(email);
  await page.waitForTimeout(FILL_TIME_MS);
  await page.locator(".follow-form button[type=submit]").click();
  await page.waitForURL(/\/follow\/sent$/u);
  await page.goto(local(await confirmLinkFor(page, email)));
  await page.getByRole("button", { name: "Confirmer : suivre Nouvelle-Zélande" }).click();
  await page.waitForURL(/done/u);
}

describe("an alert from a fact change, without JavaScript", () => {
  it(
    "follow → confirm → a signature recorded → the draft in the queue (axe) → Send → the follower's mail in their language with the source",
    async () => {
      const { page } = await openPage(browser, { javaScriptEnabled: false });
      const email = `alert.${Date.now()}@example.org`;
      await followAndConfirm(page, email);

      await signIn(page);
      await page.goto(`${baseUrl}/en/organize/countries/nzl`);
      await page.locator("#action-action").selectOption("signature");
      await page.locator("#action-date").fill("2026-12-01");
      await page.locator("#action-sourceUrl").fill(SOURCE);
      await page.locator("form:has(#action-action) button[type=submit]").click();
      await page.waitForURL(/\/organize\/countries\/nzl/u);

      // axe, with the draft on the page, in both directions (axe itself needs scripts).
      const checker = await openPage(browser, { bypassCSP: true });
      await signIn(checker.page);
      for (const lng of ["ar", "en"]) {
        await checker.page.goto(`${baseUrl}/${lng}/organize/alerts`);
        expect(await violationsOn(checker.page, `/${lng}/organize/alerts with a draft`)).toEqual([]);
      }
      await checker.context.close();

      await page.goto(`${baseUrl}/en/organize/alerts`);
      const draft = page.locator("article[id^=alert-]", { has: page.getByRole("heading", { name: /New Zealand/u }) });
      expect(await draft.textContent()).toContain("1 follower may be mailed.");
      await draft.getByText("The mail in Français").click();
      expect(await draft.locator("pre[class=mail-text]").first().textContent()).toContain(SOURCE);
      await page.getByRole("button", { name: "Send the alert about New Zealand" }).click();
      await page.waitForURL(/done=sent/u);
      await page.getByText("The alert is being sent.").waitFor();

      const mail = await waitForMail((m) => m.to === email && m.subject.startsWith("Nouvelle-Zélande :"));
      expect(mail.subject).toBe("Nouvelle-Zélande : a signé, pas encore ratifié");
      expect(mail.text).toContain(SOURCE);
      expect(mail.text).toContain("/fr/countries/nzl");
      expect(mail.text).toContain("Arrêter les nouvelles de Nouvelle-Zélande");
    },
    120_000,
  );
});
