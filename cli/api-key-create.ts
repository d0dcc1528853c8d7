/**
 * `npm run api-key:create -- --name "CRM sync" [--partner <code>] --scopes read:campaigns,read:people`:
 * creates an API key for /api/osdi/v1 and prints it once (only its hash is stored). With
 * --partner the key acts for that partner organization: it sees only the people who consented
 * to that partner. On the embedded database this refuses while the app is running.
 */
import { parseArgs } from "node:util";
import { cleanKeyLabel, issueApiKey } from "../app/modules/api/api-keys.server";
import { API_SCOPES, parseScopes } from "../app/modules/api/api-scopes";
import { partnerByCode } from "../app/modules/partner/partner.repo.server";
import { migrateToLatest, migrationOptionsOf } from "../db/migrate";
import { runWithDatabase } from "../db/run-with-database";
import { loadConfigOrExit } from "../app/lib/config.server";

const USAGE = `Usage: npm run api-key:create -- --name "<label>" [--partner <code>] --scopes <${API_SCOPES.join(",")}>`;

let values: { name?: string; partner?: string; scopes?: string };
try {
  ({ values } = parseArgs({ options: { name: { type: "string" }, partner: { type: "string" }, scopes: { type: "string" } } }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const label = cleanKeyLabel(values.name ?? "");
if (!label) {
  console.error(`--name must be 1 to 100 characters on one line.\n${USAGE}`);
  process.exit(2);
}
const scopes = parseScopes(values.scopes ?? "");
if (!scopes.ok) {
  console.error(`${scopes.unknown === null ? "--scopes is required" : `Unknown scope: ${scopes.unknown}`}; scopes are ${API_SCOPES.join(", ")}.\n${USAGE}`);
  process.exit(2);
}

const config = loadConfigOrExit({ purpose: "command" });
await runWithDatabase(config.database, async ({ db }) => {
  await migrateToLatest(db, migrationOptionsOf(config));
  let partnerId: number | null = null;
  if (values.partner !== undefined) {
    const partner = await partnerByCode(db, values.partner.trim());
    if (!partner) {
      console.error(`No partner with the code ${values.partner.trim()} (add one with npm run partner:add).`);
      process.exitCode = 2;
      return;
    }
    partnerId = partner.id;
  }
  const created = await issueApiKey(db, { label, scopes: scopes.scopes, partnerId, createdBy: "command line" }, { id: null, email: "command line" });
  console.log(`Created API key ${created.id} (${label}; ${scopes.scopes.join(", ")}${values.partner ? `; partner ${values.partner.trim()}` : ""}).`);
  console.log("Send it in the OSDI-API-Token header. It is shown this once and cannot be shown again:");
  console.log(created.key);
});
