import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser";
import { waitForMail } from "./outbox-mail";

const baseUrl = inject("baseUrl");
const JOURNEY_TIMEOUT_MS = 90_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** Where the keyboard focus is, and whether it shows. */
interface Focus {
  /** The element's id, else its name, else its text (a link, a button). */
  key: string;
  tag: string;
  /** An outline of at least 2 px or a box shadow, while it matches :focus-visible. */
  visible: boolean;
  /** Its box in page coordinates (the page scrolls as focus moves). */
  box: { x: number; y: number; width: number; height: number };
}

const focusNow = (page: Page): Promise<Focus> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    const rect = el.getBoundingClientRect();
    return {
      key: el.id || el.getAttribute("name") || (el.textContent ?? "").trim().slice(0, 60),
      tag: el.tagName.toLowerCase(),
      visible: el.matches(":focus-visible") && (outline || style.boxShadow !== "none"),
      box: { x: rect.x + window.scrollX, y: rect.y + window.scrollY, width: rect.width, height: rect.height },
    };
  });

async function press(page: Page, key: string): Promise<Focus> {
  await page.keyboard.press(key);
  return focusNow(page);
}

/** Presses Tab until `stop` holds (at most `max` times); every element on the way shows its focus. */
async function tabUntil(page: Page, stop: (focus: Focus) => boolean, max = 60): Promise<Focus[]> {
  const path: Focus[] = [];
  for (let i = 0; i < max; i++) {
    const focus = await press(page, "Tab");
    path.push(focus);
    expect(focus.visible, `focus on ${focus.tag} "${focus.key}" is not visible`).toBe(true);
    if (stop(focus)) return path;
  }
  throw new Error(`${max} Tabs did not get there; focus went through: ${path.map((f) => f.key).join(" → ")}`);
}

/** Presses Tab once: focus must land on `key`, visibly. */
async function tabTo(page: Page, key: string): Promise<Focus> {
  const focus = await press(page, "Tab");
  expect(focus.key).toBe(key);
  expect(focus.visible, `focus on "${key}" is not visible`).toBe(true);
  return focus;
}

