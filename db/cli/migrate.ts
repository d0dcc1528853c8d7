import { migrateToLatest, migrationOptionsOf } from "../migrate";
import { runWithDatabase } from "./run-with-database";

await runWithDatabase(async ({ db, kind }, config) => {
  const applied = await migrateToLatest(db, migrationOptionsOf(config));
  console.log(applied.length ? `Applied on ${kind}: ${applied.join(", ")}` : `Migrations on ${kind} are current.`);
});
