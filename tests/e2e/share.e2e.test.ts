import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser";
import { signIn } from "./organizer-sign-in";
import { confirmLinkFor } from "./outbox-mail";

const baseUrl = inject("baseUrl");
const PETITION = "stop-the-cybercrime-convention";
const LETTERS = "write-to-your-government";
/** Longer than the sign form's minimum fill time (2 s) and the letter form's (1 s). */
const FILL_TIME_MS = 2100;
const JOURNEY_TIMEOUT_MS = 120_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** The link in the share block's field (the same with and without JavaScript). */
const sharedLink = (page: Page) => page.locator("#share-link").inputValue();

async function signAsGerman(page: Page, email: string): Promise<string> {
  await page.goto(`${baseUrl}/en/petitions/${PETITION}`);
  const form = page.locator(".sign-form");
  await form.locator("#sign-name").fill("Jonas Weber");
  await form.locator("#sign-email").fill(email);
  await form.locator("#sign-country").selectOption({ label: "Germany" });
  await page.waitForTimeout(FILL_TIME_MS);
  await form.locator("button[type=submit]").click();
  await page.waitForURL(/\/en\/petitions\/stop-the-cybercrime-convention\/signed\?ref=/u);
  // A form sent with JavaScript: the address changes a moment before the new page is drawn.
  await page.locator("#signed-title").waitFor();
  return new URL(page.url()).searchParams.get("ref")!;
}

/** Writes the demo letter to Germany's demo targets from `path` (which may carry `?ref=`); returns the writer's own code. */
async function writeToGermany(page: Page, path: string, email: string): Promise<string> {
  await page.goto(`${baseUrl}${path}`);
  await page.locator("#letter-country").selectOption("deu");
  await page.locator(".country-step button[type=submit]").click();
  await page.waitForURL((url) => url.searchParams.get("country") === "deu");
  await page.locator(".letter-form").waitFor();
  await page.locator("#letter-personal").fill("I teach computer security, and this treaty could make my classes a crime in some countries.");
  await page.locator("#letter-name").fill("Lena Vogel");
  await page.locator("#letter-email").fill(email);
  await page.waitForTimeout(FILL_TIME_MS);
  await page.locator("button[name=intent][value=send]").click();
  await page.waitForURL(new RegExp(`/en/letters/${LETTERS}/sent\\?ref=[\\w-]{8}&country=deu$`, "u"));
  await page.locator("#sent-title").waitFor();
  return new URL(page.url()).searchParams.get("ref")!;
}

