import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

/**
 * No silent losses when one organization signs (app/modules/petition/signature-status.ts):
 * - a signature from a client address or an email domain over its hourly threshold is no longer
 *   suspect: it is pending like any other (its signer is mailed) and marked `trending` with
 *   which source made it so;
 * - `held`: confirmed by its signer, but held for an organizer's review by the trending rule, so
 *   not counted (yet). It keeps its confirmation time;
 * - `trusted_domains`: domains organizers allow-listed; they never trend.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table signatures drop constraint signatures_status_check`.execute(db);
  await sql`
    alter table signatures add constraint signatures_status_check
      check (status in ('pending', 'confirmed', 'held', 'suspect', 'rejected', 'withdrawn'))
  `.execute(db);
  await sql`alter table signatures add constraint signatures_held_was_confirmed check (status <> 'held' or confirmed_at is not null)`.execute(db);
  await db.schema
    .alterTable("signatures")
    .addColumn("trending", "text", (c) => c.check(sql`trending in ('domain', 'address')`))
    .execute();
  // Trending signatures of a petition, for the organizers' review; few next to all signatures.
  await sql`create index signatures_trending on signatures (petition_id, created_at) where trending is not null`.execute(db);
  await db.schema
    .createTable("trusted_domains")
    .addColumn("domain", "text", (c) => c.primaryKey().check(sql`domain <> '' and domain = lower(domain)`))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("added_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("added_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("trusted_domains").execute();
  await sql`drop index signatures_trending`.execute(db);
  await db.schema.alterTable("signatures").dropColumn("trending").execute();
  await sql`alter table signatures drop constraint signatures_held_was_confirmed`.execute(db);
  await sql`alter table signatures drop constraint signatures_status_check`.execute(db);
  await sql`
    alter table signatures add constraint signatures_status_check
      check (status in ('pending', 'confirmed', 'suspect', 'rejected', 'withdrawn'))
  `.execute(db);
}
