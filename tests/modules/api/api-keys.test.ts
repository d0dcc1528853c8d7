import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyHash, callerOfKey, createApiKey } from "~/modules/api/api-keys.server";
import { migrateToLatest } from "../../../db/migrate";
import type { DatabaseHandle } from "../../../db/client";
import { openTestDatabase } from "../../support/database";

let test: DatabaseHandle;
beforeAll(async () => {
  test = await openTestDatabase();
  await migrateToLatest(test.db);
});
afterAll(async () => {
  await test.close();
});

describe("API keys", () => {
  it("stores only the hash and finds the caller by the key shown once", async () => {
    const { id, key } = await createApiKey(test.db, { label: "CRM sync", scopes: ["read:campaigns"], partnerId: null, createdBy: "admin@example.org" });
    expect(key).toMatch(/^tw_[A-Za-z0-9_-]{43}$/u);
    const row = await test.db.selectFrom("api_keys").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(apiKeyHash(key));
    expect(JSON.stringify(row)).not.toContain(key);
    expect(row.key_hint).toBe(key.slice(-4));

    const now = new Date();
    expect(await callerOfKey(test.db, key, now)).toEqual({ keyId: id, label: "CRM sync", scopes: ["read:campaigns"], partnerId: null });
    const used = await test.db.selectFrom("api_keys").select("last_used_at").where("id", "=", id).executeTakeFirstOrThrow();
    expect(used.last_used_at).not.toBeNull();
  });

  it("refuses a revoked, unknown or malformed key", async () => {
    const { id, key } = await createApiKey(test.db, { label: "old", scopes: ["read:people"], partnerId: null, createdBy: "admin@example.org" });
    await test.db.updateTable("api_keys").set({ revoked_at: new Date() }).where("id", "=", id).execute();
    expect(await callerOfKey(test.db, key, new Date())).toBeNull();
    expect(await callerOfKey(test.db, `tw_${"A".repeat(43)}`, new Date())).toBeNull();
    expect(await callerOfKey(test.db, "not a key", new Date())).toBeNull();
  });

  it("refuses an unknown scope in the database itself", async () => {
    await expect(
      test.db.insertInto("api_keys").values({ label: "x", key_hash: "0".repeat(64), key_hint: "abcd", scopes: ["read:everything" as "read:people"], partner_id: null, created_by: "a@b.c" }).execute(),
    ).rejects.toThrow();
  });
});
