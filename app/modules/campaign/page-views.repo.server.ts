import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { asPetitionTables, CAMPAIGN_TABLES, type CampaignKind } from "./campaign-tables";
import type { CampaignPageKind, PageViewCount } from "./page-views";

const KIND_OF_PAGE: Record<CampaignPageKind, CampaignKind> = { petition: "petition", letter: "letter_campaign" };

/** Adds counted views to the daily rows; slugs that are no campaign are dropped. */
export async function recordPageViews(db: Kysely<Database>, counts: readonly PageViewCount[]): Promise<void> {
  if (counts.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const { kind, slug, day, views } of counts) {
      const { campaigns, pageViews, owner } = asPetitionTables(CAMPAIGN_TABLES[KIND_OF_PAGE[kind]]);
      await trx
        .insertInto(pageViews)
        .columns([owner, "day", "views"])
        .expression((eb) => eb.selectFrom(campaigns).select(["id", sql<string>`${day}::date`.as("day"), sql<number>`${views}::bigint`.as("views")]).where("slug", "=", slug))
        .onConflict((oc) => oc.columns([owner, "day"]).doUpdateSet({ views: sql<number>`${sql.table(pageViews)}.views + excluded.views` }))
        .execute();
    }
  });
}

/** A campaign's page views, all days together. */
export async function pageViewTotal(db: Kysely<Database>, kind: CampaignKind, campaignId: number): Promise<number> {
  const { pageViews, owner } = asPetitionTables(CAMPAIGN_TABLES[kind]);
  const row = await db.selectFrom(pageViews).select(sql<string>`coalesce(sum(views), 0)`.as("n")).where(owner, "=", campaignId).executeTakeFirstOrThrow();
  return Number(row.n);
}
