/**
 * The periodic work of the signature logs: append what the count changes queued (every run, so a
 * receipt is ready seconds after confirming) and sign the checkpoints that are due.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { logSigningKeyFromPem, type LogSigningKey } from "./checkpoint.server";
import { publishDueCheckpoints, RetiredKeyError, type Publisher } from "./checkpoint-publisher.server";
import { appendQueuedEntries, type OnAppended } from "./log-append.server";

export type LogSettings = { checkpointIntervalMs: number; signingKeyPem: string | undefined; siteOrigin: string };

const keys = new Map<string, LogSigningKey>();

/** The publisher of these settings (the key parsed once per process); null without a key. */
export function publisherOf(settings: LogSettings, onAppended?: OnAppended): Publisher | null {
  if (settings.signingKeyPem === undefined) return null;
  let key = keys.get(settings.signingKeyPem);
  if (!key) {
    key = logSigningKeyFromPem(settings.signingKeyPem);
    keys.set(settings.signingKeyPem, key);
  }
  return { key, siteOrigin: settings.siteOrigin, onAppended };
}

let warnedRetired = false;

/**
 * One run: appends every queued entry, then, when `publish` is true, signs the due checkpoints.
 * A retired key is said once and signs nothing; appending goes on.
 */
export async function runLogJobs(db: Kysely<Database>, settings: LogSettings, options: { publish: boolean; onAppended?: OnAppended }): Promise<void> {
  await appendQueuedEntries(db, { onAppended: options.onAppended });
  const publisher = options.publish ? publisherOf(settings, options.onAppended) : null;
  if (!publisher) return;
  try {
    await publishDueCheckpoints(db, publisher, settings.checkpointIntervalMs);
  } catch (error) {
    if (!(error instanceof RetiredKeyError)) throw error;
    if (!warnedRetired) console.error(error.message);
    warnedRetired = true;
  }
}
