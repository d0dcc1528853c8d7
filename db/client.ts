import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import { Kysely } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import { PostgresJSDialect } from "kysely-postgres-js";
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
  /** A read replica of `databaseUrl` for public pages (PostgreSQL only). */
  readUrl?: string;
}

const DATE_OID = 1082;
const keepDateAsString = (value: string) => value;

export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteDir: env.PGLITE_DIR || ".data/pglite",
    poolSize: env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : undefined,
    readUrl: env.DATABASE_READ_URL || undefined,
  };
}

export async function openDatabase(options: DatabaseOptions = databaseOptionsFromEnv()): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const primary = openPostgres(options.databaseUrl, options.poolSize ?? 10);
    if (!options.readUrl) return primary;
    const replica = openPostgres(options.readUrl, options.poolSize ?? 10);
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

function openPostgres(url: string, poolSize: number): DatabaseHandle {
  const sql = postgres(url, {
    max: poolSize,
    onnotice: () => {},
    // `date` stays a YYYY-MM-DD string: a calendar day has no time zone.
    types: {
      date: { to: DATE_OID, from: [DATE_OID], serialize: (x: string) => x, parse: keepDateAsString },
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: sql }) });
  return { db, kind: "postgres", close: () => db.destroy() };
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
