import { openDatabase, type DatabaseHandle, type DatabaseOptions } from "../client";
import { DatabaseFolderLockedError } from "../lock";
import { loadConfigOrExit, type Config } from "../../app/lib/config.server";

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
export async function runWithDatabase(command: (handle: DatabaseHandle, config: Config) => Promise<void>): Promise<void> {
  const config = loadConfigOrExit({ purpose: "command" });
  const handle = await openDatabaseOrExit(config.database);
  try {
    await command(handle, config);
  } finally {
    await handle.close();
  }
}
