import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser";
import { signIn } from "./organizer-sign-in";

const baseUrl = inject("baseUrl");
/** Added by global setup with `npm run organizer:add -- --role partner --partner e2e-partner` (tests/e2e/partner-fixture.ts made the partner). */
const PARTNER_EMAIL = "e2e-partner@example.org";
const OWN_PETITION = "coalition-partner-petition";
const JOURNEY_TIMEOUT_MS = 120_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe("a partner's account in the browser", () => {
  it(
    "signs in from the mail, sees only its partner's campaign and figures, exports only the people who consented to its partner",
    async () => {
      const { page } = await openPage(browser, { acceptDownloads: true });
      await signIn(page, PARTNER_EMAIL, { fresh: true });
      expect(await page.getByText(`Signed in as ${PARTNER_EMAIL} (partner)`).count()).toBe(1);
      // The campaigns are its only section; its own petition is listed, the demo campaigns it does not run are not.
      expect(await page.locator(".organizer-bar nav ul > li").allInnerTexts()).toEqual(["Campaigns"]);
      expect(await page.getByRole("link", { name: OWN_PETITION }).count()).toBe(1);
      expect(await page.getByRole("link", { name: "stop-the-cybercrime-convention" }).count()).toBe(0);
      expect(await page.getByRole("link", { name: "write-to-your-government" }).count()).toBe(0);

      await page.getByRole("link", { name: OWN_PETITION }).click();
      await page.waitForURL(`${baseUrl}/en/organize/petitions/${OWN_PETITION}`);
      await page.getByText("signatures that came through Coalition Partner's link: 2 confirmed, of which 1 agreed that Coalition Partner may contact them").waitFor();
      expect(await page.getByRole("heading", { name: "Partners" }).count()).toBe(0);
      expect(await page.getByText("Italy").count()).toBe(0);

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Export the people who agreed that Coalition Partner may contact them (CSV)" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${OWN_PETITION}-partner-consents.csv`);
      const rows = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/u, "").trim().split("\n");
      expect(rows[0]).toBe("Name,Email,Country,Language,Confirmed on");
      expect(rows.slice(1).map((row) => row.split(",").slice(0, 3).join(","))).toEqual(["Partner Consenting,partner-signer-0@example.net,FRA"]);

      // A campaign it does not run is not there for it; the workspace's other pages are forbidden.
      expect((await page.goto(`${baseUrl}/en/organize/petitions/stop-the-cybercrime-convention`))?.status()).toBe(404);
      expect((await page.goto(`${baseUrl}/en/organize/audit`))?.status()).toBe(403);
      expect((await page.goto(`${baseUrl}/en/organize/petitions/${OWN_PETITION}/edit`))?.status()).toBe(403);

      // And signs out like everyone.
      await page.goto(`${baseUrl}/en/organize`);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(`${baseUrl}/en/organize/sign-in`);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
