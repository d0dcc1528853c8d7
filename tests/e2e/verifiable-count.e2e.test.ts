/**
 * The count anyone can check: people sign the demo petition, confirm and withdraw through their
 * mails in the browser; the server logs each change and signs a checkpoint; then `npm run verify`
 * downloads the log from the running app and arrives at the count the petition page shows.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Checkpoint } from "../../app/modules/transparency/checkpoint";
import type { LogEntryJson } from "../../app/modules/transparency/log-entry";
import { launchBrowser, openPage } from "./browser";
import { confirmLinkFor, mailedLinkFor } from "./outbox-mail";
import { runVerify } from "../support/verify-cli";

const baseUrl = inject("baseUrl");
const SLUG = "stop-the-cybercrime-convention";
const LOG = `${baseUrl}/api/v1/petitions/${SLUG}/log`;
/** Entries are appended every 2 s; checkpoints are looked at about every 10 s (the harness signs them 1 s apart at most). */
const LOG_TIMEOUT_MS = 40_000;

let browser: Browser;
const keepDir = mkdtempSync(join(tmpdir(), "tw-e2e-verify-"));
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(keepDir, { recursive: true, force: true });
});

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as T };
}

const publicCount = async () => (await getJson<{ confirmedSignatures: number }>(`${baseUrl}/api/v1/petitions/${SLUG}`)).body.confirmedSignatures;

async function latestCheckpoint(): Promise<Checkpoint | null> {
  const { status, body } = await getJson<Checkpoint>(`${LOG}/checkpoint`);
  if (status === 404) return null;
  expect(status).toBe(200);
  return body;
}

/** Every entry the log holds so far, a page at a time. */
async function allEntries(): Promise<LogEntryJson[]> {
  const entries: LogEntryJson[] = [];
  for (;;) {
    const { status, body } = await getJson<{ start: number; entries: LogEntryJson[] }>(`${LOG}/entries?start=${entries.length}&end=${entries.length + 1000}`);
    expect(status).toBe(200);
    entries.push(...body.entries);
    if (body.entries.length < 1000) return entries;
  }
}

const tally = (entries: readonly LogEntryJson[]) => entries.reduce((sum, entry) => sum + (entry.kind === "add" ? 1 : -1), 0);

/** Waits until the log has caught up with the public count (nothing still queued) and returns its entries. */
async function settledEntries(): Promise<LogEntryJson[]> {
  let entries: LogEntryJson[] = [];
  await expect
    .poll(async () => {
      entries = await allEntries();
      return tally(entries) === (await publicCount());
    }, { timeout: LOG_TIMEOUT_MS, interval: 500 })
    .toBe(true);
  return entries;
}

/** Waits for a signed checkpoint of exactly `size` entries whose total is the public count. */
async function checkpointAt(size: number): Promise<Checkpoint> {
  let latest: Checkpoint | null = null;
  await expect
    .poll(async () => {
      latest = await latestCheckpoint();
      return latest !== null && latest.size === size && latest.counts.total === (await publicCount());
    }, { timeout: LOG_TIMEOUT_MS, interval: 500 })
    .toBe(true);
  return latest!;
}

const lastLine = (text: string) => text.trimEnd().split("\n").at(-1);

/** Signs in the browser, as a person would, taking longer than the form's minimum fill time. */
async function sign(page: Page, person: { name: string; email: string; countryLabel: string }) {
  await page.goto(`${baseUrl}/en/petitions/${SLUG}`);
  const form = page.locator(".sign-form");
  await form.locator("#sign-name").fill(person.name);
  await form.locator("#sign-email").fill(person.email);
  await form.locator("#sign-country").selectOption({ label: person.countryLabel });
  await page.waitForTimeout(2100);
  await form.locator("button[type=submit]").click();
  await page.waitForURL(/\/signed\?ref=/u);
}

/** Opens a link from a mail and presses its button (confirm, withdraw); returns the link. */
async function pressMailedButton(page: Page, email: string, path: "/confirm/" | "/withdraw/"): Promise<string> {
  const link = path === "/confirm/" ? await confirmLinkFor(page, email) : await mailedLinkFor(page, email, path);
  const url = new URL(link);
  await page.goto(`${baseUrl}${url.pathname}${url.search}`);
  await page.locator("main form button[type=submit]").first().click();
  await page.locator("main [role=status]").first().waitFor();
  return link;
}

