import { migrateToLatest } from "../migrate";
import { runWithDatabase } from "./run-with-database";

await runWithDatabase(async ({ db, kind }) => {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `Applied on ${kind}: ${applied.join(", ")}` : `Migrations on ${kind} are current.`);
});
