import { migrateToLatest, migrationOptionsOf } from "../migrate";
import { seedDatabase } from "../seed";
import { seedDemoContent } from "../seeds/demo";
import { runWithDatabase } from "./run-with-database";

// `npm run db:seed` loads countries and facts; `-- --demo` adds the demo campaigns.
const withDemo = process.argv.includes("--demo");

await runWithDatabase(async ({ db, kind }, config) => {
  await migrateToLatest(db, migrationOptionsOf(config));
  const report = { ...(await seedDatabase(db)), ...(withDemo ? await seedDemoContent(db) : {}) };
  console.log(`Seeded ${kind}${withDemo ? " with demo content" : ""}:`);
  for (const [table, { inserted, updated }] of Object.entries(report)) {
    console.log(`  ${table.padEnd(20)} ${inserted} inserted, ${updated} updated`);
  }
});
