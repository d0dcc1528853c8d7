import { sql, type Kysely } from "kysely";
import type { Database, ReplyAnswer } from "../../../db/schema";
import { liveLetterCampaignFor, recipientsWithMails } from "./letter.repo.server";
import { replyRate, type ReplyRate } from "./reply-rates";

/** Delivered letters (their own mail or their digest was sent), per target, with the senders' answers. */
function deliveredRecipients(db: Kysely<Database>) {
  return recipientsWithMails(db)
    .innerJoin("letters as l", "l.id", "r.letter_id")
    .where(sql<boolean>`coalesce(m.status, dm.status) = 'sent'`);
}

const tallyColumns = [
  sql<string>`count(*)`.as("delivered"),
  sql<string>`count(*) filter (where r.reply = 'yes')`.as("yes"),
  sql<string>`count(*) filter (where r.reply = 'no')`.as("no"),
  sql<string>`count(*) filter (where r.reply = 'not_yet')`.as("not_yet"),
] as const;

type TallyRow = Record<"delivered" | ReplyAnswer, string | number>;
const rateOf = (row: TallyRow | undefined): ReplyRate =>
  replyRate({ delivered: Number(row?.delivered ?? 0), answers: { yes: Number(row?.yes ?? 0), no: Number(row?.no ?? 0), not_yet: Number(row?.not_yet ?? 0) } });

/** For the public country page: letters to this country's decision makers, and how many were answered. */
export async function replyRateForCountry(db: Kysely<Database>, countryCode: string): Promise<ReplyRate> {
  const row = await deliveredRecipients(db).select(tallyColumns).where("t.country_code", "=", countryCode).executeTakeFirst();
  return rateOf(row);
}

/** For organizers: each target of a campaign with its delivered letters and reply rate. */
export async function replyRatesByTarget(db: Kysely<Database>, campaignId: number) {
  const rows = await deliveredRecipients(db)
    .select(["t.id", "t.name", "t.country_code", ...tallyColumns])
    .where("l.campaign_id", "=", campaignId)
    .groupBy(["t.id", "t.name", "t.country_code"])
    .orderBy("t.country_code")
    .orderBy("t.name")
    .execute();
  return rows.map((row) => ({ targetId: row.id, name: row.name, countryCode: row.country_code, ...rateOf(row) }));
}

/** What a country's page shows of letters: what senders told us about replies from its decision makers, and the live campaign to write in. */
export async function lettersForCountry(db: Kysely<Database>, code3: string, treatyId: number): Promise<{ rate: ReplyRate; campaignSlug: string | null }> {
  const [rate, campaign] = await Promise.all([replyRateForCountry(db, code3), liveLetterCampaignFor(db, treatyId)]);
  return { rate, campaignSlug: campaign?.slug ?? null };
}
