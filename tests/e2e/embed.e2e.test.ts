import { createServer, type Server } from "node:http";
import type { Browser, Frame, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { FRAME_HEIGHT } from "../../app/modules/share/embed-protocol";
import { embedSnippet, frameId } from "../../app/modules/share/embed-snippet";
import { freePort } from "../support/processes";
import { launchBrowser, openPage } from "./browser";
import { signIn } from "./organizer-sign-in";

const baseUrl = inject("baseUrl");
const PETITION = "stop-the-cybercrime-convention";
const LETTERS = "write-to-your-government";
const REF = "partner-e2e-list";
/** A person takes longer than the form's minimum fill time (2 s); so does this test. */
const FILL_TIME_MS = 2100;

let browser: Browser;
let partner: Server;
let partnerUrl: string;
/** What the partner's page holds, by path: set by each test. */
const partnerPages = new Map<string, string>();

const partnerHtml = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A partner's page</title><link rel="icon" href="data:,"></head>` +
  `<body style="margin:2rem;font-family:sans-serif"><h1>Our campaign partners</h1>${body}<p>Footer of the partner's page.</p></body></html>`;

beforeAll(async () => {
  browser = await launchBrowser();
  // The partner's site: another origin (another port) than the app's.
  const port = await freePort();
  partner = createServer((req, res) => {
    const page = partnerPages.get(req.url ?? "");
    res.writeHead(page ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" }).end(page ?? "not here");
  });
  await new Promise<void>((resolve) => partner.listen(port, "127.0.0.1", resolve));
  partnerUrl = `http://127.0.0.1:${port}`;
  expect(new URL(partnerUrl).origin).not.toBe(new URL(baseUrl).origin);
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => partner?.close(resolve));
});

/** The iframe element on the partner's page and the embedded document inside it. */
async function embedded(page: Page, id: string): Promise<{ element: Locator; frame: Frame }> {
  const element = page.locator(`iframe#${id}`);
  const handle = await element.elementHandle();
  const frame = await handle!.contentFrame();
  return { element, frame: frame! };
}

const frameHeight = (element: Locator) => element.evaluate((el) => Math.round(el.getBoundingClientRect().height));
const contentHeight = (frame: Frame) => frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));

/** Signs the embedded petition as a person would (taking the form's minimum time), and waits for the thank-you note. */
async function signInFrame(page: Page, frame: Frame, person: { name: string; email: string; country: string }) {
  const form = frame.locator(".sign-form");
  await form.locator("#sign-name").fill(person.name);
  await form.locator("#sign-email").fill(person.email);
  await form.locator("#sign-country").selectOption(person.country);
  await page.waitForTimeout(FILL_TIME_MS);
  await form.locator("button[type=submit]").click();
  await frame.getByRole("status").waitFor();
}

/** Polls until the iframe is as tall as the embedded page's content; returns that height. */
async function fitted(element: Locator, frame: Frame): Promise<number> {
  await expect.poll(async () => (await frameHeight(element)) - (await contentHeight(frame)), { timeout: 15_000 }).toBe(0);
  return frameHeight(element);
}

