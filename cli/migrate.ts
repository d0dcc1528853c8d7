import { migrateToLatest, migrationOptionsOf } from "../db/migrate";
import { runWithDatabase } from "../db/run-with-database";
import { loadConfigOrExit } from "../app/lib/config.server";

const config = loadConfigOrExit({ purpose: "command" });
await runWithDatabase(config.database, async ({ db, kind }) => {
  const applied = await migrateToLatest(db, migrationOptionsOf(config));
  console.log(applied.length ? `Applied on ${kind}: ${applied.join(", ")}` : `Migrations on ${kind} are current.`);
});
