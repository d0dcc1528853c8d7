import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";

const axeSource: string = createRequire(import.meta.url)("axe-core").source;
const WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Loads axe into every page of `context` as the page starts (the browser keeps the
 * script: far cheaper than sending it to each page). The context must bypass the CSP.
 */
export async function loadAxeInEveryPage(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: axeSource });
}

/** axe's WCAG A/AA violations on the page as it is now, one line each. */
export async function violationsOn(page: Page, label: string): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    // Only violations are read: axe then skips collecting every passing node, much faster on long pages.
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations;
  }, WCAG_A_AA)) as AxeViolation[];
  return violations.map((v) => `${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
}
