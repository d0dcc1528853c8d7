import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

/**
 * Each petition's append-only signature log (docs/transparency.md, ADR 47 and 48):
 * - `petition_log_queue`: entries waiting to be appended, written in the same transaction as the
 *   count change they mirror (one row per signature that starts or stops counting);
 * - `petition_logs`: one row per petition with a log: its size and the counts it implies; the row
 *   lock is the lock under which entries are appended and checkpoints signed;
 * - `petition_log_entries`: the log itself; `signature_id` and `secret` are private (the receipt),
 *   everything else is public;
 * - `petition_log_nodes`: the hashes of complete subtrees, (level, index), that answer proofs;
 * - `petition_log_checkpoints`: the signed checkpoints, never backwards;
 * - `log_signing_keys`: every public key the instance has signed checkpoints with.
 *
 * Entries, nodes and checkpoints refuse updates and deletes (except with their petition): the log
 * only grows. Signatures confirmed before this migration are queued as adds, oldest first (their
 * signers can see their receipt on the confirmation page; no mail comes out of the blue).
 */
const COUNTRY = sql`~ '^[A-Z]{3}$'`;
const REASONS = sql`('withdrawn', 'invalidated:moderation', 'invalidated:trending-review', 'invalidated:duplicate')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("log_signing_keys")
    .addColumn("key_id", "text", (c) => c.primaryKey().check(sql`key_id ~ '^[0-9a-f]{64}$'`))
    .addColumn("public_key", "text", (c) => c.notNull().unique().check(sql`public_key ~ '^[0-9a-f]{64}$'`))
    .addColumn("activated_at", "timestamptz", (c) => c.notNull())
    .addColumn("retired_at", "timestamptz", (c) => c.check(sql`retired_at >= activated_at`))
    .execute();
  // One key signs at a time.
  await sql`create unique index log_signing_keys_one_active on log_signing_keys ((true)) where retired_at is null`.execute(db);

  await db.schema
    .createTable("petition_log_queue")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("petition_id", "integer", (c) => c.notNull().references("petitions.id").onDelete("cascade"))
    // No foreign key: erasing a signer deletes the signature in the transaction that queues its removal.
    .addColumn("signature_id", "bigint", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('add', 'remove')`))
    .addColumn("country_code", "text", (c) => c.notNull().check(sql`country_code ${COUNTRY}`))
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("commitment", "bytea", (c) => c.check(sql`octet_length(commitment) = 32`))
    .addColumn("secret", "bytea", (c) => c.check(sql`octet_length(secret) = 32`))
    .addColumn("reason", "text", (c) => c.check(sql`reason in ${REASONS}`))
    // Whether the signer gets their receipt by mail once the add is appended: a follow-up to
    // confirming, not a surprise for those who signed before the log existed.
    .addColumn("mail_receipt", "boolean", (c) => c.notNull().defaultTo(true))
    .addCheckConstraint("petition_log_queue_fields", sql`case kind when 'add' then commitment is not null and secret is not null and reason is null else commitment is null and secret is null and reason is not null end`)
    .execute();
  await sql`create index petition_log_queue_petition on petition_log_queue (petition_id, id)`.execute(db);

  await db.schema
    .createTable("petition_logs")
    .addColumn("petition_id", "integer", (c) => c.primaryKey().references("petitions.id").onDelete("cascade"))
    .addColumn("size", "bigint", (c) => c.notNull().defaultTo(0).check(sql`size >= 0`))
    // What the entries imply: additions minus removals by country (only countries above zero).
    .addColumn("counts", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();

  await db.schema
    .createTable("petition_log_entries")
    .addColumn("petition_id", "integer", (c) => c.notNull().references("petition_logs.petition_id").onDelete("cascade"))
    .addColumn("entry_index", "bigint", (c) => c.notNull().check(sql`entry_index >= 0`))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('add', 'remove')`))
    .addColumn("commitment", "bytea", (c) => c.notNull().check(sql`octet_length(commitment) = 32`))
    .addColumn("country_code", "text", (c) => c.notNull().check(sql`country_code ${COUNTRY}`))
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("removes", "bigint")
    .addColumn("reason", "text", (c) => c.check(sql`reason in ${REASONS}`))
    .addColumn("signature_id", "bigint")
    .addColumn("secret", "bytea", (c) => c.check(sql`octet_length(secret) = 32`))
    .addPrimaryKeyConstraint("petition_log_entries_pk", ["petition_id", "entry_index"])
    .addCheckConstraint("petition_log_entries_fields", sql`case kind when 'add' then removes is null and reason is null else removes is not null and reason is not null and secret is null and removes < entry_index end`)
    // An entry is removed at most once, and only an entry of the same log.
    .addUniqueConstraint("petition_log_entries_removed_once", ["petition_id", "removes"])
    .addForeignKeyConstraint("petition_log_entries_removes", ["petition_id", "removes"], "petition_log_entries", ["petition_id", "entry_index"])
    .execute();
  await sql`create index petition_log_entries_signature on petition_log_entries (petition_id, signature_id, entry_index) where signature_id is not null`.execute(db);

  await db.schema
    .createTable("petition_log_nodes")
    .addColumn("petition_id", "integer", (c) => c.notNull().references("petition_logs.petition_id").onDelete("cascade"))
    .addColumn("level", "smallint", (c) => c.notNull().check(sql`level between 0 and 62`))
    .addColumn("node_index", "bigint", (c) => c.notNull().check(sql`node_index >= 0`))
    .addColumn("hash", "bytea", (c) => c.notNull().check(sql`octet_length(hash) = 32`))
    .addPrimaryKeyConstraint("petition_log_nodes_pk", ["petition_id", "level", "node_index"])
    .execute();

  await db.schema
    .createTable("petition_log_checkpoints")
    .addColumn("petition_id", "integer", (c) => c.notNull().references("petition_logs.petition_id").onDelete("cascade"))
    .addColumn("size", "bigint", (c) => c.notNull().check(sql`size >= 0`))
    .addColumn("root_hash", "bytea", (c) => c.notNull().check(sql`octet_length(root_hash) = 32`))
    .addColumn("total", "bigint", (c) => c.notNull())
    .addColumn("by_country", "jsonb", (c) => c.notNull())
    .addColumn("published_at", "timestamptz", (c) => c.notNull())
    .addColumn("key_id", "text", (c) => c.notNull().references("log_signing_keys.key_id"))
    .addColumn("signature", "text", (c) => c.notNull().check(sql`signature ~ '^[0-9a-f]{128}$'`))
    .addPrimaryKeyConstraint("petition_log_checkpoints_pk", ["petition_id", "size"])
    .addCheckConstraint("petition_log_checkpoints_total", sql`total >= 0 and total <= size`)
    .execute();

  // The log only grows: no entry, node or checkpoint changes or goes, but with its petition. An
  // erased signer's entry loses only its private link (signature id and secret).
  await sql`create function petition_log_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and not exists (select 1 from petitions where id = old.petition_id) then
        return old;
      end if;
      raise exception 'the signature log of petition % only grows: % refuses % ', old.petition_id, tg_table_name, lower(tg_op);
    end $$`.execute(db);
  await sql`create function petition_log_entry_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE'
        and (new.petition_id, new.entry_index, new.kind, new.commitment, new.country_code, new.day, new.removes, new.reason)
          is not distinct from (old.petition_id, old.entry_index, old.kind, old.commitment, old.country_code, old.day, old.removes, old.reason)
        and (new.signature_id is null or new.signature_id = old.signature_id)
        and (new.secret is null or new.secret = old.secret) then
        return new;
      end if;
      if tg_op = 'DELETE' and not exists (select 1 from petitions where id = old.petition_id) then
        return old;
      end if;
      raise exception 'the signature log of petition % only grows: % refuses % ', old.petition_id, tg_table_name, lower(tg_op);
    end $$`.execute(db);
  for (const [table, check] of [
    ["petition_log_entries", "petition_log_entry_append_only"],
    ["petition_log_nodes", "petition_log_append_only"],
    ["petition_log_checkpoints", "petition_log_append_only"],
  ] as const) {
    await sql`create trigger ${sql.id(`${table}_append_only`)} before update or delete on ${sql.table(table)} for each row execute function ${sql.id(check)}()`.execute(db);
  }

  // Checkpoints never go backwards: a new one is larger and not earlier than every one before.
  await sql`create function petition_log_checkpoint_forward() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from petition_log_checkpoints c where c.petition_id = new.petition_id and (c.size >= new.size or c.published_at > new.published_at)) then
        raise exception 'a checkpoint of petition % must be larger and not earlier than those before it', new.petition_id;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger petition_log_checkpoints_forward before insert on petition_log_checkpoints for each row execute function petition_log_checkpoint_forward()`.execute(db);

  // Signatures counted before the log existed: queued as adds, oldest first, each with its own secret
  // (two random uuids' hex: 244 random bits, from the server's strong random source).
  await sql`
    with counted as (
      select id, petition_id, country_code, uuid, coalesce(confirmed_at, created_at) as at,
             decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex') as secret
      from signatures where status = 'confirmed'
    )
    insert into petition_log_queue (petition_id, signature_id, kind, country_code, day, commitment, secret, mail_receipt)
    select petition_id, id, 'add', country_code, (at at time zone 'UTC')::date,
           sha256(convert_to('treaty-watch/log-commitment/v1', 'UTF8') || '\\x00'::bytea || convert_to(uuid::text, 'UTF8') || secret), secret, false
    from counted order by at, id
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["petition_log_checkpoints", "petition_log_nodes", "petition_log_entries", "petition_logs", "petition_log_queue", "log_signing_keys"]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function petition_log_checkpoint_forward()`.execute(db);
  await sql`drop function petition_log_append_only()`.execute(db);
  await sql`drop function petition_log_entry_append_only()`.execute(db);
}
