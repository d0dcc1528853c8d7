import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { unsubscribeUrlFor } from "../../app/modules/mail/unsubscribe.service.server";
import { loadAxeInEveryPage, violationsOn } from "./axe";
import { launchBrowser } from "./browser";
import { signIn, requestSignInLink } from "./organizer-sign-in";
import { confirmLinkFor, mailedLinkFor, waitForMail } from "./outbox-mail";

const baseUrl = inject("baseUrl");
const LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh"] as const;
const PETITION = "stop-the-cybercrime-convention";
const CAMPAIGN = "write-to-your-government";

/**
 * One page (in one state) to check. In `path`, `{lng}` is the language of the
 * run and `{name}` the token of a link the first test got from the mail (see `Links`).
 */
interface PageCheck {
  path: string;
  /** The status it must answer, so that axe never checks an error page by mistake. */
  status?: number;
  /** Brings the loaded page into the state to check (a form sent with errors, a preview). */
  then?: (page: Page) => Promise<void>;
  /** Shown in the report instead of the path. */
  label?: string;
  /**
   * Only in these languages: for a page already checked in all six that differs here only by
   * its data (another country, a filter), left to right and right to left are enough.
   */
  languages?: readonly string[];
}

/** Left to right and right to left. */
const BOTH_DIRECTIONS = ["en", "ar"] as const;

/** Tokens of links from the mails of real flows: a signature or letter waiting, confirmed or withdrawn, and so on. */
interface Links {
  signatureToConfirm: string;
  signatureConfirmed: string;
  signatureToWithdraw: string;
  signatureWithdrawn: string;
  letterToConfirm: string;
  letterConfirmed: string;
  letterStatus: string;
  unsubscribe: string;
  organizerSignIn: string;
  followToConfirm: string;
  followConfirmed: string;
  followUnsubscribe: string;
}

/** Submits the first form matching `selector` natively (no script runs): the server answers with a new page. */
const submitNatively = (selector: string) => async (page: Page) => {
  await Promise.all([page.waitForEvent("load"), page.locator(selector).first().evaluate((form) => HTMLFormElement.prototype.submit.call(form))]);
};

