import { createHash, randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { ApiScope, Database } from "../../../db/schema";
import { recordAudit } from "../audit/audit.repo.server";
import type { ApiCaller } from "./api-scopes";

/** Keys look like `tw_` and 43 base64url characters (256 random bits): easy to spot in a leaked file. */
const KEY_PREFIX = "tw_";
const KEY_SHAPE = /^tw_[A-Za-z0-9_-]{43}$/u;
/** A key's last use is written at most this often, so a busy client does not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function newApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString("base64url");
}

/** Keys carry 256 random bits, so a plain SHA-256 is enough to store them (no salt or slow hash needed). */
export function apiKeyHash(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export interface NewApiKey {
  label: string;
  scopes: readonly ApiScope[];
  partnerId: number | null;
  createdBy: string;
}

/** Stores a new key's hash and returns the key itself: the only time anyone sees it. */
export async function createApiKey(db: Kysely<Database> | Transaction<Database>, input: NewApiKey): Promise<{ id: string; key: string }> {
  const key = newApiKey();
  const row = await db
    .insertInto("api_keys")
    .values({ label: input.label, key_hash: apiKeyHash(key), key_hint: key.slice(-4), scopes: [...input.scopes], partner_id: input.partnerId, created_by: input.createdBy })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, key };
}

/** The caller a presented key stands for, or null (unknown, malformed or revoked). Notes the key's use. */
export async function callerOfKey(db: Kysely<Database>, presented: string, now: Date): Promise<ApiCaller | null> {
  if (!KEY_SHAPE.test(presented)) return null;
  const row = await db
    .selectFrom("api_keys")
    .select(["id", "label", "scopes", "partner_id", "last_used_at"])
    .where("key_hash", "=", apiKeyHash(presented))
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  if (row.last_used_at === null || now.getTime() - new Date(row.last_used_at).getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.updateTable("api_keys").set({ last_used_at: now }).where("id", "=", row.id).execute();
  }
  return { keyId: row.id, label: row.label, scopes: row.scopes, partnerId: row.partner_id };
}

/** A key's label as typed: 1 to 100 characters on one line; null when it cannot be one. */
export function cleanKeyLabel(typed: string): string | null {
  const label = typed.normalize("NFC").trim();
  if (label.length < 1 || label.length > 100 || /[\p{Cc}\p{Zl}\p{Zp}]/u.test(label)) return null;
  return label;
}

export interface KeyActor {
  id: number | null;
  email: string;
}

/** Creates a key and audits it, in one transaction; the key is returned once, to be shown once. */
export async function issueApiKey(db: Kysely<Database>, input: NewApiKey, actor: KeyActor): Promise<{ id: string; key: string }> {
  return db.transaction().execute(async (trx) => {
    const created = await createApiKey(trx, input);
    await recordAudit(trx, {
      actor,
      action: "api_key.create",
      subject: created.id,
      details: { label: input.label, scopes: input.scopes, partnerId: input.partnerId },
    });
    return created;
  });
}

/** Every key, newest first, with what the organizer area shows (never the key, only its last four characters). */
export async function listApiKeys(db: Kysely<Database>) {
  return db
    .selectFrom("api_keys as k")
    .leftJoin("partners as p", "p.id", "k.partner_id")
    .select(["k.id", "k.label", "k.key_hint", "k.scopes", "p.code as partner_code", "p.name as partner_name", "k.created_by", "k.created_at", "k.last_used_at", "k.revoked_at"])
    .orderBy("k.created_at", "desc")
    .orderBy("k.id")
    .execute();
}

/** Revokes a key at once (its next request gets 401); audited. False when there was no such live key. */
export async function revokeApiKey(db: Kysely<Database>, id: string, actor: KeyActor, now: Date): Promise<boolean> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u.test(id)) return false;
  return db.transaction().execute(async (trx) => {
    const row = await trx.updateTable("api_keys").set({ revoked_at: now }).where("id", "=", id).where("revoked_at", "is", null).returning(["label"]).executeTakeFirst();
    if (!row) return false;
    await recordAudit(trx, { actor, action: "api_key.revoke", subject: id, details: { label: row.label } });
    return true;
  });
}

/** The partners a key may act for (active ones), for the organizer form. */
export async function keyPartners(db: Kysely<Database>) {
  return db.selectFrom("partners").select(["id", "code", "name"]).where("active", "=", true).orderBy("name").execute();
}
