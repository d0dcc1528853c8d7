import { openDatabase, type DatabaseHandle } from "../client";
import { DatabaseFolderLockedError } from "../lock";

/** Opens the configured database for a CLI command, refusing clearly when the app holds it. */
export async function runWithDatabase(command: (handle: DatabaseHandle) => Promise<void>): Promise<void> {
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase();
  } catch (error) {
    if (error instanceof DatabaseFolderLockedError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  try {
    await command(handle);
  } finally {
    await handle.close();
  }
}
