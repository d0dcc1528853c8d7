import { createHmac } from "node:crypto";
import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code: the address
// key below is a copy of app/modules/mail/address-key.server.ts as it was when this was written.

const DOT_BLIND_DOMAINS: Record<string, string> = { "gmail.com": "gmail.com", "googlemail.com": "gmail.com" };

function emailKey(typed: string): string {
  const trimmed = typed.normalize("NFC").trim();
  const at0 = trimmed.lastIndexOf("@");
  const clean = (at0 < 0 ? trimmed : `${trimmed.slice(0, at0)}@${trimmed.slice(at0 + 1).toLowerCase()}`).normalize("NFKC").toLowerCase();
  const at = clean.lastIndexOf("@");
  if (at < 0) return clean;
  let local = clean.slice(0, at);
  let domain = clean.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  const canonical = DOT_BLIND_DOMAINS[domain];
  if (canonical) {
    domain = canonical;
    local = local.replaceAll(".", "");
  }
  return `${local}@${domain}`;
}

const addressKey = (email: string, secret: string) => createHmac("sha256", secret).update(`address:${emailKey(email)}`).digest("base64url").slice(0, 22);

/**
 * The do-not-mail list keeps a keyed hash of each address (the key of
 * signatures: case, `+tags`, Gmail dots folded), never the address: it is
 * kept after an erasure, so it must not say who asked. Existing entries are
 * converted with the newest secret (handed by the runner from the configuration:
 * SESSION_SECRET, or a local trial's generated one); an audit entry of an export or erasure no
 * longer names the person by an unkeyed hash of the address.
 */
export async function up(db: Kysely<unknown>, { signingSecret: secret }: { signingSecret?: string } = {}): Promise<void> {
  const existing = await sql<{ email: string; reason: string; created_at: Date }>`select email, reason, created_at from mail_suppressions order by created_at, email`.execute(db);
  if (existing.rows.length > 0 && !secret) {
    throw new Error("The do-not-mail list is converted to keyed hashes: set SESSION_SECRET (the one the app runs with) and run the migrations again.");
  }
  await db.schema.dropTable("mail_suppressions").execute();
  await db.schema
    .createTable("mail_suppressions")
    .addColumn("address_key", "text", (c) => c.primaryKey().check(sql`address_key ~ '^[A-Za-z0-9_-]{22}$'`))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`reason in ('unsubscribed', 'bounced', 'complained')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Spellings of one mailbox become one entry: the first one kept.
  const seen = new Set<string>();
  for (const row of existing.rows) {
    const key = addressKey(row.email, secret!);
    if (seen.has(key)) continue;
    seen.add(key);
    await sql`insert into mail_suppressions (address_key, reason, created_at) values (${key}, ${row.reason}, ${row.created_at})`.execute(db);
  }
  // `sha256:<16 hex>` of the address: anyone holding an address could check it against the log.
  await sql`update audit_log set subject = null where action in ('person.export', 'person.erase')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The addresses cannot be recovered from their keyed hashes: going back empties the list.
  await db.schema.dropTable("mail_suppressions").execute();
  await db.schema
    .createTable("mail_suppressions")
    .addColumn("email", "text", (c) => c.primaryKey().check(sql`email = lower(email)`))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`reason in ('unsubscribed', 'bounced', 'complained')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
