import { Migrator, type Kysely, type MigrationResultSet } from "kysely";
import { migrations } from "./migrations/index";
import type { Database } from "./schema";

/** What a migration may need from the configuration: migrations read no environment, the runner hands it to each. */
export interface MigrationOptions {
  /** The newest signing secret (the first of SESSION_SECRET, or a local trial's generated one). */
  signingSecret?: string;
}

/** The options for a process's configuration (app/lib/config.server.ts). */
export const migrationOptionsOf = (config: { server: { sessionSecrets: readonly string[] } }): MigrationOptions => ({ signingSecret: config.server.sessionSecrets[0] });

function migratorFor(db: Kysely<Database>, options: MigrationOptions = {}): Migrator {
  const withOptions = Object.fromEntries(Object.entries(migrations).map(([name, migration]) => [name, { ...migration, up: (on: Kysely<unknown>) => migration.up(on, options) }]));
  return new Migrator({ db, provider: { getMigrations: async () => withOptions } });
}

/** Runs every pending migration; throws (after rolling back) when one fails. */
export async function migrateToLatest(db: Kysely<Database>, options: MigrationOptions = {}): Promise<string[]> {
  const { error, results }: MigrationResultSet = await migratorFor(db, options).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

export interface MigrationStatus {
  current: boolean;
  pending: string[];
}

export async function migrationStatus(db: Kysely<Database>): Promise<MigrationStatus> {
  const all = await migratorFor(db).getMigrations();
  const pending = all.filter((m) => !m.executedAt).map((m) => m.name);
  return { current: pending.length === 0, pending };
}