/** The controls a keyboard user must reach in `form`, in document order, as `Focus.key` names them. */
const controlsOf = (page: Page, form: string): Promise<string[]> =>
  page.locator(form).evaluate((root) =>
    [...root.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea")]
      .filter((el) => el.tabIndex >= 0 && !(el as HTMLInputElement).disabled && (el as HTMLInputElement).type !== "hidden" && el.getClientRects().length > 0)
      .map((el) => el.id || el.getAttribute("name") || (el.textContent ?? "").trim().slice(0, 60)),
  );

/** The skip link is the first stop, shows on screen, and Enter moves focus to the main content. */
async function skipToContent(page: Page) {
  const skip = await press(page, "Tab");
  expect(skip.tag).toBe("a");
  expect(skip.visible).toBe(true);
  // Off screen until focused, then in view at the top.
  expect(skip.box.y).toBeGreaterThanOrEqual(await page.evaluate(() => window.scrollY));
  expect(skip.box.height).toBeGreaterThan(0);
  expect(await press(page, "Enter")).toMatchObject({ key: "main" });
}

/** Order on screen follows the order of focus: each control starts no higher than the one before. */
function expectTopToBottom(path: Focus[]) {
  for (let i = 1; i < path.length; i++) {
    expect(path[i]!.box.y, `${path[i]!.key} is above ${path[i - 1]!.key}`).toBeGreaterThanOrEqual(path[i - 1]!.box.y - 1);
  }
}

describe("keyboard only, with JavaScript", () => {
  it(
    "signs the petition: skip link, every control of the form in order with a visible focus, Space ticks, Enter signs, then confirm from the mail",
    async () => {
      const { page } = await openPage(browser);
      const email = `keyboard-${Date.now()}@example.org`;
      await page.goto(`${baseUrl}/en/petitions/stop-the-cybercrime-convention`, { waitUntil: "networkidle" });
      await skipToContent(page);

      const before = await tabUntil(page, (f) => f.key === "sign-name");
      // Everything before the form shows its focus too (checked by tabUntil); the honeypot is never a stop.
      expect(before.length).toBeGreaterThan(1);
      await page.keyboard.type("Kim Keyboard");
      const path = [before.at(-1)!];
      path.push(await tabTo(page, "sign-email"));
      await page.keyboard.type(email);
      path.push(await tabTo(page, "sign-country"));
      await page.keyboard.type("France");
      expect(await page.locator("#sign-country").inputValue()).toBe("FRA");
      path.push(await tabTo(page, "sign-comment"));
      await page.keyboard.type("Typed without a mouse.");
      path.push(await tabTo(page, "sign-show-name"));
      await page.keyboard.press("Space");
      expect(await page.locator("#sign-show-name").isChecked()).toBe(true);
      path.push(await tabTo(page, "sign-mail-consent"));
      // Back and forth: Shift+Tab returns to the previous control.
      expect(await press(page, "Shift+Tab")).toMatchObject({ key: "sign-show-name", visible: true });
      expect(await press(page, "Tab")).toMatchObject({ key: "sign-mail-consent", visible: true });
      path.push(...(await tabUntil(page, (f) => f.tag === "button", 5)));

      // Every control of the form was reached, once, in document order, from top to bottom.
      expect(path.map((f) => f.key)).toEqual(await controlsOf(page, ".sign-form"));
      expect(path.map((f) => f.key)).not.toContain("sign-website");
      expectTopToBottom(path);

      // The form refuses a submission faster than a person fills it.
      await page.waitForTimeout(2100);
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/signed/u);

      const mail = await waitForMail((m) => m.to === email && m.text.includes("/confirm/"));
      const link = new URL(/https?:\/\/\S+\/confirm\/\S+/u.exec(mail.text)![0]);
      await page.goto(`${baseUrl}${link.pathname}${link.search}`, { waitUntil: "networkidle" });
      await skipToContent(page);
      await tabUntil(page, (f) => f.tag === "button", 10);
      await page.keyboard.press("Space");
      await page.waitForURL(/done/u);
      await page.locator("#confirm-title").waitFor();
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    "writes a letter: choose the country, untick a target, type the paragraph, preview and send with Enter, confirm from the mail",
    async () => {
      const { page } = await openPage(browser);
      const email = `keyboard-letter-${Date.now()}@example.org`;
      await page.goto(`${baseUrl}/en/letters/write-to-your-government`, { waitUntil: "networkidle" });
      await skipToContent(page);
      await tabUntil(page, (f) => f.key === "letter-country");
      await page.keyboard.type("France");
      expect(await page.locator("#letter-country").inputValue()).toBe("fra");
      expect(await press(page, "Tab")).toMatchObject({ tag: "button", visible: true });
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.searchParams.get("country") === "fra");
      await page.locator("#personal-meter").waitFor();

      const path = await tabUntil(page, (f) => f.key.startsWith("target-"));
      const first = path.at(-1)!;
      path.length = 0;
      path.push(first);
      const targets = await page.locator("#letter-targets input[type=checkbox]").count();
      expect(targets).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < targets; i++) {
        const focus = await press(page, "Tab");
        expect(focus.key).toMatch(/^target-/u);
        expect(focus.visible).toBe(true);
        path.push(focus);
      }
      // Untick the last one: only the others get the letter.
      await page.keyboard.press("Space");
      expect(await page.locator("#letter-targets input[type=checkbox]").last().isChecked()).toBe(false);
      path.push(await tabTo(page, "letter-subject"));
      path.push(await tabTo(page, "letter-body"));
      path.push(await tabTo(page, "letter-personal"));
      await page.keyboard.type("I live in Lyon and I type this with a keyboard only: keep my messages private.");
      path.push(await tabTo(page, "letter-name"));
      await page.keyboard.type("Kim Keyboard");
      path.push(await tabTo(page, "letter-email"));
      await page.keyboard.type(email);
      path.push(await tabTo(page, "letter-city"));
      path.push(await tabTo(page, "letter-mail-consent"));
      path.push(await tabTo(page, "intent"));
      path.push(await tabTo(page, "intent"));
      expect(path.map((f) => f.key)).toEqual(await controlsOf(page, ".letter-form"));
      expectTopToBottom(path);

      // Back to "Preview", press it: the preview shows in place, the focus stays on the button.
      expect(await press(page, "Shift+Tab")).toMatchObject({ key: "intent", visible: true });
      await page.keyboard.press("Enter");
      await page.locator(".letter-preview").waitFor();
      expect(await page.locator(".letter-preview pre").textContent()).toContain("keyboard only");
      // From "Preview", Tab goes on to "Send".
      await tabUntil(page, (f) => f.tag === "button" && f.key === "intent", 5);
      expect(await page.evaluate(() => (document.activeElement as HTMLButtonElement).value)).toBe("send");
      // Letters sent faster than the minimum fill time (1 s in these tests) are held back.
      await page.waitForTimeout(1100);
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/sent\?ref=[\w-]{8}(&country=[a-z]{3})?$/u);

      const mail = await waitForMail((m) => m.to === email && m.text.includes("/confirm/"));
      const link = new URL(/https?:\/\/\S+\/confirm\/\S+/u.exec(mail.text)![0]);
      await page.goto(`${baseUrl}${link.pathname}${link.search}`, { waitUntil: "networkidle" });
      await skipToContent(page);
      await tabUntil(page, (f) => f.tag === "button", 10);
      await page.keyboard.press("Enter");
      await page.waitForURL(/done/u);
      await page.locator("#confirm-title").waitFor();
    },
    JOURNEY_TIMEOUT_MS,
  );
});
