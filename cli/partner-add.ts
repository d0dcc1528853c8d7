/**
 * `npm run partner:add -- --code eff --name "Electronic Frontier Foundation" --website https://www.eff.org
 *  --privacy https://www.eff.org/policy --contact campaigns@eff.org [--logo logo.svg] [--inactive]`:
 * adds a partner organization (as the admin page does: the same checks, the logo drawn into a
 * PNG, an audit line). Campaigns then list it on their edit pages. On the embedded database
 * this refuses while the app is running (the app holds the database): stop it first.
 */
import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { validatePartner } from "../app/modules/partner/partner-form";
import { addPartner } from "../app/modules/partner/partner-admin.service.server";
import { LOGO_MAX_BYTES } from "../app/modules/partner/partner-logo.server";
import { migrateToLatest, migrationOptionsOf } from "../db/migrate";
import { runWithDatabase } from "../db/run-with-database";
import { loadConfigOrExit } from "../app/lib/config.server";

const USAGE = 'Usage: npm run partner:add -- --code x --name "…" --website https://… --privacy https://… --contact a@b.org [--logo file.png|file.svg] [--inactive]';

/** What each refusal of the form's checks means on the command line. */
const MESSAGES: Record<string, string> = {
  "partners.errors.nameRequired": "--name is required.",
  "partners.errors.nameTooLong": "--name is longer than 120 characters.",
  "partners.errors.nameCharacters": "--name may not contain line breaks, < or >.",
  "partners.errors.codeRequired": "--code is required.",
  "partners.errors.codeFormat": "--code must be 1 to 32 lower-case letters, digits and dashes (not at either end).",
  "partners.errors.websiteRequired": "--website is required.",
  "partners.errors.privacyRequired": "--privacy is required.",
  "partners.errors.urlInvalid": "must be an http(s) address.",
  "partners.errors.emailRequired": "--contact is required.",
  "partners.errors.emailInvalid": "--contact must be an email address.",
};
const LOGO_MESSAGES = {
  logo_too_large: `the logo is too large (at most ${LOGO_MAX_BYTES / 1024} KB, 4096 pixels a side).`,
  logo_not_image: "the logo must be a PNG or an SVG file.",
  logo_unsafe: "the logo's SVG defines its own entities (in its DOCTYPE); save it without them.",
  logo_not_rendered: "the logo does not draw (an empty or broken image).",
} as const;

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      code: { type: "string" },
      name: { type: "string" },
      website: { type: "string" },
      privacy: { type: "string" },
      contact: { type: "string" },
      logo: { type: "string" },
      inactive: { type: "boolean" },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
const checked = validatePartner({
  code: text("code"),
  name: text("name"),
  websiteUrl: text("website"),
  privacyUrl: text("privacy"),
  contactEmail: text("contact"),
  active: values.inactive !== true,
});
if (!checked.ok) {
  const flags: Record<string, string> = { websiteUrl: "--website", privacyUrl: "--privacy" };
  for (const [field, key] of Object.entries(checked.errors)) {
    const message = MESSAGES[key] ?? key;
    console.error(message.startsWith("must") ? `${flags[field] ?? field} ${message}` : message);
  }
  console.error(USAGE);
  process.exit(2);
}
let logo: Uint8Array | null = null;
const logoPath = text("logo");
if (logoPath !== "") {
  try {
    // Refused before reading a file far too large to be a logo.
    if (statSync(logoPath).size > LOGO_MAX_BYTES) {
      console.error(`--logo: ${LOGO_MESSAGES.logo_too_large}`);
      process.exit(2);
    }
    logo = new Uint8Array(readFileSync(logoPath));
  } catch (error) {
    console.error(`--logo: ${(error as Error).message}`);
    process.exit(2);
  }
}

const config = loadConfigOrExit({ purpose: "command" });
await runWithDatabase(config.database, async ({ db }) => {
  await migrateToLatest(db, migrationOptionsOf(config));
  const outcome = await addPartner(db, checked.partner, logo, { id: null, email: "command line" });
  switch (outcome.kind) {
    case "saved":
      console.log(`Added partner ${checked.partner.name} (${outcome.code}). Campaign links: /en/petitions/<slug>?partner=${outcome.code}`);
      return;
    case "code_taken":
      console.error(`A partner with the code ${checked.partner.code} already exists.`);
      process.exitCode = 1;
      return;
    case "logo":
      console.error(`--logo: ${LOGO_MESSAGES[outcome.problem]}`);
      process.exitCode = 1;
      return;
    case "not_found":
      process.exitCode = 1;
  }
});
