import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Notes that something about the person with this email key changed (a signature confirmed or
 * withdrawn, a letter sent, a consent given): they get a person row if they had none, and its
 * modified_at moves (the trigger), so an API client syncing people by modified_date sees them.
 * Call it in the transaction of the change.
 */
export async function touchPerson(db: Db, emailKey: string): Promise<void> {
  await db
    .insertInto("people")
    .values({ email_key: emailKey })
    .onConflict((oc) => oc.column("email_key").doUpdateSet({ email_key: sql`excluded.email_key` }))
    .execute();
}

/** Erasure: the person's row goes with their signatures and letters (in the erasure's transaction). */
export async function forgetPerson(db: Db, emailKey: string): Promise<void> {
  await db.deleteFrom("people").where("email_key", "=", emailKey).execute();
}

/** touchPerson for several people at once (a bulk moderation), in the caller's transaction. */
export async function touchPeople(db: Db, emailKeys: readonly string[]): Promise<void> {
  const keys = [...new Set(emailKeys)];
  for (let i = 0; i < keys.length; i += 5000) {
    await db
      .insertInto("people")
      .values(keys.slice(i, i + 5000).map((k) => ({ email_key: k })))
      .onConflict((oc) => oc.column("email_key").doUpdateSet({ email_key: sql`excluded.email_key` }))
      .execute();
  }
}

/**
 * Retention: people left with nothing the API lists (no confirmed or withdrawn signature, no sent
 * letter, that still names them) go. Returns how many.
 */
export async function pruneUnlistedPeople(db: Db): Promise<number> {
  const result = await db
    .deleteFrom("people")
    .where(
      sql<boolean>`not exists (select 1 from signatures s where s.email_key = people.email_key and s.status in ('confirmed', 'withdrawn'))
        and not exists (select 1 from letters l where l.email_key = people.email_key and l.status = 'confirmed' and l.sender_email not like 'anonymized-%@erased.invalid')`,
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
