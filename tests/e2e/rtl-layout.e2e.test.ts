import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser";

const baseUrl = inject("baseUrl");
/** Screenshots for a person to look at; `test-results/` is not committed. */
const SHOTS = join(process.cwd(), "test-results", "rtl-layout");

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => browser?.close());

interface Lines {
  /** The element's content box (inside padding and border), in page pixels. */
  box: { left: number; right: number };
  /** One rectangle per line of its text. */
  lines: { left: number; right: number }[];
}

/** Where the text of the first element matching `selector` sits inside its box, line by line. */
const linesOf = (page: Page, selector: string): Promise<Lines> =>
  page.locator(selector).first().evaluate((el) => {
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(el);
    // A line with runs of both directions (Arabic words, Latin digits) has a rectangle per run: join them by line.
    const lines: { top: number; left: number; right: number }[] = [];
    for (const r of range.getClientRects()) {
      if (r.width === 0) continue;
      const line = lines.find((l) => Math.abs(l.top - r.top) < r.height / 2);
      if (line) {
        line.left = Math.min(line.left, r.left);
        line.right = Math.max(line.right, r.right);
      } else lines.push({ top: r.top, left: r.left, right: r.right });
    }
    return {
      box: {
        left: rect.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft),
        right: rect.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight),
      },
      lines,
    };
  });

/** Every line starts at the right edge of its box (right-to-left) or at the left edge (left-to-right). */
async function expectLinesStartAt(page: Page, selector: string, side: "right" | "left") {
  const { box, lines } = await linesOf(page, selector);
  expect(lines.length, selector).toBeGreaterThan(0);
  for (const line of lines) {
    expect(Math.abs(line[side] - box[side]), `${selector}: a line starts ${Math.round(Math.abs(line[side] - box[side]))} px from the ${side} edge`).toBeLessThanOrEqual(2);
  }
  // A short line (the heading is shorter than the page is wide) leaves the other side empty.
  const other = side === "right" ? "left" : "right";
  expect(Math.abs(lines.at(-1)![other] - box[other]), `${selector}: the text fills the ${other} side`).toBeGreaterThan(2);
}

const boxOf = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

/** The page in Arabic, its direction and a screenshot of it. */
async function openArabic(page: Page, path: string, shot: string) {
  expect((await page.goto(`${baseUrl}${path}`))?.status()).toBe(200);
  expect(await page.getAttribute("html", "dir")).toBe("rtl");
  expect(await page.getAttribute("html", "lang")).toBe("ar");
  expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe("rtl");
  await page.screenshot({ path: join(SHOTS, shot), fullPage: true });
}

describe("Arabic pages are laid out right to left", () => {
  it("the petition page: heading from the right, labels above their fields from the right, checkboxes to the right of their labels", async () => {
    const { page } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await openArabic(page, "/ar/petitions/stop-the-cybercrime-convention", "ar-petition.png");
    await expectLinesStartAt(page, "main h1", "right");

    // A label starts where its field starts: at the right.
    for (const field of ["name", "email", "country"]) {
      const label = await boxOf(page, `label[for=sign-${field}]`);
      const input = await boxOf(page, `#sign-${field}`);
      expect(Math.abs(label.x + label.width - (input.x + input.width)), `label of ${field}`).toBeLessThanOrEqual(2);
      expect(label.y + label.height).toBeLessThanOrEqual(input.y + 1);
    }
    await expectLinesStartAt(page, "label[for=sign-name]", "right");
    // The box comes first, reading from the right: it sits right of its label.
    for (const check of ["sign-show-name", "sign-mail-consent"]) {
      const box = await boxOf(page, `#${check}`);
      const label = await boxOf(page, `label[for=${check}]`);
      expect(box.x, check).toBeGreaterThanOrEqual(label.x + label.width - 1);
    }
    // The site's name at the right end of the header, the navigation after it to the left.
    const siteName = await boxOf(page, ".site-name");
    const nav = await boxOf(page, ".site-nav a");
    expect(siteName.x).toBeGreaterThan(nav.x + nav.width - 1);
  });

  it("the country page: heading, breadcrumb and timeline from the right", async () => {
    const { page } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await openArabic(page, "/ar/countries/fra", "ar-country-fra.png");
    await expectLinesStartAt(page, "main h1", "right");
    await expectLinesStartAt(page, ".breadcrumb", "right");
    await expectLinesStartAt(page, ".timeline__date", "right");
    // The timeline's rule and dots are on the right, where reading starts.
    const list = await boxOf(page, ".timeline");
    const entry = await boxOf(page, ".timeline li");
    expect(list.x + list.width - (entry.x + entry.width)).toBeGreaterThan(0);
  });

  it("the same checks see English left to right (so they can tell the two apart)", async () => {
    const { page } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}/en/countries/fra`);
    expect(await page.getAttribute("html", "dir")).toBe("ltr");
    await expectLinesStartAt(page, "main h1", "left");
    await page.goto(`${baseUrl}/en/petitions/stop-the-cybercrime-convention`);
    await expectLinesStartAt(page, "main h1", "left");
    const box = await boxOf(page, "#sign-show-name");
    const label = await boxOf(page, "label[for=sign-show-name]");
    expect(box.x + box.width).toBeLessThanOrEqual(label.x + 1);
  });
});
