/**
 * `npm run webhook:add -- --url https://crm.example.org/hooks --events signature.confirmed,letter.sent
 * [--partner <code>] [--owner someone@example.org] [--language fr]`: subscribes a URL to events and
 * prints the subscription's id and signing secret, once (only a sealed copy is kept). The owner is
 * told if the subscription is switched off; without --owner, a partner's contact address. On the
 * embedded database this refuses while the app is running (the app holds the database).
 */
import { parseArgs } from "node:util";
import { partnerByCode } from "../app/modules/partner/partner.repo.server";
import { WEBHOOK_EVENTS } from "../app/modules/webhooks/webhook-events";
import { createSubscription } from "../app/modules/webhooks/webhook-subscriptions.service.server";
import { migrateToLatest, migrationOptionsOf } from "../db/migrate";
import { runWithDatabase } from "../db/run-with-database";
import { loadConfigOrExit } from "../app/lib/config.server";

const USAGE = `Usage: npm run webhook:add -- --url https://… --events ${WEBHOOK_EVENTS.join(",")} [--partner <code>] [--owner someone@example.org] [--language en]`;

let values: { url?: string; events?: string; partner?: string; owner?: string; language?: string };
try {
  ({ values } = parseArgs({ options: { url: { type: "string" }, events: { type: "string" }, partner: { type: "string" }, owner: { type: "string" }, language: { type: "string" } } }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

const MESSAGES: Record<string, string> = {
  url_invalid: "--url must be an absolute https URL",
  url_not_https: "--url must use https (http only with WEBHOOK_ALLOW_PRIVATE=1, for local testing)",
  url_credentials: "--url must not carry a user name or password",
  url_private: "--url reaches a loopback, private, link-local or reserved address (WEBHOOK_ALLOW_PRIVATE=1 allows it, for local testing only)",
  url_unresolvable: "--url's host does not resolve",
  events_required: `--events must name at least one of ${WEBHOOK_EVENTS.join(", ")}`,
  event_unknown: `--events may only name ${WEBHOOK_EVENTS.join(", ")}`,
  email_invalid: "--owner must be an email address (or give --partner, whose contact address is used)",
};

// The secret is sealed under the session secret the app and its workers use: the same one as `serve`.
const config = loadConfigOrExit();
await runWithDatabase(config.database, async ({ db }) => {
  await migrateToLatest(db, migrationOptionsOf(config));
  const partner = values.partner ? await partnerByCode(db, values.partner) : null;
  if (values.partner && !partner) {
    console.error(`No partner with the code ${values.partner}.\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const created = await createSubscription(
    db,
    { url: values.url ?? "", events: values.events ?? "", ownerEmail: values.owner ?? partner?.contactEmail ?? "", language: values.language },
    { actor: { id: null, email: "command line" }, partnerId: partner?.id ?? null },
    { allowPrivate: config.webhooks.allowPrivate, sessionSecrets: config.server.sessionSecrets },
  );
  if (!created.ok) {
    console.error(`${Object.values(created.errors).map((code) => MESSAGES[code!] ?? code).join("\n")}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  console.log(`Subscription ${created.id}${partner ? ` for partner ${partner.code}` : ""}.`);
  console.log(`Signing secret (shown once, keep it in the receiver): ${created.secret}`);
});