/** Every public page, and the states of its forms, under /{lng} or in mail links with ?lng={lng}. */
const PUBLIC_PAGES: PageCheck[] = [
  { path: "/{lng}" },
  { path: "/{lng}/countries" },
  { path: "/{lng}/countries?region=Europe&sort=status", languages: BOTH_DIRECTIONS },
  { path: "/{lng}/countries?q=korea" },
  { path: "/{lng}/countries?q=zzzz" },
  { path: "/{lng}/countries/fra" },
  { path: "/{lng}/countries/usa", languages: BOTH_DIRECTIONS },
  { path: "/{lng}/countries/gbr", languages: BOTH_DIRECTIONS },
  // Every kind of fact: a reported step beside the status, declarations, domestic steps.
  { path: "/{lng}/countries/aze", languages: BOTH_DIRECTIONS },
  { path: "/{lng}/countries?status=ratified", languages: BOTH_DIRECTIONS },
  { path: "/{lng}/privacy" },
  { path: `/{lng}/petitions/${PETITION}` },
  {
    path: `/{lng}/petitions/${PETITION}`,
    label: "petition, sign form with errors",
    then: async (page) => {
      await page.locator(".sign-form button[type=submit]").click();
      await page.locator(".error-summary").waitFor();
    },
  },
  { path: `/{lng}/petitions/${PETITION}/signed?ref=abcdefgh&country=fra` },
  { path: `/{lng}/petitions/${PETITION}/verify`, languages: BOTH_DIRECTIONS },
  {
    path: `/{lng}/petitions/${PETITION}/verify`,
    label: "verify page, a receipt refused",
    then: async (page) => {
      await page.locator("#receipt-text").fill("{ not a receipt");
      await page.locator(".verify-receipt button[type=submit]").click();
      await page.locator("#receipt-error").waitFor();
    },
  },
  { path: "/{lng}/share/mastodon?instance=not+a+server&text=Sign" },
  { path: "/{lng}/share/mastodon?instance=mastodon.social&text=Sign" },
  { path: `/embed/petitions/${PETITION}?lng={lng}` },
  { path: "/embed/letters/write-to-your-government?lng={lng}" },
  { path: "/confirm/{signatureToConfirm}?lng={lng}" },
  { path: "/confirm/{signatureConfirmed}?lng={lng}&done" },
  { path: "/withdraw/{signatureToWithdraw}?lng={lng}" },
  { path: "/withdraw/{signatureWithdrawn}?lng={lng}" },
  { path: `/{lng}/letters/${CAMPAIGN}` },
  { path: `/{lng}/letters/${CAMPAIGN}?country=fra` },
  { path: `/{lng}/letters/${CAMPAIGN}?country=jpn` },
  {
    path: `/{lng}/letters/${CAMPAIGN}?country=fra`,
    label: "letter form with errors",
    then: async (page) => {
      await page.locator("button[name=intent][value=send]").click();
      await page.locator(".error-summary").waitFor();
    },
  },
  {
    path: `/{lng}/letters/${CAMPAIGN}?country=fra`,
    label: "letter preview",
    then: async (page) => {
      await page.locator("#letter-personal").fill("I live here and I want my private messages kept from other states without a judge.");
      await page.locator("#letter-name").fill("Sam Reader");
      await page.locator("#letter-email").fill("sam.reader@example.org");
      await page.locator("button[name=intent][value=preview]").click();
      await page.locator(".letter-preview").waitFor();
    },
  },
  { path: `/{lng}/letters/${CAMPAIGN}/sent` },
  { path: "/confirm/{letterToConfirm}?lng={lng}" },
  { path: "/confirm/{letterConfirmed}?lng={lng}&done" },
  { path: "/letters/status/{letterStatus}?lng={lng}" },
  { path: "/letters/status/{letterStatus}?lng={lng}&saved=recorded" },
  { path: "/unsubscribe/{unsubscribe}?lng={lng}" },
  { path: "/unsubscribe/{unsubscribe}?lng={lng}&done" },
  { path: "/{lng}/countries/fra/follow" },
  {
    path: "/{lng}/countries/fra/follow",
    label: "follow form with errors",
    then: async (page) => {
      await page.locator(".follow-form button[type=submit]").click();
      await page.locator(".error-summary").waitFor();
    },
  },
  { path: "/{lng}/countries/fra/follow/sent" },
  { path: "/confirm/{followToConfirm}?lng={lng}" },
  { path: "/confirm/{followConfirmed}?lng={lng}&done" },
  { path: "/unsubscribe/{followUnsubscribe}?lng={lng}" },
  { path: "/unsubscribe/{followUnsubscribe}?lng={lng}&done=country" },
  { path: "/unsubscribe/{followUnsubscribe}?lng={lng}&done=everything", languages: BOTH_DIRECTIONS },
  { path: "/{lng}/organize/sign-in" },
  { path: "/{lng}/organize/sign-in?sent" },
  { path: "/{lng}/organize/sign-in/{organizerSignIn}" },
  { path: "/{lng}/organize/sign-in/not-a-token" },
  { path: "/{lng}/no-such-page", status: 404 },
  { path: "/{lng}/countries/zzz", status: 404, languages: BOTH_DIRECTIONS },
  { path: "/confirm/not-a-token?lng={lng}", status: 404 },
  {
    // A dead link posted to (a forged or cut-short token): the 404 page, in the language of the page.
    path: "/confirm/{signatureToConfirm}?lng={lng}",
    label: "posted to a dead link",
    status: 404,
    then: async (page) => {
      await page.locator("main form").evaluate((form) => ((form as HTMLFormElement).action = `/confirm/not-a-token${location.search}`));
      await submitNatively("main form")(page);
    },
  },
];

