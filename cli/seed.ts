import { migrateToLatest, migrationOptionsOf } from "../db/migrate";
import { seedDatabase } from "../db/seed";
import { seedDemoContent } from "../server/demo-content";
import { runWithDatabase } from "../db/run-with-database";
import { loadConfigOrExit } from "../app/lib/config.server";

// `npm run db:seed` loads countries and facts; `-- --demo` adds the demo campaigns.
const withDemo = process.argv.includes("--demo");

const config = loadConfigOrExit({ purpose: "command" });
await runWithDatabase(config.database, async ({ db, kind }) => {
  await migrateToLatest(db, migrationOptionsOf(config));
  const report = { ...(await seedDatabase(db)), ...(withDemo ? await seedDemoContent(db) : {}) };
  console.log(`Seeded ${kind}${withDemo ? " with demo content" : ""}:`);
  for (const [table, { inserted, updated }] of Object.entries(report)) {
    console.log(`  ${table.padEnd(20)} ${inserted} inserted, ${updated} updated`);
  }
});
