import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

const CONFIDENCES = sql`('depositary', 'official', 'press', 'reported')`;

/**
 * The same rule as migration 2026-12-05T0200 applied to treaty facts (mirrored by
 * `sourceConfidence` in db/treaty-actions.ts): the UN Treaty Collection is the depositary's own
 * record; a government's, the EU's or the UN's own site is `official`; anything else is `press`.
 */
const CONFIDENCE_OF_SOURCE = sql`case
  when source_url ~* '^https?://(www\\.)?treaties\\.un\\.org(/|$)' then 'depositary'
  when source_url ~* '^https?://([a-z0-9-]+\\.)*(verdragen\\.nl|europa\\.eu|un\\.org|gov|gov\\.[a-z]{2}|gouv\\.[a-z]{2}|gob\\.[a-z]{2})(/|:|$)' then 'official'
  else 'press' end`;

/** A statement is a fact like any other: how sure we are that it was said is shown beside it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ["country_statements", "actor_statements"]) {
    await db.schema.alterTable(table).addColumn("confidence", "text").execute();
    await sql`update ${sql.table(table)} set confidence = ${CONFIDENCE_OF_SOURCE}`.execute(db);
    await sql`alter table ${sql.table(table)} alter column confidence set not null`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_confidence_check`)} check (confidence in ${CONFIDENCES})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["country_statements", "actor_statements"]) {
    await db.schema.alterTable(table).dropColumn("confidence").execute();
  }
}