/** Every organizer page, signed in as an admin (new pages: one line each). */
const ORGANIZER_PAGES: PageCheck[] = [
  { path: "/{lng}/organize" },
  { path: "/{lng}/organize/audit" },
  { path: "/{lng}/organize/people" },
  { path: "/{lng}/organize/people?invalid" },
  { path: "/{lng}/organize/targets" },
  { path: "/{lng}/organize/countries" },
  { path: "/{lng}/organize/countries/fra" },
  { path: "/{lng}/organize/countries/aze" },
  { path: "/{lng}/organize/leads" },
  { path: "/{lng}/organize/alerts" },
  { path: "/{lng}/organize/countries/import" },
  { path: "/{lng}/organize/countries/import", label: "preview", then: async (page) => (await page.locator("#import-input").fill("Participant\tSignature\tRatification\nTürkiye\t25 Oct 2025\t\nNowhere Land\t\t1 Mar 2026 a"), await submitNatively("form:has(#import-input)")(page)) },
  { path: "/{lng}/organize/petitions/new" },
  { path: `/{lng}/organize/petitions/${PETITION}/edit` },
  { path: `/{lng}/organize/petitions/${PETITION}/moderation` },
  { path: `/{lng}/organize/petitions/${PETITION}/moderation?emailDomain=nobody.example` },
  { path: `/{lng}/organize/petitions/${PETITION}/moderation?from=not-a-date` },
  { path: `/{lng}/organize/petitions/${PETITION}` },
  { path: `/{lng}/petitions/${PETITION}?preview` },
  { path: "/{lng}/organize/letters/new" },
  { path: "/{lng}/organize/letters/write-to-your-government" },
  { path: "/{lng}/organize/letters/write-to-your-government/edit" },
  { path: `/{lng}/organize/petitions/${PETITION}/asks` },
  { path: `/{lng}/organize/petitions/${PETITION}/share?ref=flyer-2026` },
  { path: "/{lng}/organize/letters/write-to-your-government/share?ref=no" },
  {
    // Half an ask refused: the messages by the fields, what was typed kept.
    path: "/{lng}/organize/letters/write-to-your-government/asks?language=fr",
    label: "refused",
    status: 400,
    then: async (page) => (await page.locator("#editor-heading\\.signed").fill("Seulement un titre"), await submitNatively("form:has(input[name=language])")(page)),
  },
  { path: "/{lng}/organize/targets/new" },
  { path: "/{lng}/organize/organizers" },
  {
    // A form whose CSRF token does not match: the 403 page.
    path: "/{lng}/organize/people",
    label: "403",
    status: 403,
    then: async (page) => {
      // The page's own form, not the sign-out form of the workspace's bar; once hydrated (hydration would set the token back).
      const form = 'form:has(input[name=csrf]):not([action$="/sign-out"])';
      await page.waitForLoadState("networkidle");
      await page.locator(`${form} input[name=csrf]`).first().evaluate((input) => ((input as HTMLInputElement).value = "forged"));
      await submitNatively(form)(page);
    },
  },
];

const fill = (path: string, lng: string, links: Links) =>
  path.replace(/\{(\w+)\}/gu, (_, name: string) => (name === "lng" ? lng : links[name as keyof Links]));

/** Visits each page, brings it into its state and runs axe there; returns the violations, one line each. */
async function check(page: Page, pages: PageCheck[], lng: string, links: Links): Promise<string[]> {
  const report: string[] = [];
  for (const entry of pages.filter((p) => !p.languages || p.languages.includes(lng))) {
    const url = fill(entry.path, lng, links);
    const label = entry.label ? `${url} (${entry.label})` : url;
    let status = (await page.goto(`${baseUrl}${url}`))?.status();
    if (entry.then) {
      const answered = page.waitForResponse((r) => r.request().isNavigationRequest() || r.url().includes(".data"), { timeout: 10_000 }).catch(() => null);
      await entry.then(page);
      if (entry.status) status = (await answered)?.status();
    }
    expect(status, label).toBe(entry.status ?? 200);
    expect(await page.getAttribute("html", "lang"), label).toBe(lng);
    expect(await page.getAttribute("html", "dir"), label).toBe(lng === "ar" ? "rtl" : "ltr");
    report.push(...(await violationsOn(page, label)));
  }
  return report;
}

