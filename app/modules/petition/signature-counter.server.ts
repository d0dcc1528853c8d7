import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";

/**
 * Folds pending count changes (+1 per confirmation, −1 per withdrawal) into the
 * per-petition and per-country counters, and deletes them, in one statement:
 * each change is counted exactly once even with several processes running this
 * (SKIP LOCKED: they take different rows). Pages then read one row. The counter
 * rows exist already (made with the change, see recordCountChange).
 */
export async function applyCountChanges(db: Kysely<Database>, batchSize = 20_000): Promise<number> {
  const result = await sql<{ applied: string }>`
    with taken as (
      delete from signature_count_changes
      where id in (select id from signature_count_changes order by id limit ${batchSize} for update skip locked)
      returning petition_id, country_code, delta
    ),
    by_country as (
      update petition_country_counts c set confirmed = c.confirmed + s.delta
      from (select petition_id, country_code, sum(delta) as delta from taken group by petition_id, country_code) s
      where c.petition_id = s.petition_id and c.country_code = s.country_code
      returning 1
    ),
    by_petition as (
      update petition_counts c set confirmed = c.confirmed + s.delta, updated_at = now()
      from (select petition_id, sum(delta) as delta from taken group by petition_id) s
      where c.petition_id = s.petition_id
      returning 1
    )
    select (select count(*) from taken) as applied, (select count(*) from by_country) + (select count(*) from by_petition) as touched
  `.execute(db);
  return Number(result.rows[0]?.applied ?? 0);
}
