/**
 * Queuing log entries in the transaction that changes a count (ADR 48): a signature that starts
 * counting queues an `add` with its commitment, one that stops counting queues a `remove` with the
 * reason. The drain (log-append.server.ts) appends them in queue order. A count change and its entry
 * commit together or not at all, so a counted signature is always in the log and the log holds
 * nothing that was not counted.
 */
import { randomBytes } from "node:crypto";
import { sql, type RawBuilder } from "kysely";
import type { RemovalReason } from "./log-entry";

/** A signature that starts or stops counting, on its petition's log. */
export type LogChange = { petitionId: number; signatureId: string; countryCode: string };

/** The entry day: the UTC day of the transaction. */
const TODAY = sql`(now() at time zone 'UTC')::date`;

/**
 * The commitment, computed by the database from the signature's uuid (so it is fixed even if the
 * signature is erased before the drain): SHA-256(tag 0x00 ‖ uuid ‖ secret), as `commitmentOf` does.
 */
function commitmentSql(uuid: RawBuilder<unknown>, secret: RawBuilder<unknown>): RawBuilder<Uint8Array> {
  return sql<Uint8Array>`sha256(convert_to('treaty-watch/log-commitment/v1', 'UTF8') || '\\x00'::bytea || convert_to(${uuid}::text, 'UTF8') || ${secret})`;
}

/** An `insert` queuing these changes (a statement, or the body of a `with` clause); null when there are none. */
export function queueLogChangesSql(changes: readonly LogChange[], change: { delta: 1 } | { delta: -1; reason: RemovalReason }): RawBuilder<unknown> | null {
  if (changes.length === 0) return null;
  if (change.delta === -1) {
    const rows = changes.map((c) => sql`(${c.petitionId}::integer, ${c.signatureId}::bigint, 'remove', ${c.countryCode}::text, ${TODAY}, ${change.reason}::text)`);
    return sql`insert into petition_log_queue (petition_id, signature_id, kind, country_code, day, reason) values ${sql.join(rows)}`;
  }
  // Each add gets its own 32 random bytes: the secret its signer's receipt carries.
  const rows = changes.map((c) => sql`(${c.petitionId}::integer, ${c.signatureId}::bigint, ${c.countryCode}::text, decode(${randomBytes(32).toString("hex")}, 'hex'))`);
  return sql`
    insert into petition_log_queue (petition_id, signature_id, kind, country_code, day, commitment, secret)
    select v.petition_id, v.signature_id, 'add', v.country_code, ${TODAY}, ${commitmentSql(sql.ref("s.uuid"), sql.ref("v.secret"))}, v.secret
    from (values ${sql.join(rows)}) as v (petition_id, signature_id, country_code, secret)
    join signatures s on s.id = v.signature_id
    order by v.signature_id`;
}
