import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { isSupportedLanguage } from "../../lib/i18n/languages";
import { countryName } from "../country/country-names";
import { enqueueMail } from "../mail/outbox.repo.server";
import { utcDay } from "./delivery-route";
import { letterDigestMail } from "./letter-mails.server";

/** Quoted in one digest mail at most; the rest are counted ("and 312 more"). */
export const DIGEST_QUOTED_MAX = 200;

const startOfUtcDay = (at: Date) => new Date(`${utcDay(at)}T00:00:00.000Z`);

/**
 * Sends the digests that are due: for each target, the letters gathered for
 * it on days that have ended (UTC), in one mail. Safe beside other processes:
 * the digest row is unique per target and day, so only one of them sends it.
 * Returns how many digests were queued.
 */
export async function sendDueDigests(db: Kysely<Database>, now: Date, maxDigests = 100): Promise<number> {
  const dayStart = startOfUtcDay(now);
  const groups = await db
    .selectFrom("letter_recipients as r")
    .innerJoin("letters as l", "l.id", "r.letter_id")
    .select(["l.campaign_id", "r.target_id"])
    .distinct()
    .where("r.route", "=", "digest")
    .where("r.digest_id", "is", null)
    .where("l.status", "=", "confirmed")
    .where("l.confirmed_at", "<", dayStart)
    // Targets whose digest went today wait for tomorrow's.
    .where(({ exists, not, selectFrom }) =>
      not(
        exists(
          selectFrom("letter_digests as d")
            .select(sql`1`.as("one"))
            .whereRef("d.campaign_id", "=", "l.campaign_id")
            .whereRef("d.target_id", "=", "r.target_id")
            .where("d.day", "=", utcDay(now)),
        ),
      ),
    )
    .limit(maxDigests)
    .execute();
  let sent = 0;
  for (const group of groups) {
    if (await db.transaction().execute((trx) => sendDigest(trx, group.campaign_id, group.target_id, now))) sent++;
  }
  return sent;
}

async function sendDigest(trx: Transaction<Database>, campaignId: number, targetId: number, now: Date): Promise<boolean> {
  const digest = await trx
    .insertInto("letter_digests")
    .values({ campaign_id: campaignId, target_id: targetId, day: utcDay(now), letters: 1 })
    .onConflict((oc) => oc.columns(["campaign_id", "target_id", "day"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  // Today's digest for this target went already: the rest wait for tomorrow's.
  if (!digest) return false;
  const gathered = await trx
    .updateTable("letter_recipients")
    .set({ digest_id: digest.id })
    .where("target_id", "=", targetId)
    .where("route", "=", "digest")
    .where("digest_id", "is", null)
    .where("letter_id", "in", (eb) =>
      eb.selectFrom("letters").select("id").where("campaign_id", "=", campaignId).where("status", "=", "confirmed").where("confirmed_at", "<", startOfUtcDay(now)),
    )
    .returning("letter_id")
    .execute();
  if (gathered.length === 0) {
    await trx.deleteFrom("letter_digests").where("id", "=", digest.id).execute();
    return false;
  }
  // Each entry names its letter, so an erasure can take one sender's words out of a digest.
  const entries = await trx
    .selectFrom("letters")
    .select(["id as letterId", "sender_name as name", "sender_city as city", "personal_paragraph as paragraph"])
    .where("id", "in", gathered.map((g) => g.letter_id))
    .orderBy("confirmed_at")
    .limit(DIGEST_QUOTED_MAX)
    .execute();
  const target = await trx
    .selectFrom("targets as t")
    .innerJoin("countries as k", "k.code3", "t.country_code")
    .innerJoin("letter_campaigns as c", (join) => join.on("c.id", "=", campaignId))
    .select(["t.email", "t.language", "k.code2", "c.default_language"])
    .where("t.id", "=", targetId)
    .executeTakeFirstOrThrow();
  const language = isSupportedLanguage(target.language) ? target.language : target.default_language;
  const subject = await campaignSubject(trx, campaignId, [language, target.default_language]);
  const mail = letterDigestMail({ digestId: digest.id, email: target.email, language, subject, count: gathered.length, countryName: countryName(language, target.code2), entries });
  await enqueueMail(trx, mail);
  await trx
    .updateTable("letter_digests")
    .set({ letters: gathered.length, outgoing_mail_id: (eb) => eb.selectFrom("outgoing_mails").select("id").where("idempotency_key", "=", mail.idempotencyKey) })
    .where("id", "=", digest.id)
    .execute();
  return true;
}

/** The campaign's first subject line in the first of `languages` it has. */
async function campaignSubject(trx: Transaction<Database>, campaignId: number, languages: string[]): Promise<string> {
  const texts = await trx
    .selectFrom("letter_campaign_texts")
    .select(["language", sql<string>`subject_variants->>0`.as("subject")])
    .where("campaign_id", "=", campaignId)
    .where("language", "in", languages)
    .execute();
  for (const language of languages) {
    const found = texts.find((t) => t.language === language);
    if (found) return found.subject;
  }
  return "";
}
