import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { violationsOn } from "./axe";
import { launchBrowser, openPage } from "./browser";
import { confirmLinkFor, outboxMails, waitForMail, type OutboxMail } from "./outbox-mail";

const baseUrl = inject("baseUrl");
const localTrial = inject("localTrial");
/** The demo letter campaign (global setup seeds it), with demo targets at example.org. */
const SLUG = "write-to-your-government";
/** A whole journey: several page loads, a mail to wait for, then one per target. */
const JOURNEY_TIMEOUT_MS = 120_000;
/**
 * The demo targets as organizers know them (the seed's file): their addresses,
 * which no page shows, and whether each address is public.
 */
const DEMO_TARGETS = (parse(readFileSync(new URL("../../db/seeds/demo/targets.csv", import.meta.url), "utf8"), { columns: true }) as Record<string, string>[]).map((t) => ({
  name: t.name!,
  email: t.email!,
  public: t.email_public === "true",
}));
const addressOf = (name: string) => DEMO_TARGETS.find((t) => t.name === name)!.email;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** A string of `locales/<lng>/<ns>.json`, as a reader of that language sees it. */
function localized(lng: string, ns: "letters" | "emails", key: string, values: Record<string, string | number> = {}): string {
  let node: unknown = JSON.parse(readFileSync(new URL(`../../locales/${lng}/${ns}.json`, import.meta.url), "utf8"));
  for (const part of key.split(".")) node = (node as Record<string, unknown>)[part];
  if (typeof node !== "string") throw new Error(`No string ${lng}/${ns}:${key}`);
  return node.replace(/\{\{(\w+)\}\}/gu, (_, name: string) => String(values[name]));
}

interface Sender {
  name: string;
  email: string;
  city?: string;
  /** The paragraph of their own (the campaign asks for at least 40 characters). */
  personal: string;
}

/** An address no other test (or earlier run on the same server) has used. */
const uniqueEmail = (label: string) => `letter-${label}-${Date.now()}@example.org`;

/** Choose the country with the GET form; the form for its targets appears. */
async function chooseCountry(page: Page, lng: string, country: string) {
  await page.goto(`${baseUrl}/${lng}/letters/${SLUG}`);
  await page.locator("#letter-country").selectOption(country);
  await page.locator(".country-step button[type=submit]").click();
  await page.waitForURL((url) => url.searchParams.get("country") === country);
  await page.locator(".letter-form").waitFor();
}

/** Who the form offers to write to, in page order: their names (before the role). */
async function targetNames(page: Page): Promise<string[]> {
  return (await page.locator("#letter-targets label").allTextContents()).map((label) => label.split(", ")[0]!);
}

async function fillSender(page: Page, me: Sender) {
  await page.locator("#letter-name").fill(me.name);
  await page.locator("#letter-email").fill(me.email);
  if (me.city) await page.locator("#letter-city").fill(me.city);
}

interface Preview {
  /** The letter exactly as the first chosen target will read it. */
  text: string;
  subject: string;
  /**
   * The "send it from your own mail app" link: the addresses of the chosen
   * targets whose address is public, subject and text; null when none is.
   */
  mailto: { to: string[]; subject: string; body: string } | null;
}

/**
 * Everything the browser is sent by our server while a test runs (pages,
 * loader and action data, scripts): read it for addresses afterwards.
 */
function receivedBodies(page: Page): string[] {
  const bodies: string[] = [];
  page.on("response", (response) => {
    if (!response.url().startsWith(baseUrl)) return;
    void response.text().then(
      (text) => bodies.push(text),
      () => undefined,
    );
  });
  return bodies;
}

/** No address of a target that is not public, anywhere the browser was sent or shows. */
async function expectNoPrivateAddress(page: Page, bodies: string[]) {
  const seen = [...bodies, await page.content()].join("\n").toLowerCase();
  expect(DEMO_TARGETS.filter((t) => !t.public && seen.includes(t.email)).map((t) => t.email)).toEqual([]);
}