describe("the embed on a partner's page", () => {
  it("grows its iframe to its content, again when the form's errors appear, and the snippet's ref reaches the signature", async () => {
    const petitionSnippet = embedSnippet({ origin: baseUrl, kind: "petition", slug: PETITION, lng: "en", ref: REF, partner: "partner_site" }, "Petition on Treaty Watch");
    const letterSnippet = embedSnippet({ origin: baseUrl, kind: "letter", slug: LETTERS, lng: "fr", ref: "", partner: "" }, "Campagne de lettres");
    partnerPages.set("/campaign", partnerHtml(`${petitionSnippet}\n<p>Between the two.</p>\n${letterSnippet}`));

    const { page } = await openPage(browser);
    await page.goto(`${partnerUrl}/campaign`);
    const petition = await embedded(page, frameId("petition", PETITION));
    const letter = await embedded(page, frameId("letter", LETTERS));
    await petition.frame.locator(".sign-form").waitFor();

    // Each frame fits its own content, not the snippet's fixed height.
    const first = await fitted(petition.element, petition.frame);
    expect(first).not.toBe(FRAME_HEIGHT.petition);
    const letterHeight = await fitted(letter.element, letter.frame);
    expect(letterHeight).not.toBe(FRAME_HEIGHT.letter);
    await expect(letter.frame.getByRole("link", { name: "Écrire votre lettre" }).getAttribute("target")).resolves.toBe("_blank");
    // Nothing scrolls inside the frame: the partner's page scrolls as one.
    expect(await petition.frame.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);

    // An empty form comes back with its errors: the frame grows with them. Sent as a person
    // would, after the form's minimum fill-in time (a faster one is answered as a bot's).
    await page.waitForTimeout(FILL_TIME_MS);
    await petition.frame.locator(".sign-form button[type=submit]").click();
    await petition.frame.locator(".error-summary").waitFor();
    const withErrors = await fitted(petition.element, petition.frame);
    expect(withErrors).toBeGreaterThan(first);

    // Signed through the embed: the thank-you note is shorter, the frame follows.
    await signInFrame(page, petition.frame, { name: "Partner Reader", email: "partner.reader@example.org", country: "FRA" });
    expect(petition.frame.url()).toContain("signed");
    expect(await fitted(petition.element, petition.frame)).toBeLessThan(withErrors);

    // The full page's link keeps both codes.
    expect(await petition.frame.locator("h1 a").getAttribute("href")).toBe(`/en/petitions/${PETITION}?ref=${REF}&partner=partner_site`);

    // The organizers see the partner's code among the referrals.
    const { page: organizer } = await openPage(browser);
    await signIn(organizer);
    await expect
      .poll(
        async () => {
          await organizer.goto(`${baseUrl}/en/organize/petitions/${PETITION}`);
          return organizer.locator("#referrals-title + * code, #referrals-title ~ * code").allTextContents();
        },
        { timeout: 15_000 },
      )
      .toContain(REF);
  });

  it("keeps its fixed height without JavaScript, and the form still works in it", async () => {
    partnerPages.set("/plain", partnerHtml(embedSnippet({ origin: baseUrl, kind: "petition", slug: PETITION, lng: "es", ref: REF, partner: "" }, "Petición")));
    const { page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${partnerUrl}/plain`);
    const petition = await embedded(page, frameId("petition", PETITION));
    await petition.frame.locator(".sign-form").waitFor();
    expect(await frameHeight(petition.element)).toBe(FRAME_HEIGHT.petition);
    expect(await petition.frame.locator("input[name=ref]").inputValue()).toBe(REF);
    await signInFrame(page, petition.frame, { name: "Lector Sin Script", email: "sin.script@example.org", country: "ESP" });
    expect(petition.frame.url()).toContain("&signed");
    expect(await frameHeight(petition.element)).toBe(FRAME_HEIGHT.petition);
  });

  it("is the only page that may be framed: another page of ours stays empty in a partner's frame", async () => {
    const embed = embedSnippet({ origin: baseUrl, kind: "petition", slug: PETITION, lng: "en", ref: "", partner: "" }, "Petition");
    partnerPages.set("/framing", partnerHtml(`<iframe id="page" src="${baseUrl}/en/petitions/${PETITION}" width="600" height="400"></iframe>\n${embed}`));
    // Not openPage: Chromium logs the refusal as a console error, which is what this test wants.
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${partnerUrl}/framing`);
      // The embed beside it loads: frames from us do, when they may.
      await (await embedded(page, frameId("petition", PETITION))).frame.locator(".sign-form").waitFor();
      const refused = await (await page.locator("iframe#page").elementHandle())!.contentFrame();
      await expect.poll(() => refused!.url(), { timeout: 15_000 }).toMatch(/^chrome-error:/u);
      expect(await refused!.locator(".sign-form").count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
