/**
 * The verifier is isomorphic: bundled for the browser as the verify page will bundle it, it runs
 * in Chromium (WebCrypto Ed25519, the synchronous SHA-256) against a log served over HTTP.
 */
import { build } from "esbuild";
import { createServer, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { generateLogSigningKey } from "~/modules/transparency/checkpoint.server";
import type { parseReceipt as parseReceiptType, Receipt } from "~/modules/transparency/receipt";
import type { verifyLog as verifyLogType, VerifyResult } from "~/modules/transparency/verify";
import { launchBrowser } from "../../e2e/browser";
import { entriesFromSteps, serveLog, type ServedLog } from "../../support/transparency-log";

const PORT = 4419;
const SITE = `http://127.0.0.1:${PORT}`;
const { key } = generateLogSigningKey();
let browser: Browser;
let server: Server;
let script = "";
let log: ServedLog;

beforeAll(async () => {
  const bundled = await build({
    stdin: { contents: 'export { verifyLog } from "./verify"; export { parseReceipt } from "./receipt";', resolveDir: fileURLToPath(new URL("../../../app/modules/transparency", import.meta.url)) },
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: "transparency",
    write: false,
  });
  script = bundled.outputFiles[0]!.text;
  server = createServer((request, response) => {
    if (request.url === "/") {
      response.writeHead(200, { "content-type": "text/html" });
      return response.end('<!doctype html><html lang="en"><head><link rel="icon" href="data:,"><title>verify</title><script src="/verifier.js"></script></head><body></body></html>');
    }
    if (request.url === "/verifier.js") {
      response.writeHead(200, { "content-type": "text/javascript" });
      return response.end(script);
    }
    const { status, body } = log.handle(`${SITE}${request.url ?? "/"}`);
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(PORT, "127.0.0.1", () => resolve()));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function verifyInBrowser(petitionUrl: string, receipt: Receipt): Promise<VerifyResult> {
  const page = await browser.newPage();
  try {
    await page.goto(`${SITE}/`);
    return await page.evaluate(async ([url, pasted]) => {
      const { verifyLog, parseReceipt } = (globalThis as unknown as { transparency: { verifyLog: typeof verifyLogType; parseReceipt: typeof parseReceiptType } }).transparency;
      const parsed = parseReceipt(pasted);
      if (!parsed.ok) throw new Error(parsed.problem);
      return verifyLog({ petitionUrl: url, fetch: (u) => fetch(u), receipt: parsed.receipt, pageSize: 7 });
    }, [petitionUrl, JSON.stringify(receipt)] as const);
  } finally {
    await page.close();
  }
}

describe("the verifier in Chromium", () => {
  const entries = entriesFromSteps([
    { op: "add", country: "FRA", day: "2026-11-01" },
    { op: "add", country: "KEN", day: "2026-11-01" },
    ...Array.from({ length: 30 }, (_, i) => ({ op: "add" as const, country: i % 3 === 0 ? "NZL" : "KEN", day: "2026-11-02" })),
    { op: "remove", pick: 0, reason: "withdrawn", day: "2026-11-03" },
  ]);

  it("verifies a log and a pasted receipt, and catches a tampered entry", async () => {
    log = serveLog({ site: SITE, entries, checkpointAt: [5, 20, 33], key });
    const result = await verifyInBrowser(log.petitionUrl, log.receiptFor(1));
    expect(result).toMatchObject({ ok: true, size: 33, counts: { total: 31 }, checkpoints: 3, receipt: { index: 1, status: "counted" } });

    log.entries[10] = { ...log.entries[10]!, day: "2026-11-09" };
    const tampered = await verifyInBrowser(log.petitionUrl, log.receiptFor(1));
    expect(tampered).toMatchObject({ ok: false, failure: { code: "root_mismatch" } });
  });
});
