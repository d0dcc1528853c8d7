import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { onTestFinished } from "vitest";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: FLAGS });
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught page errors seen so far (expected ones left out). */
  errors(): string[];
}

/**
 * A page in a fresh context, for the current test only. When the test ends the
 * context is closed, and the test fails if the page logged a `console.error` or
 * threw an uncaught error.
 *
 * The console errors that are expected: Chromium logs "Failed to load resource: …
 * status of 404" when a page itself (the document the test navigated to) answers with
 * an error status, e.g. a 404 page, and when a form posted with JavaScript is refused
 * (400, 409), and requests matching `expectedFailures`. A sub-resource (script, style, image) that fails still counts.
 */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}, { expectedFailures }: { expectedFailures?: RegExp } = {}): Promise<OpenedPage> {
  const context = await browser.newContext({ locale: "en-GB", ...options });
  const page = await context.newPage();
  const seen: { text: string; url: string }[] = [];
  const failedDocuments = new Set<string>();
  page.on("console", (message) => {
    if (message.type() === "error") seen.push({ text: message.text(), url: message.location().url });
  });
  page.on("pageerror", (error) => seen.push({ text: `Uncaught ${error.stack ?? error.message}`, url: "" }));
  page.on("response", (response) => {
    const request = response.request();
    if (response.status() >= 400 && request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      failedDocuments.add(response.url());
    }
    // A request the test expects to be refused (a 404 that means "nothing yet").
    if (response.status() >= 400 && expectedFailures?.test(response.url())) failedDocuments.add(response.url());
    // A form submitted with JavaScript whose input was refused (400) or came too late (409):
    // the page shows why, as it does without JavaScript.
    if ([400, 409].includes(response.status()) && request.method() === "POST" && new URL(response.url()).pathname.endsWith(".data")) {
      failedDocuments.add(response.url());
    }
  });
  const errors = () =>
    seen
      .filter(({ text, url }) => !(text.startsWith("Failed to load resource") && failedDocuments.has(url)))
      .map(({ text, url }) => (url ? `${text} (at ${url})` : text));

  onTestFinished(async () => {
    await context.close();
    const found = errors();
    if (found.length > 0) throw new Error(`The page logged errors:\n${found.join("\n")}`);
  });
  return { page, context, errors };
}
