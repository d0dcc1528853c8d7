import { openDatabase, type DatabaseHandle, type DatabaseOptions } from "./client";
import { DatabaseFolderLockedError } from "./lock";

/** Opens the configured database, or exits with a clear message when another process holds the embedded one. */
export async function openDatabaseOrExit(options: DatabaseOptions): Promise<DatabaseHandle> {
  try {
    return await openDatabase(options);
  } catch (error) {
    if (error instanceof DatabaseFolderLockedError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

/** Runs a CLI command against the configured database and closes it afterwards. */
export async function runWithDatabase(options: DatabaseOptions, command: (handle: DatabaseHandle) => Promise<void>): Promise<void> {
  const handle = await openDatabaseOrExit(options);
  try {
    await command(handle);
  } finally {
    await handle.close();
  }
}
