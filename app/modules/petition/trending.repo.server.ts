import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, TrendingSource } from "../../../db/schema";
import type { TrendingRule } from "./signature-status";
import type { TrendingSourceRef } from "./trending";

type Db = Kysely<Database> | Transaction<Database>;

/** The source a signature trended by, as a SQL expression over `signatures` (aliased `s`). */
export const sourceKeyOf = sql<string | null>`case s.trending when 'domain' then split_part(s.email_key, '@', 2) else s.ip_hash end`;

/**
 * Serializes everything that decides whether one petition's source counts: a
 * confirmation of one of its signatures and an organizer's decision on it, so a
 * signer confirming while organizers decide `count` is never left held.
 */
export async function lockTrendingSource(trx: Transaction<Database>, petitionId: number, source: TrendingSourceRef): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`trending:${petitionId}:${source.kind}:${source.key}`}, 0))`.execute(trx);
}

/** The same for an allow-listed domain, across every petition. */
export async function lockTrustedDomain(trx: Transaction<Database>, domain: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`trusted:${domain}`}, 0))`.execute(trx);
}

/** The organizers' decision in force on a source of a petition: the latest, or null. */
export async function decisionInForce(db: Db, petitionId: number, source: TrendingSourceRef): Promise<TrendingRule | null> {
  const row = await db
    .selectFrom("trending_decisions")
    .select("decision")
    .where("petition_id", "=", petitionId)
    .where("source_kind", "=", source.kind)
    .where("source_key", "=", source.key)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.decision ?? null;
}

export async function isDomainTrusted(db: Db, domain: string): Promise<boolean> {
  return (await db.selectFrom("trusted_domains").select("domain").where("domain", "=", domain).executeTakeFirst()) !== undefined;
}

/** Held signatures of one petition's source, locked, oldest first. */
export async function heldOfSource(trx: Transaction<Database>, petitionId: number, source: TrendingSourceRef) {
  return trx
    .selectFrom("signatures as s")
    .select(["s.id", "s.petition_id", "s.country_code"])
    .where("s.petition_id", "=", petitionId)
    .where("s.status", "=", "held")
    .where("s.trending", "=", source.kind)
    .where(sourceKeyOf, "=", source.key)
    .orderBy("s.id")
    .forUpdate()
    .execute();
}

/** Held signatures from one email domain, whatever made them trend, on every petition; locked, oldest first. */
export async function heldOfDomain(trx: Transaction<Database>, domain: string) {
  return trx
    .selectFrom("signatures as s")
    .select(["s.id", "s.petition_id", "s.country_code"])
    .where("s.status", "=", "held")
    .where(sql<string>`split_part(s.email_key, '@', 2)`, "=", domain)
    .orderBy("s.id")
    .forUpdate()
    .execute();
}

/** A petition's trending sources with what became of their signatures (the partial index `signatures_trending`). */
export async function trendingSourcesOf(db: Db, petitionId: number) {
  const rows = await db
    .selectFrom("signatures as s")
    .select([
      sql<TrendingSource>`s.trending`.as("kind"),
      sourceKeyOf.as("key"),
      sql<Date | string>`min(s.created_at)`.as("first"),
      sql<string>`count(*)`.as("signatures"),
      sql<string>`count(*) filter (where s.status = 'confirmed')`.as("confirmed"),
      sql<string>`count(*) filter (where s.status = 'held')`.as("held"),
      sql<string>`count(*) filter (where s.status = 'pending')`.as("pending"),
    ])
    .where("s.petition_id", "=", petitionId)
    .where("s.trending", "is not", null)
    .groupBy([sql`s.trending`, sourceKeyOf])
    .orderBy(sql`min(s.created_at)`, "desc")
    .execute();
  return rows.filter((r): r is typeof r & { key: string } => r.key !== null && r.key !== "");
}

/** The latest decision on each source of a petition, and when and by whom. */
export async function decisionsInForce(db: Db, petitionId: number) {
  return db
    .selectFrom("trending_decisions")
    .distinctOn(["source_kind", "source_key"])
    .select(["source_kind", "source_key", "decision", "decided_by_email", "decided_at"])
    .where("petition_id", "=", petitionId)
    .orderBy("source_kind")
    .orderBy("source_key")
    .orderBy("id", "desc")
    .execute();
}

/** Every decision taken on a petition's sources, newest first. */
export async function decisionHistory(db: Db, petitionId: number, limit = 50) {
  return db
    .selectFrom("trending_decisions")
    .select(["id", "source_kind", "source_key", "decision", "decided_by_email", "note", "decided_at"])
    .where("petition_id", "=", petitionId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

export async function alertsOf(db: Db, petitionId: number) {
  return db.selectFrom("trending_alerts").select(["source_kind", "source_key", "since", "raised_at"]).where("petition_id", "=", petitionId).execute();
}

export async function trustedAmong(db: Db, domains: readonly string[]): Promise<Set<string>> {
  if (domains.length === 0) return new Set();
  const rows = await db.selectFrom("trusted_domains").select("domain").where("domain", "in", [...domains]).execute();
  return new Set(rows.map((r) => r.domain));
}

/**
 * Raises the alert of every source that trended lately on a petition and has
 * none yet: one row per petition and source, ever (the unique constraint makes
 * two processes doing this at once raise it once). Only signatures of the last
 * `lookback` are read: the job runs every few seconds.
 */
export async function raiseNewAlerts(trx: Transaction<Database>, lookbackMs: number) {
  const result = await sql<{ id: string; petition_id: number; source_kind: TrendingSource; source_key: string; signatures: number }>`
    insert into trending_alerts (petition_id, source_kind, source_key, since, signatures)
    select s.petition_id, s.trending, ${sourceKeyOf}, min(s.created_at), count(*)
    from signatures s
    where s.trending is not null and s.created_at > now() - ${`${Math.round(lookbackMs / 1000)} seconds`}::interval
      and ${sourceKeyOf} <> ''
    group by s.petition_id, s.trending, ${sourceKeyOf}
    order by s.petition_id, s.trending, ${sourceKeyOf}
    on conflict (petition_id, source_kind, source_key) do nothing
    returning id, petition_id, source_kind, source_key, signatures
  `.execute(trx);
  return result.rows;
}

/** Who is told of a trending source: every active organizer who may moderate (organizers and admins). */
export async function moderatingOrganizers(db: Db) {
  return db.selectFrom("organizers").select(["id", "email"]).where("active", "=", true).where("role", "in", ["organizer", "admin"]).orderBy("id").execute();
}
