import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { asPetitionTables, CAMPAIGN_TABLES, type CampaignKind } from "./campaign-tables";
import { everyDay, type CampaignKeyDates, type DayCounts } from "./dashboard";
import { pageViewTotal } from "./page-views.repo.server";

/** A dashboard limited to what one partner's link brought (a partner account's view), or null for all of it. */
export type PartnerFilter = { partnerId: number } | null;

/**
 * What every campaign's dashboard shows beside its own figures: signatures or
 * letters per day, confirmed and awaiting confirmation (every day from the
 * opening or the first of them to `today`, a UTC day), and the page views the
 * funnel starts from.
 */
export async function campaignActivity(
  db: Kysely<Database>,
  kind: CampaignKind,
  campaign: { id: number; opened_at: Date | string | null; closed_at: Date | string | null },
  today: string,
  filter: PartnerFilter = null,
): Promise<{ days: DayCounts[]; views: number; keyDates: CampaignKeyDates }> {
  const { entries, owner } = asPetitionTables(CAMPAIGN_TABLES[kind]);
  const day = sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD')`;
  const [perDay, views] = await Promise.all([
    db
      .selectFrom(entries)
      .select([day.as("day"), sql<string>`count(*) filter (where status = 'confirmed')`.as("confirmed"), sql<string>`count(*) filter (where status = 'pending')`.as("pending")])
      .where(owner, "=", campaign.id)
      .where("status", "in", ["confirmed", "pending"])
      .$if(filter !== null, (qb) => qb.where("partner_id", "=", filter!.partnerId))
      .groupBy(day)
      .execute(),
    pageViewTotal(db, kind, campaign.id),
  ]);
  const utcDay = (at: Date | string | null) => (at ? new Date(at).toISOString().slice(0, 10) : null);
  const keyDates = { opened: utcDay(campaign.opened_at), closed: utcDay(campaign.closed_at) };
  const rows = perDay.map((r) => ({ day: r.day, confirmed: Number(r.confirmed), pending: Number(r.pending) }));
  return { days: everyDay(rows, today, keyDates.opened ?? undefined), views, keyDates };
}

const TOP_REFERRALS = 20;

/**
 * The referral codes that brought a campaign's signatures or letters, most confirmed first: each
 * code's entries, confirmed ones, and whether it is a person's share code (a signer's or writer's)
 * or one the organizers made up for a mailing or a partner.
 */
export async function campaignReferrals(db: Kysely<Database>, kind: CampaignKind, campaignId: number, filter: PartnerFilter = null) {
  const { entries, owner } = asPetitionTables(CAMPAIGN_TABLES[kind]);
  const rows = await db
    .selectFrom(`${entries} as s`)
    .select([
      "s.referred_by as code",
      sql<string>`count(*)`.as("total"),
      sql<string>`count(*) filter (where s.status = 'confirmed')`.as("confirmed"),
      sql<boolean>`exists (select 1 from ${sql.table(entries)} o where o.${sql.ref(owner)} = ${campaignId} and o.referral_code = s.referred_by)`.as("from_person"),
    ])
    .where(`s.${owner}`, "=", campaignId)
    .where("s.referred_by", "is not", null)
    .$if(filter !== null, (qb) => qb.where("s.partner_id", "=", filter!.partnerId))
    .groupBy("s.referred_by")
    .orderBy(sql`count(*) filter (where s.status = 'confirmed')`, "desc")
    .orderBy("s.referred_by")
    .limit(TOP_REFERRALS)
    .execute();
  return rows.map((r) => ({ code: r.code ?? "", total: Number(r.total), confirmed: Number(r.confirmed), fromPerson: Boolean(r.from_person) }));
}