/**
 * "Send from my own mail app" posts the previewed letter (a plain form, with
 * or without JS) and is answered with a redirect to the mailto: link; a
 * browser hands that to the mail app, so read it the way the browser gets it.
 */
async function openInOwnMailApp(page: Page): Promise<string> {
  await page.getByRole("button", { name: /./u }).and(page.locator("[form=letter-mailto]")).waitFor();
  const form = page.locator("form#letter-mailto");
  const action = new URL((await form.getAttribute("action"))!, baseUrl).href;
  const fields = await form.locator("input").evaluateAll((inputs) => inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value]));
  const response = await fetch(action, { method: "POST", body: new URLSearchParams(fields as [string, string][]), redirect: "manual" });
  expect(response.status).toBe(303);
  return response.headers.get("location")!;
}

async function preview(page: Page): Promise<Preview> {
  await page.locator("button[name=intent][value=preview]").click();
  const section = page.locator(".letter-preview");
  await section.waitFor();
  const text = (await section.locator("pre.mail-text").textContent())!;
  const subject = await page.locator("#letter-subject").inputValue();
  // The preview itself holds no address; the mail-app link is there only for public ones.
  expect(DEMO_TARGETS.filter((t) => text.includes(t.email))).toEqual([]);
  if ((await page.locator("form#letter-mailto").count()) === 0) return { text, subject, mailto: null };
  const mailto = new URL(await openInOwnMailApp(page));
  return {
    text,
    subject,
    mailto: {
      to: decodeURIComponent(mailto.pathname).split(","),
      subject: mailto.searchParams.get("subject")!,
      body: mailto.searchParams.get("body")!,
    },
  };
}

/** What every preview owes: merge fields filled, the sender's paragraph after the greeting. */
function expectFilledIn(shown: Preview, me: Sender, firstTarget: string, country: string) {
  const paragraphs = shown.text.split("\n\n");
  expect(paragraphs[0]).toContain(firstTarget);
  expect(paragraphs[1]).toBe(me.personal);
  expect(shown.text).toContain(me.name);
  expect(shown.text).toContain(country);
  if (me.city) expect(shown.text).toContain(me.city);
  expect(shown.text).not.toMatch(/\{\{|\}\}/u);
  // The mail-app link, where there is one, carries the same letter.
  if (shown.mailto) expect(shown.mailto.body).toBe(shown.text);
}

/** A person takes longer than the letter form's minimum fill time (LETTER_MIN_FILL_SECONDS=1 in the e2e server); so does this test. */
const FILL_TIME_MS = 1100;

async function send(page: Page, lng: string) {
  await page.waitForTimeout(FILL_TIME_MS);
  await page.locator("button[name=intent][value=send]").click();
  await page.waitForURL(new RegExp(`^${baseUrl}/${lng}/letters/${SLUG}/sent\\?ref=[\\w-]{8}&country=[a-z]{3}$`, "u"));
  expect(await page.locator("#sent-title").textContent()).toBe(localized(lng, "letters", "sent.title"));
}

/** Every mail so far that carries `text` (a sender's own paragraph: their letters and receipt). */
const lettersWith = (text: string) => outboxMails().filter((m) => m.text.includes(text));

/** Open the link in the confirmation mail (a GET sends nothing), then press the button. */
async function confirmFromMail(page: Page, lng: string, me: Sender, recipients: number) {
  const link = new URL(await confirmLinkFor(page, me.email));
  expect(link.searchParams.get("lng")).toBe(lng);
  await page.goto(`${baseUrl}${link.pathname}${link.search}`);
  expect(await page.getAttribute("html", "lang")).toBe(lng);
  expect(await page.locator("#confirm-title").textContent()).toBe(localized(lng, "letters", "confirm.title"));
  expect(await page.locator(".confirm form p").textContent()).toContain(String(recipients));
  // Opening the link confirmed nothing: a mail scanner could have opened it.
  expect(lettersWith(me.personal).filter((m) => m.to !== me.email)).toEqual([]);
  await page.getByRole("button", { name: localized(lng, "letters", "confirm.button") }).click();
  await page.waitForURL(/[?&]done/u);
  await page.getByRole("heading", { name: localized(lng, "letters", "confirm.thanks.title") }).waitFor();
}

