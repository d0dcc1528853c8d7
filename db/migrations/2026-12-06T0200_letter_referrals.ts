import type { Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

/**
 * A letter gets a referral code, as a signature has: the writer's shared link carries it
 * (`?ref=`), and a letter written through that link names it in `referred_by`. Letters
 * written before have none (null): their confirm page shares the plain link.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("letters")
    .addColumn("referral_code", "text", (c) => c.unique())
    .addColumn("referred_by", "text")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("letters").dropColumn("referred_by").dropColumn("referral_code").execute();
}