describe("sharing at the right moments", () => {
  it(
    "after signing and after confirming, the copy button copies the share link with the signer's code; without JavaScript the field holds the same link",
    async () => {
      const { page, context } = await openPage(browser, { permissions: ["clipboard-read", "clipboard-write"] });
      const email = `share.signer.${Date.now()}@example.org`;
      const code = await signAsGerman(page, email);
      const link = await sharedLink(page);
      expect(link).toMatch(new RegExp(`^https?://[^/]+/en/petitions/${PETITION}\\?ref=${code}$`, "u"));

      // With JavaScript: the copy button, and "Copied" said where screen readers hear it.
      await page.getByRole("button", { name: "Copy link" }).click();
      await expect.poll(() => page.getByRole("status").filter({ hasText: "Link copied" }).count()).toBe(1);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
      // "Share…" only where the browser has the system's share sheet.
      const canShare = await page.evaluate(() => typeof navigator.share === "function");
      expect(await page.getByRole("button", { name: "Share…" }).isVisible()).toBe(canShare);
      // The next step after signing: write to Germany's decision makers (never the petition just signed).
      expect(await page.locator(".next-step a").first().getAttribute("href")).toBe(`/en/letters/${LETTERS}?country=deu`);
      expect(await page.locator(`.next-step a[href="/en/petitions/${PETITION}"]`).count()).toBe(0);
      // Plain links, no third-party request: the networks are named only in hrefs.
      const hrefs = await page.locator(".share-links a").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
      expect(hrefs).toHaveLength(9);
      for (const href of hrefs) expect(decodeURIComponent(href)).toContain(link);

      // Without JavaScript: the same link, selectable; no button that could not work.
      const noJs = await openPage(browser, { javaScriptEnabled: false });
      await noJs.page.goto(page.url());
      expect(await sharedLink(noJs.page)).toBe(link);
      expect(await noJs.page.getByRole("button", { name: "Copy link" }).isVisible()).toBe(false);
      expect(await noJs.page.locator("#share-link").getAttribute("readonly")).not.toBeNull();

      // After confirming: the share block again, with the signature's own code.
      const confirm = new URL(await confirmLinkFor(page, email));
      await page.goto(`${baseUrl}${confirm.pathname}${confirm.search}`);
      await page.locator("form button[type=submit]").click();
      await page.waitForURL(/done/u);
      await page.locator(".share-block").waitFor();
      expect(await sharedLink(page)).toBe(link);
      await page.getByRole("button", { name: "Copy link" }).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(link);
      expect(await page.locator(".next-step a", { hasText: "Follow Germany" }).getAttribute("href")).toBe("/en/countries/deu/follow");
      await context.clearPermissions();
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    "a letter written through a writer's shared link records who referred it, and organizers see the code",
    async () => {
      const { page } = await openPage(browser);
      const first = await writeToGermany(page, `/en/letters/${LETTERS}`, `share.writer.a.${Date.now()}@example.org`);
      const link = await sharedLink(page);
      expect(link).toMatch(new RegExp(`/en/letters/${LETTERS}\\?ref=${first}$`, "u"));
      // After writing: sign the petition; never the letter campaign just written to.
      expect(await page.locator(".next-step a").first().getAttribute("href")).toBe(`/en/petitions/${PETITION}`);

      // A friend opens the shared link without JavaScript; the code survives choosing the country.
      const friend = await openPage(browser, { javaScriptEnabled: false });
      const second = await writeToGermany(friend.page, new URL(link).pathname + new URL(link).search, `share.writer.b.${Date.now()}@example.org`);
      expect(second).not.toBe(first);

      const organizer = await openPage(browser);
      await signIn(organizer.page);
      await organizer.page.goto(`${baseUrl}/en/organize/letters/${LETTERS}`);
      const row = organizer.page.locator("tr", { hasText: first });
      expect(await row.locator("td").allTextContents()).toEqual(["A writer's share link", "1", "0"]);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    "Mastodon: the person's server is asked for, checked, and a plain link leads there",
    async () => {
      const { page } = await openPage(browser, { javaScriptEnabled: false });
      await page.goto(`${baseUrl}/en/letters/${LETTERS}/sent`);
      await page.locator("#share-mastodon-instance").fill("not a server");
      await page.getByRole("button", { name: "Share on Mastodon" }).click();
      await page.getByText("Enter the name of a Mastodon server").waitFor();
      expect(await page.locator("#share-mastodon-instance").inputValue()).toBe("not a server");
      await page.locator("#share-mastodon-instance").fill("https://Mastodon.Social/");
      await page.getByRole("button", { name: "Share on Mastodon" }).click();
      const href = await page.getByRole("link", { name: "Continue to mastodon.social" }).getAttribute("href");
      expect(href).toMatch(/^https:\/\/mastodon\.social\/share\?text=/u);
      expect(new URL(href!).searchParams.get("text")).toContain(`/en/letters/${LETTERS}`);
    },
    JOURNEY_TIMEOUT_MS,
  );
});

describe("pages that lead somewhere", () => {
  it(
    "the home page links to every live campaign, with its count, a new one included once it is published",
    async () => {
      const { page } = await openPage(browser);
      const slug = `e2e-home-${Date.now()}`;
      await signIn(page);
      await page.getByRole("link", { name: "New petition" }).click();
      await page.locator("#editor-slug").fill(slug);
      await page.locator("#editor-goal").fill("500");
      await page.locator('[id="editor-title.en"]').fill("Protect security research");
      await page.locator('[id="editor-addressedTo.en"]').fill("Our government");
      await page.locator('[id="editor-body.en"]').fill("Researchers keep **everyone** safe.");
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByText("Not offered yet in").waitFor();
      await page.getByRole("button", { name: "Publish: open it for signatures" }).click();
      await page.getByText("Status: Live.").waitFor();

      const visitor = await openPage(browser);
      const live = visitor.page.locator(".live-campaigns");
      // The home page is cached for a second: a visitor sees the new campaign within a few.
      await expect
        .poll(
          async () => {
            await visitor.page.goto(`${baseUrl}/en`);
            return live.locator(`a[href="/en/petitions/${slug}"]`).count();
          },
          { timeout: 15_000 },
        )
        .toBeGreaterThan(0);
      for (const href of [`/en/petitions/${PETITION}`, `/en/letters/${LETTERS}`]) expect(await live.locator(`a[href="${href}"]`).count()).toBeGreaterThan(0);
      const card = live.locator(".campaign-card", { hasText: "Protect security research" });
      expect(await card.locator("progress").getAttribute("max")).toBe("500");
      // Above the fold on a laptop screen.
      const box = await live.boundingBox();
      expect(box!.y).toBeLessThan(visitor.page.viewportSize()!.height);

      // No dead end: an unknown page leads home.
      const missing = await visitor.page.goto(`${baseUrl}/en/no-such-page`);
      expect(missing?.status()).toBe(404);
      expect(await visitor.page.locator(".error-page a").getAttribute("href")).toBe("/en");
    },
    JOURNEY_TIMEOUT_MS,
  );
});