/**
 * After the confirmation: one mail per chosen target, answered to the sender
 * (Reply-To), the first exactly as previewed; a receipt to the sender; nobody else.
 */
async function expectDelivered(lng: string, me: Sender, shown: Preview, names: string[]): Promise<OutboxMail[]> {
  const letters: OutboxMail[] = [];
  const addresses = names.map(addressOf);
  for (const [i, address] of addresses.entries()) {
    const mail = await waitForMail((m) => m.to === address && m.text.includes(me.personal));
    expect(mail.replyTo).toBe(me.email);
    expect(mail.subject).toBe(shown.subject);
    const paragraphs = mail.text.split("\n\n");
    expect(paragraphs[0]).toContain(names[i]);
    expect(paragraphs[1]).toBe(me.personal);
    expect(mail.text).not.toMatch(/\{\{|\}\}/u);
    // Who wrote it and where replies go, in the reader's mail too.
    expect(mail.text).toContain(`${me.name} (${me.email})`);
    letters.push(mail);
  }
  expect(letters[0]!.text.slice(0, shown.text.length)).toBe(shown.text);

  const receipt = await waitForMail((m) => m.to === me.email && m.text.includes(me.personal));
  expect(receipt.subject).toBe(localized(lng, "emails", "letterReceipt.subject", { subject: shown.subject }));
  for (const name of names) expect(receipt.text).toContain(name);
  // It names the people written to, never their addresses.
  for (const address of addresses) expect(receipt.text).not.toContain(address);
  // The sender's copy is the letter as one of the targets got it (the part before the "—" line).
  const sentTexts = letters.map((m) => m.text.split("\n\n—\n\n")[0]!.trimEnd());
  expect(sentTexts.some((text) => receipt.text.includes(text))).toBe(true);

  expect(new Set(lettersWith(me.personal).map((m) => m.to))).toEqual(new Set([me.email, ...addresses]));
  return letters;
}

/**
 * The receipt's link opens the letter's page: delivered to each person, and
 * "did you get a reply?" with one button per answer (a plain POST).
 */
async function answerFromReceipt(page: Page, lng: string, me: Sender) {
  const receipt = await waitForMail((m) => m.to === me.email && m.text.includes("/letters/status/"));
  const link = new URL(/https?:\/\/\S+\/letters\/status\/\S+/u.exec(receipt.text)![0]);
  await expect
    .poll(async () => {
      await page.goto(`${baseUrl}${link.pathname}${link.search}`);
      return page.locator(".reply-question").count();
    }, { timeout: 20_000 })
    .toBeGreaterThan(0);
  expect(await page.locator("#status-title").textContent()).toBe(localized(lng, "letters", "status.title"));
  const yes = localized(lng, "letters", "status.answer.yes");
  await page.locator(".reply-question").first().getByRole("button", { name: yes, exact: true }).click();
  await page.getByText(localized(lng, "letters", "status.saved.recorded")).waitFor();
  expect(await page.locator(".reply-question").first().getByRole("button", { name: yes, exact: true }).getAttribute("aria-pressed")).toBe("true");

  // The page meets WCAG A/AA too (axe needs scripts, so in a page of its own).
  const checker = await openPage(browser, { bypassCSP: true });
  await checker.page.goto(page.url());
  expect(await violationsOn(checker.page, `letter status (${lng})`)).toEqual([]);
}

