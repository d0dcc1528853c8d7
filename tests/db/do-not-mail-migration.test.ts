import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { migrateToLatest, migrationOptionsOf } from "../../db/migrate";
import { addressLimitKey } from "~/modules/mail/address-key.server";
import { migrateToJustBefore, openTestDatabase } from "../support/database";
import { testConfig } from "../support/test-config";
import { loadConfig } from "~/lib/config.server";

const KEYED = "2026-12-04T1000_do_not_mail_by_keyed_hash";
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
  // The database as it was before: every migration up to the one that keys the list.
  await migrateToJustBefore(handle.db, KEYED);
  await sql`insert into mail_suppressions (email, reason) values ('ann.lee+news@example.org', 'unsubscribed'), ('ann.lee@example.org', 'bounced'), ('bob@example.org', 'complained')`.execute(handle.db);
  await sql`insert into audit_log (actor_email, action, subject) values ('admin@example.org', 'person.erase', 'sha256:0123456789abcdef'), ('admin@example.org', 'petition.publish', 'a-petition')`.execute(handle.db);
});
afterAll(async () => handle?.close());

describe("the do-not-mail list becomes keyed hashes", () => {
  it("refuses to convert existing entries without the secret, and changes nothing", async () => {
    // What the runner hands on where neither SESSION_SECRET nor a local trial's generated secret exists.
    const noSecret = loadConfig({ DATABASE_URL: "postgres://db/app" }, { purpose: "command" });
    await expect(migrateToLatest(handle.db, migrationOptionsOf(noSecret))).rejects.toThrow(/SESSION_SECRET/u);
    expect((await sql<{ n: number }>`select count(*)::int as n from mail_suppressions where email is not null`.execute(handle.db)).rows[0]!.n).toBe(3);
  });

  it("converts every entry with the newest secret, one per mailbox, and drops the audit log's address hashes", async () => {
    await migrateToLatest(handle.db, migrationOptionsOf(testConfig({ SESSION_SECRET: "new-secret, old-secret" })));
    const rows = await handle.db.selectFrom("mail_suppressions").select(["address_key", "reason"]).execute();
    expect(new Map(rows.map((r) => [r.address_key, r.reason]))).toEqual(
      new Map([
        [addressLimitKey("ann.lee@example.org", ["new-secret"]), "unsubscribed"],
        [addressLimitKey("bob@example.org", ["new-secret"]), "complained"],
      ]),
    );
    expect(JSON.stringify(await sql`select * from mail_suppressions`.execute(handle.db))).not.toMatch(/example|ann|bob/u);
    const audit = await handle.db.selectFrom("audit_log").select(["action", "subject"]).orderBy("id").execute();
    expect(audit).toEqual([
      { action: "person.erase", subject: null },
      { action: "petition.publish", subject: "a-petition" },
    ]);
  });
});