let browser: Browser;
let visitor: BrowserContext;
let organizer: BrowserContext;
let visitorPage: Page;
let organizerPage: Page;
let links: Links;

/** Fills the demo petition's sign form as `email` (sent later: a form sent faster than a person fills it is only suspect). */
async function fillSignForm(page: Page, email: string) {
  await page.goto(`${baseUrl}/en/petitions/${PETITION}`);
  await page.locator("#sign-name").fill("Robin Axe");
  await page.locator("#sign-email").fill(email);
  await page.locator("#sign-country").selectOption("FRA");
}

async function writeLetter(page: Page, email: string) {
  await page.goto(`${baseUrl}/en/letters/${CAMPAIGN}?country=fra`);
  await page.locator("#letter-personal").fill(`I am ${email} and I ask you not to ratify this convention without safeguards.`);
  await page.locator("#letter-name").fill("Robin Axe");
  await page.locator("#letter-email").fill(email);
  // Letters sent faster than the minimum fill time (1 s in these tests) are held back.
  await page.waitForTimeout(1100);
  await page.locator("button[name=intent][value=send]").click();
  await page.waitForURL(/\/sent\?ref=[\w-]{8}(&country=[a-z]{3})?$/u);
}

/** Asks to follow France as `email`, through the form, as a person would (not faster than the form's minimum fill time). */
async function followFrance(page: Page, email: string) {
  await page.goto(`${baseUrl}/en/countries/fra/follow`);
  await page.locator("#follow-email").fill(email);
  await page.waitForTimeout(2100);
  await page.locator(".follow-form button[type=submit]").click();
  await page.waitForURL(/\/follow\/sent$/u);
}

/** Opens a link from a mail and presses its one button (confirm, withdraw). */
async function pressButtonAt(page: Page, link: string) {
  await page.goto(`${baseUrl}${link}`);
  await page.locator("main form button[type=submit]").first().click();
  // The outcome; a share block after it has a live region of its own (empty until a copy).
  await page.locator("main [role=status]").first().waitFor();
}

/** The token of a link from a mail: the last segment of its path. */
const tokenOf = (link: string) => new URL(link, baseUrl).pathname.split("/").pop()!;

beforeAll(async () => {
  browser = await launchBrowser();
  // The app's CSP refuses injected scripts: these contexts bypass it to run axe.
  visitor = await browser.newContext({ bypassCSP: true, locale: "en-GB" });
  organizer = await browser.newContext({ bypassCSP: true, locale: "en-GB" });
  await loadAxeInEveryPage(visitor);
  await loadAxeInEveryPage(organizer);
  visitorPage = await visitor.newPage();
  organizerPage = await organizer.newPage();
});
afterAll(async () => browser?.close());

/**
 * The pages behind mail links need real signatures, letters and a sign-in link:
 * the first test drives those flows (polling the outbox needs a test), the others use them.
 */