describe("the verifiable count", () => {
  it("signs, confirms and withdraws in the browser; the log records it; npm run verify arrives at the public count, and holds the server to a kept checkpoint", { timeout: 180_000 }, async () => {
    const before = await settledEntries();
    const stamp = Date.now();
    const ama = { name: "Ama Mensah", email: `log-ama-${stamp}@example.org`, countryLabel: "Ghana" };
    const ivo = { name: "Ivo Horvat", email: `log-ivo-${stamp}@example.org`, countryLabel: "Croatia" };
    const { page } = await openPage(browser, { javaScriptEnabled: false });

    await sign(page, ama);
    const confirmLink = await pressMailedButton(page, ama.email, "/confirm/");
    await sign(page, ivo);
    await pressMailedButton(page, ivo.email, "/confirm/");
    await pressMailedButton(page, ama.email, "/withdraw/");

    // Two additions and one removal, in that order, after what the log held before.
    let entries: LogEntryJson[] = [];
    await expect.poll(async () => (entries = await allEntries()).length, { timeout: LOG_TIMEOUT_MS, interval: 500 }).toBe(before.length + 3);
    const ours = entries.slice(before.length);
    const today = new Date().toISOString().slice(0, 10);
    const at = before.length;
    expect(ours).toEqual([
      { index: at, kind: "add", commitment: expect.stringMatching(/^[0-9a-f]{64}$/u), country: "GHA", day: today },
      { index: at + 1, kind: "add", commitment: expect.stringMatching(/^[0-9a-f]{64}$/u), country: "HRV", day: today },
      { index: at + 2, kind: "remove", commitment: ours[0]!.commitment, country: "GHA", day: today, removes: at, reason: "withdrawn" },
    ]);
    expect(ours[1]!.commitment).not.toBe(ours[0]!.commitment);

    // The public count and a checkpoint covering the three entries, both caught up.
    await expect.poll(publicCount, { timeout: LOG_TIMEOUT_MS }).toBe(tally(entries));
    const checkpoint = await checkpointAt(entries.length);
    expect(checkpoint.counts.byCountry.HRV).toBe(entries.filter((e) => e.country === "HRV").reduce((n, e) => n + (e.kind === "add" ? 1 : -1), 0));
    expect(checkpoint.counts.byCountry.GHA ?? 0).toBe(entries.filter((e) => e.country === "GHA").reduce((n, e) => n + (e.kind === "add" ? 1 : -1), 0));

    // The petition's address as the site gives it in its mail: the log's origin is named after it.
    const petitionUrl = `${new URL(confirmLink).origin}/en/petitions/${SLUG}`;
    expect(checkpoint.origin).toBe(`${new URL(confirmLink).origin}/petitions/${SLUG}`);
    const kept = join(keepDir, "kept.json");
    const first = await runVerify([petitionUrl, "--keep", kept]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(lastLine(first.stdout)).toBe(`verified: ${await publicCount()} signatures at tree size ${checkpoint.size}`);
    expect((await latestCheckpoint())!.size).toBe(checkpoint.size);
    expect(JSON.parse(readFileSync(kept, "utf8"))).toEqual([checkpoint]);

    // The log grows; the second run checks the server's new checkpoint extends the kept one.
    const zoe = { name: "Zoe Tan", email: `log-zoe-${stamp}@example.org`, countryLabel: "Singapore" };
    await sign(page, zoe);
    await pressMailedButton(page, zoe.email, "/confirm/");
    await expect.poll(async () => (await allEntries()).length, { timeout: LOG_TIMEOUT_MS, interval: 500 }).toBe(checkpoint.size + 1);
    const grown = await checkpointAt(checkpoint.size + 1);
    const second = await runVerify([petitionUrl, "--keep", kept]);
    expect(second.stderr).toBe("");
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`consistency: size ${checkpoint.size} → ${grown.size}`);
    expect(lastLine(second.stdout)).toBe(`verified: ${await publicCount()} signatures at tree size ${grown.size}`);
    expect(grown.counts.total).toBe(checkpoint.counts.total + 1);
    expect(JSON.parse(readFileSync(kept, "utf8"))).toEqual([checkpoint, grown]);

    // A kept checkpoint the server never signed (another root at that size) is refused, not passed over.
    const forged = join(keepDir, "forged.json");
    writeFileSync(forged, JSON.stringify([{ ...checkpoint, rootHash: "00".repeat(32) }]));
    const refused = await runVerify([petitionUrl, "--keep", forged]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^failed: checkpoint_signature: checkpoint at size \d+ /u);
    expect(refused.stdout).not.toContain("verified:");

    // An address the site has no petition at: said as such, not as a bare HTTP error.
    const unknown = await runVerify([`${new URL(confirmLink).origin}/en/petitions/no-such-petition`]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^failed: no_petition: .*: the server has no published petition at http:\/\/[^/]+\/petitions\/no-such-petition\n$/u);
  });
});
