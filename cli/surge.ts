/**
 * `npm run surge -- on|off|auto` flips surge mode for every app process (they
 * read the switch from the database within SURGE_SWITCH_POLL_MS, 5 s by
 * default); without an argument it shows the switch. "auto" lets each process
 * decide from its own request rate (SURGE_THRESHOLD_RPS).
 */
import { isSurgeSwitch, SURGE_SWITCHES } from "../app/modules/surge/surge";
import { readSurgeSwitch, setSurgeSwitch } from "../app/modules/surge/surge-switch.repo.server";
import { migrateToLatest, migrationOptionsOf } from "../db/migrate";
import { runWithDatabase } from "../db/run-with-database";
import { loadConfigOrExit } from "../app/lib/config.server";

const wanted = process.argv[2];
if (wanted !== undefined && !isSurgeSwitch(wanted)) {
  console.error(`Usage: npm run surge -- [${SURGE_SWITCHES.join("|")}]`);
  process.exit(2);
}

const config = loadConfigOrExit({ purpose: "command" });
await runWithDatabase(config.database, async ({ db }) => {
  await migrateToLatest(db, migrationOptionsOf(config));
  if (wanted) await setSurgeSwitch(db, wanted, "command line");
  const now = await readSurgeSwitch(db);
  const since = now.changedAt ? ` (set by ${now.changedBy} at ${now.changedAt.toISOString()})` : "";
  console.log(`Surge switch: ${now.value}${since}.`);
});
