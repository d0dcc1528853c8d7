import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * A newcomer's first `npm start` builds the app (prestart: scripts/build-if-stale.ts, then
 * `npm run build`). Its output used to end with a Go runtime trace, "fatal error: all goroutines
 * are asleep - deadlock!": `remix build` exited with its esbuild contexts still open, so esbuild's
 * service kept waiting for them after its parent was gone, and when the service's ping (sent
 * every second) was unanswered at that moment, the Go runtime found nothing left to run. How
 * often that happened depended on the machine's speed; here a slow machine is made certain: each
 * Node process of the build keeps its event loop busy for a moment as it exits, so a ping is
 * always unanswered then. The fix (patches/@remix-run+dev+2.17.5.patch) disposes the contexts.
 */
const ROOT = resolve(".");
const work = mkdtempSync(join(tmpdir(), "treaty-watch-clean-build-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh checkout: a copy of the sources, the installed packages, no build, no caches. */
function freshCheckout(): void {
  for (const entry of ["app", "db", "emails", "server", "cli", "locales", "scripts", "package.json", "remix.config.js", "remix.env.d.ts", "tsconfig.json"]) {
    cpSync(join(ROOT, entry), join(work, entry), { recursive: true });
  }
  // (Remix does not build an app folder that is a symbolic link; packages may be one.)
  symlinkSync(join(ROOT, "node_modules"), join(work, "node_modules"));
  mkdirSync(join(work, "public"));
  for (const entry of readdirSync(join(ROOT, "public")).filter((name) => name !== "build")) {
    cpSync(join(ROOT, "public", entry), join(work, "public", entry), { recursive: true });
  }
  writeFileSync(
    join(work, "slow-exit.cjs"),
    'process.on("exit", () => { const until = Date.now() + 1500; while (Date.now() < until); });\n',
  );
}

/** Runs npm's prestart in the checkout; resolves once every process writing to its output, orphans included, is done. */
function prestart(): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: `--require ${join(work, "slow-exit.cjs")}` };
    const child = spawn("npm", ["run", "prestart"], { cwd: work, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", fail);
    // "close", not "exit": a process left behind by the build (esbuild's service) still holds the pipes.
    child.on("close", (code) => done({ code, output }));
  });
}

describe("the first build of a fresh checkout", () => {
  it("builds everything and prints no crash, even when the machine is slow to exit", async () => {
    freshCheckout();
    const { code, output } = await prestart();
    expect(code, output).toBe(0);
    expect(output).toContain("Building the app");
    expect(output).not.toMatch(/panic|goroutine|fatal error|deadlock/iu);
    for (const file of ["build/index.js", "build/server/start.js", "build/server/worker.js"]) expect(existsSync(join(work, file)), file).toBe(true);
  }, 180_000);
});
