/**
 * Signing checkpoints (docs/transparency.md, "Checkpoints"): under the log row's lock, so two
 * processes never sign different checkpoints of one log; only when the log has grown; never with a
 * time before the last one. The instance's key is registered on first use: a new key retires the
 * one before it at that moment (rotation), and a retired key signs nothing more.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { toHex } from "./bytes";
import { logOriginOf, type Checkpoint } from "./checkpoint";
import { signCheckpoint, type LogSigningKey } from "./checkpoint.server";
import { appendPetitionLog, appendQueued, type OnAppended } from "./log-append.server";
import { checkpointRow, lockLog, nodeLookup, serverSha256 } from "./log-store.server";
import { rangeNodes, rootFromNodes } from "./merkle";

export class RetiredKeyError extends Error {
  constructor(keyId: string) {
    super(`the log signing key ${keyId} was retired: it signs no more checkpoints (configure the current key)`);
  }
}

export type Publisher = {
  key: LogSigningKey;
  /** The site's public origin: a log's origin is `<site>/petitions/<slug>`. */
  siteOrigin: string;
  onAppended?: OnAppended;
};

/** The database's clock to the millisecond: one clock for every process. */
async function databaseNow(trx: Transaction<Database>): Promise<Date> {
  const { rows } = await sql<{ now: Date | string }>`select date_trunc('milliseconds', clock_timestamp()) as now`.execute(trx);
  return new Date(rows[0]!.now);
}

/**
 * The moment `key` became the signing key. Registers it the first time: it is activated now (after
 * every checkpoint signed so far, so no earlier checkpoint falls in its period) and the key before it
 * is retired at the same moment.
 */
export async function activateSigningKey(trx: Transaction<Database>, key: LogSigningKey): Promise<Date> {
  const known = async () => trx.selectFrom("log_signing_keys").select(["activated_at", "retired_at"]).where("key_id", "=", key.keyId).executeTakeFirst();
  let row = await known();
  if (!row) {
    // One registration at a time: two processes starting with a new key register it once.
    await sql`lock table log_signing_keys in share row exclusive mode`.execute(trx);
    row = await known();
  }
  if (row) {
    if (row.retired_at !== null) throw new RetiredKeyError(key.keyId);
    return new Date(row.activated_at);
  }
  const { rows } = await sql<{ last: Date | string | null }>`select max(published_at) as last from petition_log_checkpoints`.execute(trx);
  const now = await databaseNow(trx);
  const last = rows[0]?.last ? new Date(rows[0].last).getTime() + 1 : 0;
  const activatedAt = new Date(Math.max(now.getTime(), last));
  await trx.updateTable("log_signing_keys").set({ retired_at: activatedAt }).where("retired_at", "is", null).execute();
  await trx.insertInto("log_signing_keys").values({ key_id: key.keyId, public_key: toHex(key.rawPublicKey), activated_at: activatedAt }).execute();
  return activatedAt;
}

/**
 * Appends what is queued, then signs a checkpoint of the petition's log if it has grown since the
 * last one; returns it, or null when there was nothing new.
 */
export async function publishCheckpoint(db: Kysely<Database>, petitionId: number, publisher: Publisher): Promise<Checkpoint | null> {
  // Catch up outside the signing transaction, then finish under its lock.
  await appendPetitionLog(db, petitionId, { wait: true, onAppended: publisher.onAppended });
  return db.transaction().execute(async (trx) => {
    const log = (await lockLog(trx, petitionId, true))!;
    for (;;) {
      const { taken, adds } = await appendQueued(trx, log);
      if (adds.length > 0 && publisher.onAppended) await publisher.onAppended(trx, adds);
      if (taken === 0) break;
    }
    const last = await checkpointRow(trx, petitionId);
    if (log.size === 0 || (last && Number(last.size) >= log.size)) return null;
    const petition = await trx.selectFrom("petitions").select("slug").where("id", "=", petitionId).executeTakeFirstOrThrow();
    const border = rangeNodes(0, log.size);
    const root = rootFromNodes(log.size, await nodeLookup(trx, petitionId, border), serverSha256);
    const activatedAt = await activateSigningKey(trx, publisher.key);
    const time = Math.max((await databaseNow(trx)).getTime(), last ? new Date(last.published_at).getTime() : 0, activatedAt.getTime());
    const byCountry = Object.fromEntries(Object.entries(log.counts).filter(([, n]) => n > 0).sort(([a], [b]) => (a < b ? -1 : 1)));
    const total = Object.values(byCountry).reduce((sum, n) => sum + n, 0);
    const checkpoint = signCheckpoint(
      { origin: logOriginOf(publisher.siteOrigin, petition.slug), size: log.size, rootHash: toHex(root), counts: { total, byCountry }, time: new Date(time).toISOString() },
      publisher.key,
    );
    await trx
      .insertInto("petition_log_checkpoints")
      .values({
        petition_id: petitionId,
        size: log.size,
        root_hash: Buffer.from(root),
        total,
        by_country: sql`${JSON.stringify(byCountry)}::text::jsonb`,
        published_at: checkpoint.time,
        key_id: checkpoint.keyId,
        signature: checkpoint.signature,
      })
      .execute();
    return checkpoint;
  });
}

/**
 * Publishes the checkpoints that are due: of every log that has grown since its last checkpoint,
 * when that one is `intervalMs` old (or there is none), or at once when its petition has closed.
 */
export async function publishDueCheckpoints(db: Kysely<Database>, publisher: Publisher, intervalMs: number): Promise<Checkpoint[]> {
  const { rows } = await sql<{ petition_id: number }>`
    select l.petition_id
    from petition_logs l join petitions p on p.id = l.petition_id
    left join lateral (select size, published_at from petition_log_checkpoints c where c.petition_id = l.petition_id order by size desc limit 1) c on true
    where (l.size > coalesce(c.size, 0) or exists (select 1 from petition_log_queue q where q.petition_id = l.petition_id))
      and (c.published_at is null or c.published_at <= now() - make_interval(secs => ${intervalMs / 1000}) or p.status = 'closed')
    order by l.petition_id
  `.execute(db);
  const published: Checkpoint[] = [];
  for (const { petition_id } of rows) {
    const checkpoint = await publishCheckpoint(db, petition_id, publisher);
    if (checkpoint) published.push(checkpoint);
  }
  return published;
}
