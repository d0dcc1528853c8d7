import { Migrator, type Kysely, type MigrationResultSet } from "kysely";
import { migrations } from "./migrations/index";
import type { Database } from "./schema";

function migratorFor(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Runs every pending migration; throws (after rolling back) when one fails. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const { error, results }: MigrationResultSet = await migratorFor(db).migrateToLatest();
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
