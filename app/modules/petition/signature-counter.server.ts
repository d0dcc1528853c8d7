import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";

/**
 * Folds pending count changes (+1 per confirmation, −1 per withdrawal) into the
 * per-petition and per-country counters, and deletes them, in one statement:
 * each change is counted exactly once even with several processes running this
 * (SKIP LOCKED: they take different rows). Pages then read one row.
 */
export async function applyCountChanges(db: Kysely<Database>, batchSize = 20_000): Promise<number> {
  const result = await sql<{ applied: string }>`
    with taken as (
      delete from signature_count_changes
      where id in (select id from signature_count_changes order by id limit ${batchSize} for update skip locked)
      returning petition_id, country_code, delta
    ),
    by_country as (
      insert into petition_country_counts (petition_id, country_code, confirmed)
      select petition_id, country_code, sum(delta) from taken group by petition_id, country_code
      on conflict (petition_id, country_code) do update set confirmed = petition_country_counts.confirmed + excluded.confirmed
      returning 1
    ),
    by_petition as (
      insert into petition_counts (petition_id, confirmed, updated_at)
      select petition_id, sum(delta), now() from taken group by petition_id
      on conflict (petition_id) do update set confirmed = petition_counts.confirmed + excluded.confirmed, updated_at = now()
      returning 1
    )
    select (select count(*) from taken) as applied, (select count(*) from by_country) + (select count(*) from by_petition) as touched
  `.execute(db);
  return Number(result.rows[0]?.applied ?? 0);
}
