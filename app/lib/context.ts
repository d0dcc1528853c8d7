import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { DatabaseKind } from "../../db/client";
import type { Config } from "./config.server";

/** Cache lives and refresh intervals, one set for normal times and one for a surge (modules/surge). */
export interface SurgeTuning {
  /** How long a rendered public page is replayed to everyone. */
  pageCacheMs: number;
  /** Shared-cache life of the counts JSON and the signer map, in seconds. */
  countsMaxAgeSeconds: number;
  mapMaxAgeSeconds: number;
  /** How often an open petition page asks for the count. */
  liveCountIntervalMs: number;
}

/**
 * Surge mode as one request sees it: read once when the request arrives, and the same for the
 * page cache and the loaders, however the process's state changes meanwhile.
 */
export type SurgeMode = SurgeTuning & { active: boolean };

/** What our server hands every loader and action (see server/app.ts). */
export interface TreatyWatchContext {
  db: Kysely<Database>;
  /**
   * For public pages that tolerate a moment's lag: a read replica
   * (DATABASE_READ_URL), or `db`. Writes and anything read before a write use `db`.
   */
  readDb: Kysely<Database>;
  databaseKind: DatabaseKind;
  cspNonce: string;
  /**
   * The process's configuration, read once at start (app/lib/config.server.ts). Server-only:
   * it holds the signing secrets (`config.server.sessionSecrets`) beside the public base URL.
   */
  config: Config;
  /**
   * True only in a local trial (mail goes to files that `/dev/outbox` shows), and only for a
   * request from the machine itself: anything that exists only in a local trial checks it.
   */
  localOutbox: boolean;
  /** The client's IP address: hash it before storing (client-address.server.ts); never log it. */
  clientAddress: string;
  /**
   * Surge mode as this request found it when it arrived (the page cache decided by the same
   * reading), and the cache lives and refresh intervals that go with it.
   */
  surge: SurgeMode;
}

declare module "@remix-run/node" {
  // Single fetch is on (remix.config.js): type loader and action data as it serializes them.
  interface Future {
    v3_singleFetch: true;
  }
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends TreatyWatchContext {}
}
