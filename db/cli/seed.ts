import { migrateToLatest } from "../migrate";
import { seedDatabase } from "../seed";
import { runWithDatabase } from "./run-with-database";

await runWithDatabase(async ({ db, kind }) => {
  await migrateToLatest(db);
  const report = await seedDatabase(db);
  console.log(`Seeded ${kind}:`);
  for (const [table, { inserted, updated }] of Object.entries(report)) {
    console.log(`  ${table.padEnd(20)} ${inserted} inserted, ${updated} updated`);
  }
});
