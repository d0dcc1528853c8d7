import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseFolderLockedError, lockDatabaseFolder } from "../../db/lock";

const folders: string[] = [];
function tempFolder() {
  const folder = mkdtempSync(join(tmpdir(), "tw-lock-"));
  folders.push(folder);
  return join(folder, "pglite");
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("the embedded database folder lock", () => {
  it("lets one holder at a time have the folder", () => {
    const folder = tempFolder();
    const lock = lockDatabaseFolder(folder);
    expect(() => lockDatabaseFolder(folder)).toThrow(DatabaseFolderLockedError);
    lock.release();
    expect(existsSync(`${folder}.lock`)).toBe(false);
    lockDatabaseFolder(folder).release();
  });

  it("takes over a lock left by a process that died", () => {
    const folder = tempFolder();
    const dead = spawnSync(process.execPath, ["-e", "process.pid"]).pid!;
    writeFileSync(`${folder}.lock`, String(dead));
    const lock = lockDatabaseFolder(folder);
    lock.release();
  });

  it("makes db:migrate and db:seed refuse with a clear message while the app holds it", () => {
    const folder = tempFolder();
    const lock = lockDatabaseFolder(folder);
    try {
      for (const cli of ["cli/migrate.ts", "cli/seed.ts"]) {
        const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: folder, DATABASE_URL: "" };
        const result = spawnSync(process.execPath, ["--import", "tsx", cli], { env, encoding: "utf8" });
        expect(result.status).toBe(2);
        expect(result.stderr).toContain(`in use by process ${process.pid}`);
        expect(existsSync(folder)).toBe(false); // refused before touching the folder
      }
    } finally {
      lock.release();
    }
  });
});
