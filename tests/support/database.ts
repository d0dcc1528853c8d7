import { randomBytes } from "node:crypto";
import { Migrator, type Kysely } from "kysely";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { migrations } from "../../db/migrations/index";
import type { Database } from "../../db/schema";

/**
 * A fresh, empty database for one test file: a new database on the server in
 * DATABASE_URL (dropped on close), or an in-memory PGlite.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openDatabase({ pgliteDir: "memory://" });

  const name = `tw_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The database as it was before one migration: every migration up to it, not it. */
export async function migrateToJustBefore(db: Kysely<Database>, migration: string): Promise<void> {
  const names = Object.keys(migrations);
  if (!names.includes(migration)) throw new Error(`No migration ${migration}`);
  const earlier = Object.fromEntries(names.slice(0, names.indexOf(migration)).map((name) => [name, migrations[name]!]));
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => earlier } }).migrateToLatest();
  if (error) throw error;
}
