import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { emailKey } from "~/modules/mail/email-key";
import { openTestDatabase } from "../support/database";

/** Letters carry the email key PostgreSQL computes (person_email_key); it must be the app's emailKey. */
let database: DatabaseHandle;
beforeAll(async () => {
  database = await openTestDatabase();
  await migrateToLatest(database.db);
});
afterAll(async () => database?.close());

it.each([
  "ann@example.org",
  "Ann.Lee+news@Example.ORG",
  "ann.lee+x@gmail.com",
  "A.N.N@GoogleMail.com",
  "+tag@example.org",
  "a+b+c@example.org",
  "odd@local@example.org",
  "no-at-sign",
  "ｆｕｌｌ@example.org",
  "  spaced@example.org ",
])("%s", async (address) => {
  const { rows } = await sql<{ key: string }>`select person_email_key(${address}) as key`.execute(database.db);
  expect(rows[0]!.key).toBe(emailKey(address));
});
