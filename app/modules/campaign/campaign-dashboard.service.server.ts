import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { asPetitionTables, CAMPAIGN_TABLES, type CampaignKind } from "./campaign-tables";
import { everyDay, type CampaignKeyDates, type DayCounts } from "./dashboard";
import { pageViewTotal } from "./page-views.repo.server";

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
): Promise<{ days: DayCounts[]; views: number; keyDates: CampaignKeyDates }> {
  const { entries, owner } = asPetitionTables(CAMPAIGN_TABLES[kind]);
  const day = sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD')`;
  const [perDay, views] = await Promise.all([
    db
      .selectFrom(entries)
      .select([day.as("day"), sql<string>`count(*) filter (where status = 'confirmed')`.as("confirmed"), sql<string>`count(*) filter (where status = 'pending')`.as("pending")])
      .where(owner, "=", campaign.id)
      .where("status", "in", ["confirmed", "pending"])
      .groupBy(day)
      .execute(),
    pageViewTotal(db, kind, campaign.id),
  ]);
  const utcDay = (at: Date | string | null) => (at ? new Date(at).toISOString().slice(0, 10) : null);
  const keyDates = { opened: utcDay(campaign.opened_at), closed: utcDay(campaign.closed_at) };
  const rows = perDay.map((r) => ({ day: r.day, confirmed: Number(r.confirmed), pending: Number(r.pending) }));
  return { days: everyDay(rows, today, keyDates.opened ?? undefined), views, keyDates };
}
