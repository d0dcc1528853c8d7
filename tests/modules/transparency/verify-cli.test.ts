import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generateLogSigningKey } from "~/modules/transparency/checkpoint.server";
import { entriesFromSteps, listenLog, serveLog } from "../../support/transparency-log";
import { runVerify } from "../../support/verify-cli";

const PORT = 4417;
const SITE = `http://127.0.0.1:${PORT}`;
const { key } = generateLogSigningKey();
const dir = mkdtempSync(join(tmpdir(), "log-verify-"));
let server: Server | null = null;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

const entries = entriesFromSteps([
  { op: "add", country: "FRA", day: "2026-11-01" },
  { op: "add", country: "KEN", day: "2026-11-01" },
  { op: "add", country: "KEN", day: "2026-11-02" },
  { op: "remove", pick: 0, reason: "withdrawn", day: "2026-11-03" },
  { op: "add", country: "NZL", day: "2026-11-03" },
]);

describe("npm run verify", () => {
  it("downloads and checks a log over HTTP and ends with the verified line; a receipt is checked too", async () => {
    const log = serveLog({ site: SITE, entries, checkpointAt: [2, 5], key });
    server = await listenLog(log, PORT);
    const receiptFile = join(dir, "receipt.json");
    writeFileSync(receiptFile, JSON.stringify(log.receiptFor(1)));
    const keepFile = join(dir, "kept.json");
    const run = await runVerify([log.petitionUrl, "--receipt", receiptFile, "--keep", keepFile]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("consistency: size 2 → 5");
    expect(run.stdout).toContain("receipt: entry 1 is in the log and counted");
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("verified: 3 signatures at tree size 5");
    expect(JSON.parse(readFileSync(keepFile, "utf8"))).toEqual([log.checkpoints[1]]);

    // The server now rewrites its history (re-signed): the kept checkpoint catches it.
    server.close();
    const rewritten = serveLog({ site: SITE, entries: [...entries.slice(0, 3), entries[4]!], checkpointAt: [4], key });
    server = await listenLog(rewritten, PORT);
    const again = await runVerify([log.petitionUrl, "--keep", keepFile]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^failed: checkpoint_order: /);
    expect(again.stdout).not.toContain("verified:");
  });

  it("says there is nothing to verify yet when the server has signed no checkpoint, and when there is no such petition", async () => {
    const fresh = serveLog({ site: SITE, entries: [], checkpointAt: [], key });
    fresh.keys = [];
    server = await listenLog(fresh, PORT);
    const run = await runVerify([fresh.petitionUrl]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`verifying ${SITE}/petitions/ban-the-bomb\n`);
    expect(run.stderr).toBe(
      `failed: no_checkpoint: ${SITE}/petitions/ban-the-bomb has no signed checkpoint yet, so there is nothing to verify: the server signs one at intervals once a signature is confirmed (a server without a log signing key signs none). Try again later.\n`,
    );
    const unknown = await runVerify([`${SITE}/en/petitions/no-such-petition`]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(`failed: no_petition: ${SITE}/api/v1/petitions/no-such-petition/log/checkpoints: HTTP 404: the server has no published petition at ${SITE}/petitions/no-such-petition\n`);
  });

  it("says what failed and exits 1 on a tampered entry; refuses bad arguments with exit 2", async () => {
    const log = serveLog({ site: SITE, entries, checkpointAt: [5], key });
    log.entries[2] = { ...log.entries[2]!, country: "FRA" };
    server = await listenLog(log, PORT);
    const run = await runVerify([log.petitionUrl]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("failed: root_mismatch: the entries do not hash to the root of the checkpoint at size 5 (2026-12-01T00:00:00.000Z)\n");

    expect((await runVerify([])).code).toBe(2);
    expect((await runVerify(["https://treaty.example/about"])).code).toBe(2);
    const badReceipt = join(dir, "bad.json");
    writeFileSync(badReceipt, JSON.stringify({ ...log.receiptFor(0), secret: "00".repeat(32) }));
    const refused = await runVerify([log.petitionUrl, "--receipt", badReceipt]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("commitment mismatch");
  });
});
