import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/**
 * PGlite has no lock between processes: two processes writing one folder
 * corrupt it. The folder belongs to whoever holds `<folder>.lock`, a file
 * holding the owner's pid; a lock left by a dead process is taken over.
 */
export class DatabaseFolderLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly ownerPid: number,
  ) {
    super(
      `The embedded database is in use by process ${ownerPid} (lock file ${lockFile}). ` +
        `Stop the running app first (Ctrl-C in its terminal), or point DATABASE_URL at a PostgreSQL server.`,
    );
    this.name = "DatabaseFolderLockedError";
  }
}

export interface FolderLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockDatabaseFolder(folder: string): FolderLock {
  const lockFile = `${folder.replace(/\/+$/, "")}.lock`;
  mkdirSync(dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(lockFile, { force: true });
      };
      process.once("exit", release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const ownerPid = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
      if (Number.isInteger(ownerPid) && isAlive(ownerPid)) {
        throw new DatabaseFolderLockedError(lockFile, ownerPid);
      }
      // Stale lock from a process that died: take it over.
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not take the database lock ${lockFile}`);
}
