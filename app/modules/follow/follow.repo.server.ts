import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, FollowStatus } from "../../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

/** A follow with what its pages and mails need of its country. */
export async function lockFollow(trx: Transaction<Database>, id: string, lock: boolean) {
  return trx
    .selectFrom("country_follows as f")
    .innerJoin("countries as c", "c.code3", "f.country_code")
    .select(["f.id", "f.treaty_id", "f.country_code", "c.code2", "f.email", "f.email_key", "f.language", "f.status", "f.confirmation_sent_at", "f.confirmation_mails"])
    .where("f.id", "=", id)
    .$if(lock, (q) => q.forUpdate("f"))
    .executeTakeFirst();
}

/** A new pending follow, unless the person already has an active one for this country: then nothing (null). */
export async function insertPendingFollow(
  trx: Transaction<Database>,
  row: { treatyId: number; countryCode: string; email: string; emailKey: string; language: string; now: Date },
): Promise<string | null> {
  const inserted = await trx
    .insertInto("country_follows")
    .values({
      treaty_id: row.treatyId,
      country_code: row.countryCode,
      email: row.email,
      email_key: row.emailKey,
      language: row.language,
      created_at: row.now,
      confirmation_sent_at: row.now,
    })
    .onConflict((oc) => oc.columns(["treaty_id", "country_code", "email_key"]).where("status", "<>", "unsubscribed").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted?.id ?? null;
}

/** The person's active follow of this country (the one a repeat is about), locked. */
export async function lockActiveFollow(trx: Transaction<Database>, treatyId: number, countryCode: string, emailKey: string) {
  return trx
    .selectFrom("country_follows")
    .select(["id", "status", "confirmation_sent_at", "confirmation_mails"])
    .where("treaty_id", "=", treatyId)
    .where("country_code", "=", countryCode)
    .where("email_key", "=", emailKey)
    .where("status", "<>", "unsubscribed")
    .forUpdate()
    .executeTakeFirst();
}

/** Notes one more mail about a follow (paced by `repeatFollowOutcome`); returns its number. */
export async function noteFollowMailed(trx: Transaction<Database>, id: string, now: Date, language?: string): Promise<number> {
  const row = await trx
    .updateTable("country_follows")
    .set({ confirmation_sent_at: now, confirmation_mails: sql`confirmation_mails + 1`, ...(language ? { language } : {}) })
    .where("id", "=", id)
    .returning("confirmation_mails")
    .executeTakeFirstOrThrow();
  return row.confirmation_mails;
}

export async function setFollowConfirmed(trx: Transaction<Database>, id: string, now: Date): Promise<void> {
  await trx.updateTable("country_follows").set({ status: "confirmed", confirmed_at: now }).where("id", "=", id).where("status", "=", "pending").execute();
}

/** Unsubscribes these follows (pending or confirmed); returns how many moved. */
export async function unsubscribeFollows(trx: Transaction<Database>, where: { id: string } | { emailKey: string }, now: Date): Promise<number> {
  const result = await trx
    .updateTable("country_follows")
    .set({ status: "unsubscribed", unsubscribed_at: now })
    .where("status", "<>", "unsubscribed")
    .$if("id" in where, (q) => q.where("id", "=", (where as { id: string }).id))
    .$if("emailKey" in where, (q) => q.where("email_key", "=", (where as { emailKey: string }).emailKey))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** How many countries this person follows (confirmed), for the unsubscribe page's choices. */
export async function countActiveFollows(db: Db, emailKey: string): Promise<number> {
  const row = await db
    .selectFrom("country_follows")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("email_key", "=", emailKey)
    .where("status", "in", ["pending", "confirmed"] satisfies FollowStatus[])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The confirmed followers of one country, oldest first. */
export async function confirmedFollowers(db: Db, treatyId: number, countryCode: string) {
  return db
    .selectFrom("country_follows")
    .select(["id", "email", "language", "status"])
    .where("treaty_id", "=", treatyId)
    .where("country_code", "=", countryCode)
    .where("status", "=", "confirmed")
    .orderBy("id")
    .execute();
}

/** Confirmed followers per country of a treaty, in one grouped query (countries nobody follows are left out). */
export async function confirmedFollowersByCountry(db: Db, treatySlug: string) {
  const rows = await db
    .selectFrom("country_follows as f")
    .innerJoin("treaties as t", "t.id", "f.treaty_id")
    .innerJoin("countries as c", "c.code3", "f.country_code")
    .select(["f.country_code as code3", "c.code2", (eb) => eb.fn.countAll<string>().as("followers")])
    .where("t.slug", "=", treatySlug)
    .where("f.status", "=", "confirmed")
    .groupBy(["f.country_code", "c.code2"])
    .execute();
  return rows.map((r) => ({ code3: r.code3, code2: r.code2, followers: Number(r.followers) }));
}
