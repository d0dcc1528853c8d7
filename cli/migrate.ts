import { migrateToLatest, migrationOptionsOf } from "../db/migrate";
import { isDatabaseEmpty, seedDatabase } from "../db/seed";
import { runWithDatabase } from "../db/run-with-database";
import { loadConfigOrExit } from "../app/lib/config.server";

// `-- --seed-if-empty` also loads the countries and convention facts into an empty database, as
// the first `npm start` does: a deployment runs this once before its app processes start, so two
// of them never seed at the same time, and a database organizers have edited is never re-seeded.
const seedIfEmpty = process.argv.includes("--seed-if-empty");

const config = loadConfigOrExit({ purpose: "command" });
await runWithDatabase(config.database, async ({ db, kind }) => {
  const applied = await migrateToLatest(db, migrationOptionsOf(config));
  console.log(applied.length ? `Applied on ${kind}: ${applied.join(", ")}` : `Migrations on ${kind} are current.`);
  if (seedIfEmpty && (await isDatabaseEmpty(db))) {
    const report = await seedDatabase(db);
    const rows = Object.values(report).reduce((sum, { inserted }) => sum + inserted, 0);
    console.log(`Empty database: loaded countries and convention facts (${rows} rows).`);
  }
});