describe("writing to the demo targets of the letter campaign", () => {
  it(
    "works with JavaScript, in English: the meter follows the typing, preview and send in place, confirm, every target gets the letter",
    async () => {
      const { page } = await openPage(browser);
      const bodies = receivedBodies(page);
      const me: Sender = {
        name: "Jordan Rivers",
        email: uniqueEmail("js"),
        city: "Springfield",
        personal: "I am a nurse in Springfield. My patients' health records must never be handed to another state without a judge deciding.",
      };
      await chooseCountry(page, "en", "usa");
      const country = (await page.locator("#letter-country option:checked").textContent())!;
      const names = await targetNames(page);
      expect(names.length).toBeGreaterThanOrEqual(2);

      // The meter is there once the page runs its JavaScript: the template alone is 0 % personal.
      const meter = page.locator("#personal-meter");
      await meter.waitFor();
      const percent = () => meter.evaluate((m) => (m as HTMLMeterElement).value);
      expect(await percent()).toBe(0);
      await page.evaluate(() => ((window as unknown as { marker: string }).marker = "same document"));

      await page.locator("#letter-personal").pressSequentially(me.personal);
      await expect.poll(percent, { timeout: 10_000 }).toBeGreaterThan(0);
      const typed = await percent();
      expect(await page.locator(".personal-meter label").textContent()).toBe(localized("en", "letters", "compose.meter", { percent: typed }));

      // Edit the template too (merge fields stay), and take the second suggested subject.
      const extra = "I would be glad to read your answer.";
      const body = (await page.locator("#letter-body").inputValue()).split("\n\n");
      body.splice(-1, 0, extra);
      await page.locator("#letter-body").fill(body.join("\n\n"));
      await expect.poll(percent, { timeout: 10_000 }).toBeGreaterThan(typed);
      const subjects = await page.locator("#subject-variants option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
      await page.locator("#letter-subject").fill(subjects[1]!);
      await fillSender(page, me);

      const shown = await preview(page);
      expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("same document");
      expect(await page.locator("#preview-title").textContent()).toContain(names[0]);
      expectFilledIn(shown, me, names[0]!, country);
      expect(shown.text).toContain(`\n\n${extra}\n\n`);
      expect(shown.subject).toBe(subjects[1]);
      // Of the two, only the mission's address is public: the mail app writes to it alone, and the page says so.
      const mission = names.find((n) => DEMO_TARGETS.find((t) => t.name === n)!.public)!;
      expect(shown.mailto).toMatchObject({ to: [addressOf(mission)], subject: subjects[1] });
      expect(await page.locator(".letter-preview .note").textContent()).toContain(mission);
      // What was typed is still there after the preview.
      expect(await page.locator("#letter-personal").inputValue()).toBe(me.personal);
      expect(await page.locator("#letter-email").inputValue()).toBe(me.email);

      await send(page, "en");
      expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("same document");
      await expectNoPrivateAddress(page, bodies);

      await confirmFromMail(page, "en", me, names.length);
      const letters = await expectDelivered("en", me, shown, names);
      await answerFromReceipt(page, "en", me);

      if (localTrial) {
        // The local outbox shows where a reply to the letter goes.
        await page.goto(`${baseUrl}/dev/outbox/${letters[0]!.name}`);
        expect(await page.getByTestId("reply-to").textContent()).toBe(me.email);
      }
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    "works without JavaScript, in French: choose the country, untick a target, preview, send, confirm with the button",
    async () => {
      const { page } = await openPage(browser, { javaScriptEnabled: false, locale: "fr-FR" });
      const bodies = receivedBodies(page);
      const me: Sender = {
        name: "Camille Dubois",
        email: uniqueEmail("nojs"),
        personal: "J’habite à Lyon et je tiens à ce que mes échanges privés ne puissent pas être transmis sans le contrôle d’un juge.",
      };
      await chooseCountry(page, "fr", "fra");
      expect(await page.getAttribute("html", "lang")).toBe("fr");
      const country = (await page.locator("#letter-country option:checked").textContent())!;
      const names = await targetNames(page);
      expect(names.length).toBeGreaterThanOrEqual(2);
      // No JavaScript, no meter: the form works without it.
      expect(await page.locator(".personal-meter").count()).toBe(0);

      // Write to the first target only.
      const boxes = page.locator("#letter-targets input[type=checkbox]");
      for (let i = 1; i < names.length; i++) await boxes.nth(i).uncheck();
      const subject = await page.locator("#letter-subject").inputValue();
      await page.locator("#letter-personal").fill(me.personal);
      await fillSender(page, me);

      const shown = await preview(page);
      expectFilledIn(shown, me, names[0]!, country);
      expect(shown.subject).toBe(subject);
      // The committee member's address is not public: no mail-app option is offered for them.
      expect(DEMO_TARGETS.find((t) => t.name === names[0])!.public).toBe(false);
      expect(shown.mailto).toBeNull();
      expect(await page.locator("[form=letter-mailto]").count()).toBe(0);
      await expectNoPrivateAddress(page, bodies);
      // The page came back from the server with what was typed and ticked.
      expect(await page.locator("#letter-personal").inputValue()).toBe(me.personal);
      expect(await page.locator("#letter-name").inputValue()).toBe(me.name);
      expect(await boxes.nth(0).isChecked()).toBe(true);
      expect(await boxes.nth(1).isChecked()).toBe(false);

      await send(page, "fr");
      await confirmFromMail(page, "fr", me, 1);
      await expectDelivered("fr", me, shown, names.slice(0, 1));
      await answerFromReceipt(page, "fr", me);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it.each([
    { lng: "es", javaScriptEnabled: false, personal: "" },
    { lng: "ar", javaScriptEnabled: true, personal: "قصيرة جدًا" },
  ])(
    "refuses a missing or too short paragraph of one's own ($lng, JavaScript $javaScriptEnabled): the message by the field, what was typed kept",
    async ({ lng, javaScriptEnabled, personal }) => {
      const { page } = await openPage(browser, { javaScriptEnabled });
      const me: Sender = { name: "Alex Moreno", email: uniqueEmail(`invalid-${lng}`), city: "Berlin", personal };
      await chooseCountry(page, lng, "deu");
      if (javaScriptEnabled) await page.locator("#personal-meter").waitFor();
      await page.locator("#letter-targets input[type=checkbox]").nth(1).uncheck();
      await page.locator("#letter-subject").fill("Bitte ratifizieren Sie die Konvention nicht");
      await page.locator("#letter-personal").fill(personal);
      await fillSender(page, me);
      await page.locator("button[name=intent][value=send]").click();

      const message = page.locator("#letter-personal-error");
      await message.waitFor();
      expect(await message.textContent()).toBe(localized(lng, "letters", "errors.personalTooShort"));
      const field = page.locator("#letter-personal");
      expect(await field.getAttribute("aria-invalid")).toBe("true");
      expect(await field.getAttribute("aria-describedby")).toBe("letter-personal-error");
      // The summary at the top links to the field.
      expect(await page.locator(".error-summary a[href='#letter-personal']").textContent()).toBe(localized(lng, "letters", "errors.personalTooShort"));
      // Only that field is refused.
      expect(await page.locator(".field-error").count()).toBe(1);

      expect(new URL(page.url()).pathname).toBe(`/${lng}/letters/${SLUG}`);
      expect(await field.inputValue()).toBe(personal);
      expect(await page.locator("#letter-subject").inputValue()).toBe("Bitte ratifizieren Sie die Konvention nicht");
      expect(await page.locator("#letter-name").inputValue()).toBe(me.name);
      expect(await page.locator("#letter-email").inputValue()).toBe(me.email);
      expect(await page.locator("#letter-city").inputValue()).toBe(me.city);
      expect(await page.locator("#letter-targets input[type=checkbox]").nth(0).isChecked()).toBe(true);
      expect(await page.locator("#letter-targets input[type=checkbox]").nth(1).isChecked()).toBe(false);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
