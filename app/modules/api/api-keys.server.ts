import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { ApiScope, Database } from "../../../db/schema";
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
export async function createApiKey(db: Kysely<Database>, input: NewApiKey): Promise<{ id: string; key: string }> {
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
