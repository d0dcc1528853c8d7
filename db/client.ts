import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import { CompiledQuery, Kysely, type DatabaseConnection } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import { PostgresJSDialect, PostgresJSDriver } from "kysely-postgres-js";
import postgres from "postgres";
import { resolve } from "node:path";
import type { Database } from "./schema";
import { lockDatabaseFolder } from "./lock";

export type DatabaseKind = "postgres" | "pglite";

export interface DatabaseHandle {
  db: Kysely<Database>;
  /**
   * Where public pages read: a read replica (DATABASE_READ_URL) that may lag
   * the primary by a moment; unset, the same handle as `db`.
   */
  readDb?: Kysely<Database>;
  kind: DatabaseKind;
  /** Closes the connection(s) and, for PGlite, releases the folder lock. */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  pgliteDir?: string;
  /** Connections in the postgres.js pool. */
  poolSize?: number;
  /** Give up opening a connection after this many seconds (the query fails, a page answers 503). */
  connectTimeoutSeconds?: number;
  /** A read replica of `databaseUrl` for public pages (PostgreSQL only). */
  readUrl?: string;
}

const DATE_OID = 1082;
const keepDateAsString = (value: string) => value;

/** Opens the database the options name (the configuration's `database`, app/lib/config.server.ts). */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const primary = openPostgres(options.databaseUrl, options.poolSize ?? 10, options.connectTimeoutSeconds ?? 5);
    if (!options.readUrl) return primary;
    const replica = openPostgres(options.readUrl, options.poolSize ?? 10, options.connectTimeoutSeconds ?? 5);
    return {
      ...primary,
      readDb: replica.db,
      close: async () => {
        await replica.close();
        await primary.close();
      },
    };
  }
  if (options.readUrl) throw new Error("DATABASE_READ_URL needs DATABASE_URL: the embedded database has no replicas.");
  return openPglite(options.pgliteDir ?? ".data/pglite");
}

/** How long closing waits for queries still running or queued before it drops them. */
const CLOSE_TIMEOUT_SECONDS = 5;

function openPostgres(url: string, poolSize: number, connectTimeoutSeconds: number): DatabaseHandle {
  const sql = postgres(url, {
    max: poolSize,
    // postgres.js waits 30 s by default: far longer than anyone waits for a page. A failed
    // connection is retried by the next query, so the pool comes back by itself after an outage.
    connect_timeout: connectTimeoutSeconds,
    // After failed connects postgres.js waits up to 20 s before the next try (3^n / 100 s): a
    // database back after a short outage would sit unused that long. Same curve, capped at 1 s.
    backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(3 ** retries / 100, 1),
    onnotice: () => {},
    // `date` stays a YYYY-MM-DD string: a calendar day has no time zone.
    types: {
      date: { to: DATE_OID, from: [DATE_OID], serialize: (x: string) => x, parse: keepDateAsString },
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresJSDialectKeepingErrors({ postgres: sql }) });
  return {
    db,
    kind: "postgres",
    close: async () => {
      // Queries still queued when the database is unreachable wait for it to come back (the pool
      // retries): closing gives them a few seconds, then drops them, so a stop never hangs.
      await sql.end({ timeout: CLOSE_TIMEOUT_SECONDS });
      await db.destroy();
    },
  };
}

/**
 * Kysely's Postgres driver, when a ROLLBACK fails (the connection is gone), marks
 * the connection for discard through a method only its own `pg` connections have:
 * on postgres.js that throws a TypeError in place of the real error, and a lost
 * database looks like a bug (500) instead of an outage (503). postgres.js discards
 * a closed connection by itself, so the failed ROLLBACK's own error is enough.
 */
class KeepRollbackErrorDriver extends PostgresJSDriver {
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }
}

class PostgresJSDialectKeepingErrors extends PostgresJSDialect {
  readonly #config: ConstructorParameters<typeof PostgresJSDialect>[0];
  constructor(config: ConstructorParameters<typeof PostgresJSDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new KeepRollbackErrorDriver(this.#config);
  }
}

async function openPglite(folder: string): Promise<DatabaseHandle> {
  const dataDir = folder === "memory://" ? folder : resolve(folder);
  const lock = dataDir === "memory://" ? { release() {} } : lockDatabaseFolder(dataDir);
  try {
    const pglite = await PGlite.create({
      dataDir,
      // Same shapes as postgres.js: `date` and `bigint` as strings.
      parsers: { [pgliteTypes.DATE]: keepDateAsString, [pgliteTypes.INT8]: (value: string) => value },
    });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      kind: "pglite",
      close: async () => {
        await db.destroy();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
