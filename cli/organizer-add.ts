/**
 * `npm run organizer:add -- --email someone@example.org --role admin`: adds an
 * organizer (or changes an existing one's role). They then sign in at
 * /:lng/organize/sign-in with a link by mail. A partner's person gets the role
 * `partner` and the partner's code: `--role partner --partner <code>`.
 * On the embedded database this refuses while the app is running (the app holds
 * the database): stop it first.
 */
import { parseArgs } from "node:util";
import { isValidEmailAddress } from "../app/modules/mail/mail-address";
import { addOrganizer } from "../app/modules/organizer/organizer.repo.server";
import { partnerOfRole } from "../app/modules/organizer/organizer-admin.service.server";
import { isRole, ROLES } from "../app/modules/organizer/roles";
import { partnerChoiceError } from "../app/modules/partner/partner-scope";
import { migrateToLatest, migrationOptionsOf } from "../db/migrate";
import { runWithDatabase } from "../db/run-with-database";
import { loadConfigOrExit } from "../app/lib/config.server";

const USAGE = `Usage: npm run organizer:add -- --email someone@example.org --role ${ROLES.join("|")} [--partner <code>, with --role partner only]`;

const REFUSALS = {
  partner_missing: "--role partner needs --partner <code>: the partner this account acts for.",
  partner_not_for_role: "--partner goes only with --role partner: other roles act for the whole workspace.",
  partner_unknown: "--partner names no active partner: add it first (npm run partner:add), or check the code.",
} as const;

let values: { email?: string; role?: string; partner?: string };
try {
  ({ values } = parseArgs({ options: { email: { type: "string" }, role: { type: "string" }, partner: { type: "string" } } }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { email, role, partner } = values;
if (!email || !isValidEmailAddress(email.trim())) {
  console.error(`--email must be an email address.\n${USAGE}`);
  process.exit(2);
}
if (!isRole(role)) {
  console.error(`--role must be one of ${ROLES.join(", ")}.\n${USAGE}`);
  process.exit(2);
}
// Refused before the database is opened when the options alone say it is wrong.
const choiceError = partnerChoiceError(role, partner);
if (choiceError) {
  console.error(`${REFUSALS[choiceError]}\n${USAGE}`);
  process.exit(2);
}

const config = loadConfigOrExit({ purpose: "command" });
let refused = false;
await runWithDatabase(config.database, async ({ db }) => {
  await migrateToLatest(db, migrationOptionsOf(config));
  const chosen = await partnerOfRole(db, role, partner);
  if (!chosen.ok) {
    console.error(`${REFUSALS[chosen.error]}\n${USAGE}`);
    refused = true;
    return;
  }
  const outcome = await addOrganizer(db, { email, role, partnerId: chosen.partnerId, by: "command line" });
  const forPartner = partner ? ` for partner ${partner.trim().toLowerCase()}` : "";
  console.log(`${outcome.kind === "added" ? "Added" : "Updated"} ${email.trim().toLowerCase()} as ${role}${forPartner}. Sign in at /en/organize/sign-in.`);
});
if (refused) process.exit(2);
