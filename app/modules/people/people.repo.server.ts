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
