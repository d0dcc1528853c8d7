import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { violationsOn } from "./axe";
import { launchBrowser, openPage } from "./browser";
import { signIn } from "./organizer-sign-in";
import { waitForMail } from "./outbox-mail";

/** Written out as in trending-fixture.ts (importing it would run it). */
const E2E_TRENDING = { petition: "campus-rush-petition", domain: "campus.example" };
const baseUrl = inject("baseUrl");
const organizerEmail = inject("organizerEmail");
const DASHBOARD = `${baseUrl}/en/organize/petitions/${E2E_TRENDING.petition}`;
const JOURNEY_TIMEOUT_MS = 120_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe("a trending source on a petition's dashboard", () => {
  it(
    "is mailed to the organizers and shown with its held signatures; without JavaScript hold is kept, with it count releases them (axe)",
    async () => {
      const mail = await waitForMail((m) => m.to === organizerEmail && m.subject.includes("A petition a campus signed at once"), 30_000);
      expect(mail.subject).toBe("Many signatures from one source: “A petition a campus signed at once”");
      expect(mail.text).toContain(`from the email domain ${E2E_TRENDING.domain}: 4 signatures`);
      expect(mail.text).toContain(`/en/organize/petitions/${E2E_TRENDING.petition}#trending`);

      // Without JavaScript: the plain form decides hold, with a note, and the page says so.
      const plain = await openPage(browser, { javaScriptEnabled: false });
      await signIn(plain.page);
      await plain.page.goto(DASHBOARD);
      await plain.page.getByRole("heading", { name: "Trending sources" }).waitFor();
      expect(await plain.page.getByRole("alert").filter({ hasText: "Trending sources on this petition: 1." }).count()).toBe(1);
      const row = plain.page.getByRole("row").filter({ hasText: E2E_TRENDING.domain });
      // Signed, confirmed and counted, held for review, not yet confirmed.
      expect(await row.locator("td").allInnerTexts()).toEqual(expect.arrayContaining(["4", "0", "3", "1"]));
      await row.getByLabel("Note (optional)").fill("checking with the campus");
      await row.getByRole("button", { name: `Hold the signatures from ${E2E_TRENDING.domain} for review` }).click();
      await plain.page.getByText("Decided: signatures from this source confirmed from now on are held for review.").waitFor();
      expect(await plain.page.getByText("checking with the campus").count()).toBe(1);

      // With JavaScript: count releases the three held signatures at once.
      const { page } = await openPage(browser, { bypassCSP: true });
      await signIn(page);
      await page.goto(DASHBOARD);
      expect(await violationsOn(page, "petition dashboard with a trending source")).toEqual([]);
      const live = page.getByRole("row").filter({ hasText: E2E_TRENDING.domain });
      await live.getByRole("button", { name: `Count the signatures from ${E2E_TRENDING.domain}` }).click();
      await page.getByText("Decided: this source counts. Signatures released and counted now: 3.").waitFor();
      expect(await page.getByRole("row").filter({ hasText: E2E_TRENDING.domain }).locator("td").allInnerTexts()).toEqual(expect.arrayContaining(["4", "3", "0", "1"]));
      expect(await page.getByText(`count (decided by ${organizerEmail}`).count()).toBe(1);
      expect(await violationsOn(page, "petition dashboard after a decision")).toEqual([]);
      // The count follows within seconds (the counting job).
      await expect
        .poll(
          async () => {
            await page.goto(DASHBOARD);
            return page.getByText("Confirmed signatures: 3").count();
          },
          { timeout: 15_000 },
        )
        .toBe(1);

      // The allow-list page (admins): adding the campus is kept in its history.
      await page.goto(`${baseUrl}/en/organize/trusted-domains`);
      await page.locator("#trusted-domain").fill(E2E_TRENDING.domain);
      await page.locator("#trusted-note").fill("the campus union runs this petition");
      await page.getByRole("button", { name: "Add to the list" }).click();
      await page.getByText("Added. Held signatures from this domain released and counted: 0.").waitFor();
      expect(await page.getByRole("row").filter({ hasText: "the campus union runs this petition" }).count()).toBe(2);
      expect(await violationsOn(page, "trusted domains")).toEqual([]);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