async function driveFlows() {
  await signIn(organizerPage);

  // Three signatures (waiting, confirmed, withdrawn) and two letters (waiting, confirmed), through the forms and the mail.
  const stamp = Date.now();
  const email = (label: string) => `axe-${label}-${stamp}@example.org`;
  const signers = await Promise.all(["sign1", "sign2", "sign3"].map(async (label) => ({ label, page: await visitor.newPage() })));
  await Promise.all(signers.map(({ label, page }) => fillSignForm(page, email(label))));
  await visitorPage.waitForTimeout(2100);
  await Promise.all(
    signers.map(async ({ page }) => {
      await page.locator(".sign-form button[type=submit]").click();
      await page.waitForURL(/\/signed/u);
      await page.close();
    }),
  );
  await writeLetter(visitorPage, email("letter1"));
  await writeLetter(visitorPage, email("letter2"));
  await followFrance(visitorPage, email("follow1"));
  await followFrance(visitorPage, email("follow2"));

  const path = (link: string) => new URL(link).pathname;
  const signatureToConfirm = await confirmLinkFor(visitorPage, email("sign1"));
  const signatureToWithdraw = await mailedLinkFor(visitorPage, email("sign1"), "/withdraw/");
  const signatureConfirmed = await confirmLinkFor(visitorPage, email("sign2"));
  await pressButtonAt(visitorPage, `${path(signatureConfirmed)}?lng=en`);
  const signatureWithdrawn = await mailedLinkFor(visitorPage, email("sign3"), "/withdraw/");
  await pressButtonAt(visitorPage, `${path(signatureWithdrawn)}?lng=en`);
  const letterToConfirm = await confirmLinkFor(visitorPage, email("letter1"));
  const letterConfirmed = await confirmLinkFor(visitorPage, email("letter2"));
  await pressButtonAt(visitorPage, `${path(letterConfirmed)}?lng=en`);
  // The receipt, once the letters went out: where they went, and how to stop all mail.
  const receipt = await waitForMail((m) => m.to === email("letter2") && m.text.includes("/letters/status/"), 30_000);
  const status = /https?:\/\/\S+\/letters\/status\/\S+/u.exec(receipt.text)![0];
  // Only mail nobody asked for at that moment carries it (the follow-up, weeks later): made as the mail worker makes it.
  const unsubscribe = unsubscribeUrlFor(email("letter2"), baseUrl, inject("sessionSecret").split(","));
  const followToConfirm = await confirmLinkFor(visitorPage, email("follow1"));
  const followConfirmed = await confirmLinkFor(visitorPage, email("follow2"));
  await pressButtonAt(visitorPage, `${path(followConfirmed)}?lng=en`);
  const followUnsubscribe = await mailedLinkFor(visitorPage, email("follow2"), "/unsubscribe/");
  // A second link for the organizer, left unused: its page shows the sign-in button.
  const organizerSignIn = tokenOf(await requestSignInLink(visitorPage, inject("organizerEmail")));

  links = {
    signatureToConfirm: tokenOf(signatureToConfirm),
    signatureConfirmed: tokenOf(signatureConfirmed),
    signatureToWithdraw: tokenOf(signatureToWithdraw),
    signatureWithdrawn: tokenOf(signatureWithdrawn),
    letterToConfirm: tokenOf(letterToConfirm),
    letterConfirmed: tokenOf(letterConfirmed),
    letterStatus: tokenOf(status),
    unsubscribe: tokenOf(unsubscribe),
    organizerSignIn,
    followToConfirm: tokenOf(followToConfirm),
    followConfirmed: tokenOf(followConfirmed),
    followUnsubscribe: tokenOf(followUnsubscribe),
  };
}

describe("axe (WCAG 2.0 and 2.1, A and AA) finds no violation", () => {
  it("(first: sign in, sign and write through the forms, read the links in the mail)", driveFlows, 180_000);

  for (const lng of LANGUAGES) {
    it(`on every public page and state in ${lng}`, async () => {
      const report = await check(visitorPage, PUBLIC_PAGES, lng, links);
      expect(report, report.join("\n")).toEqual([]);
    }, 120_000);

    it(`on every organizer page in ${lng}`, async () => {
      const report = await check(organizerPage, ORGANIZER_PAGES, lng, links);
      expect(report, report.join("\n")).toEqual([]);
    }, 120_000);
  }
});
