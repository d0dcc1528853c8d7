import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

export async function findLetterCampaign(db: Db, slug: string) {
  const campaign = await db
    .selectFrom("letter_campaigns")
    .select(["id", "slug", "status", "treaty_id", "default_language", "delivery_mode", "daily_cap_per_target", "min_personal_chars", "goal"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!campaign) return null;
  const texts = await db
    .selectFrom("letter_campaign_texts")
    .select(["language", "title", "intro", "subject_variants", "body_template"])
    .where("campaign_id", "=", campaign.id)
    .execute();
  return { campaign, texts };
}

/**
 * The campaign's active targets in one country: the only people a sender may
 * choose. Without their addresses: pages and forms never need one.
 */
export async function campaignTargets(db: Db, campaignId: number, countryCode: string) {
  return db
    .selectFrom("targets as t")
    .innerJoin("letter_campaign_targets as ct", "ct.target_id", "t.id")
    .select(["t.id", "t.name", "t.role", "t.organization", "t.language", "t.is_demo", "t.email_public"])
    .where("ct.campaign_id", "=", campaignId)
    .where("t.country_code", "=", countryCode)
    .where("t.active", "=", true)
    .orderBy("t.name")
    .orderBy("t.id")
    .execute();
}

/**
 * The addresses of the given targets, only if every one of them is among the
 * campaign's active targets for the country and its address is public; else
 * null. The one way an address reaches a visitor (the mailto: link).
 */
export async function publicTargetAddresses(db: Db, campaignId: number, countryCode: string, targetIds: readonly number[]): Promise<string[] | null> {
  if (targetIds.length === 0) return null;
  const rows = await db
    .selectFrom("targets as t")
    .innerJoin("letter_campaign_targets as ct", "ct.target_id", "t.id")
    .select("t.email")
    .where("ct.campaign_id", "=", campaignId)
    .where("t.country_code", "=", countryCode)
    .where("t.active", "=", true)
    .where("t.email_public", "=", true)
    .where("t.id", "in", [...targetIds])
    .orderBy("t.name")
    .orderBy("t.id")
    .execute();
  return rows.length === new Set(targetIds).size ? rows.map((r) => r.email) : null;
}

/** Letters of one person in the last day, however the address was spelled: by its keyed hash (addressLimitKey). */
export async function lettersFromSenderToday(db: Db, senderKey: string): Promise<number> {
  const row = await db
    .selectFrom("letters")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("sender_key", "=", senderKey)
    .where("created_at", ">", sql<Date>`now() - interval '1 day'`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What a sender wrote and who they said they are, as columns of `letters as l`. */
export const LETTER_AS_WRITTEN = ["l.sender_name", "l.sender_email", "l.sender_city", "l.subject", "l.body", "l.personal_paragraph"] as const;

/** A letter with what confirming it needs; locked for the transaction when `lock` (the confirming POST, not the GET's look). */
export async function lockLetter(trx: Transaction<Database>, id: string, lock = true) {
  return trx
    .selectFrom("letters as l")
    .innerJoin("letter_campaigns as c", "c.id", "l.campaign_id")
    .innerJoin("countries as k", "k.code3", "l.country_code")
    .select([
      "l.id",
      "l.status",
      "l.created_at",
      "l.language",
      "l.referral_code",
      "l.country_code",
      ...LETTER_AS_WRITTEN,
      "l.campaign_id",
      "l.fingerprint",
      "k.code2 as country_code2",
      "c.slug",
      "c.status as campaign_status",
      "c.delivery_mode",
      "c.daily_cap_per_target",
    ])
    .where("l.id", "=", id)
    .$if(lock, (qb) => qb.forUpdate("l"))
    .executeTakeFirst();
}

export async function letterRecipients(trx: Db, letterId: string) {
  return trx
    .selectFrom("letter_recipients as r")
    .innerJoin("targets as t", "t.id", "r.target_id")
    .select(["t.id", "t.name", "t.role", "t.organization", "t.email"])
    .where("r.letter_id", "=", letterId)
    // Name order, as the page lists them: the receipt's copy is the one the preview showed.
    .orderBy("t.name")
    .orderBy("t.id")
    .execute();
}

/** The live letter campaign on a treaty, for pages that invite people to write (the oldest, if several). */
export async function liveLetterCampaignFor(db: Db, treatyId: number) {
  return db.selectFrom("letter_campaigns").select("slug").where("treaty_id", "=", treatyId).where("status", "=", "live").orderBy("id").executeTakeFirst();
}

/**
 * Recipients with the mail that carries their letter: `m` its own (individual
 * route), `dm` its digest's (digest route, once gathered).
 */
export function recipientsWithMails(db: Db) {
  return db
    .selectFrom("letter_recipients as r")
    .innerJoin("targets as t", "t.id", "r.target_id")
    .leftJoin("outgoing_mails as m", "m.id", "r.outgoing_mail_id")
    .leftJoin("letter_digests as d", "d.id", "r.digest_id")
    .leftJoin("outgoing_mails as dm", "dm.id", "d.outgoing_mail_id");
}
