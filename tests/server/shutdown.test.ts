import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { spawnWebServer } from "../support/processes";

const folder = mkdtempSync(join(tmpdir(), "tw-shutdown-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function waitForReady(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not become ready`);
}

function rawStatus(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/en", headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the server process (embedded database)", () => {
  it("answers oversized headers with 431, and on SIGTERM finishes, closes the database and releases its folder", async () => {
    const port = 3900 + Math.floor(Math.random() * 90);
    const pgliteDir = join(folder, "pglite");
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), PGLITE_DIR: pgliteDir, DATABASE_URL: "", LOG_REQUESTS: "0" };
    const { child, output, exited } = spawnWebServer(env);
    try {
      await waitForReady(`http://127.0.0.1:${port}/readyz`);
      expect(existsSync(`${pgliteDir}.lock`)).toBe(true);
      expect(await rawStatus(port, { "x-big": "a".repeat(40 * 1024) })).toBe(431);
    } catch (error) {
      child.kill("SIGKILL");
      throw new Error(`${String(error)}\n${output()}`);
    }
    child.kill("SIGTERM");
    expect(await exited, output()).toBe(0);
    expect(existsSync(`${pgliteDir}.lock`)).toBe(false);

    // The folder was closed cleanly: it opens again with the seeded data.
    const reopened = await openDatabase({ pgliteDir });
    try {
      const countries = await reopened.db.selectFrom("countries").select("code3").execute();
      expect(countries).toHaveLength(196);
    } finally {
      await reopened.close();
    }
  }, 90_000);
});
