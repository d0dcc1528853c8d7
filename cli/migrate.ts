import { migrateToLatest } from "../db/migrate";
import { runWithDatabase } from "../db/run-with-database";

await runWithDatabase(async ({ db, kind }) => {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `Applied on ${kind}: ${applied.join(", ")}` : `Migrations on ${kind} are current.`);
});
