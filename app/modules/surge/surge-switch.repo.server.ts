import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { isSurgeSwitch, type SurgeSwitch } from "./surge";

export interface SurgeSwitchRow {
  value: SurgeSwitch;
  changedBy: string | null;
  changedAt: Date | null;
}

/** The organizers' surge switch; "auto" until someone flips it. */
export async function readSurgeSwitch(db: Kysely<Database>): Promise<SurgeSwitchRow> {
  const row = await db.selectFrom("site_switches").select(["value", "changed_by", "changed_at"]).where("name", "=", "surge").executeTakeFirst();
  if (!row || !isSurgeSwitch(row.value)) return { value: "auto", changedBy: null, changedAt: null };
  return { value: row.value, changedBy: row.changed_by, changedAt: new Date(row.changed_at) };
}

export async function setSurgeSwitch(db: Kysely<Database>, value: SurgeSwitch, by: string): Promise<void> {
  await db
    .insertInto("site_switches")
    .values({ name: "surge", value, changed_by: by, changed_at: sql<Date>`now()` })
    .onConflict((oc) => oc.column("name").doUpdateSet({ value, changed_by: by, changed_at: sql<Date>`now()` }))
    .execute();
}
