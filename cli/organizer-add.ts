/**
 * `npm run organizer:add -- --email someone@example.org --role admin`: adds an
 * organizer (or changes an existing one's role). They then sign in at
 * /:lng/organize/sign-in with a link by mail. On the embedded database this
 * refuses while the app is running (the app holds the database): stop it first.
 */
import { parseArgs } from "node:util";
import { isValidEmailAddress } from "../app/modules/mail/mail-address";
import { addOrganizer } from "../app/modules/organizer/organizer.repo.server";
import { isRole, ROLES } from "../app/modules/organizer/roles";
import { migrateToLatest, migrationOptionsOf } from "../db/migrate";
import { runWithDatabase } from "../db/run-with-database";
import { loadConfigOrExit } from "../app/lib/config.server";

const USAGE = `Usage: npm run organizer:add -- --email someone@example.org --role ${ROLES.join("|")}`;

let values: { email?: string; role?: string };
try {
  ({ values } = parseArgs({ options: { email: { type: "string" }, role: { type: "string" } } }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { email, role } = values;
if (!email || !isValidEmailAddress(email.trim())) {
  console.error(`--email must be an email address.\n${USAGE}`);
  process.exit(2);
}
if (!isRole(role)) {
  console.error(`--role must be one of ${ROLES.join(", ")}.\n${USAGE}`);
  process.exit(2);
}

const config = loadConfigOrExit({ purpose: "command" });
await runWithDatabase(config.database, async ({ db }) => {
  await migrateToLatest(db, migrationOptionsOf(config));
  const outcome = await addOrganizer(db, { email, role, by: "command line" });
  console.log(`${outcome.kind === "added" ? "Added" : "Updated"} ${email.trim().toLowerCase()} as ${role}. Sign in at /en/organize/sign-in.`);
});
