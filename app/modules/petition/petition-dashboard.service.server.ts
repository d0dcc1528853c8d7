import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { countsByCountry } from "./petition.repo.server";
import { campaignActivity, campaignReferrals, type PartnerFilter } from "../campaign/campaign-dashboard.service.server";
import { funnel } from "../campaign/dashboard";
import { partnerBreakdown } from "../partner/partner-scope.server";

/**
 * One petition's dashboard: signatures per day (confirmed and still pending),
 * confirmed signatures by country, the funnel from page views to confirmed,
 * the referral codes that brought signatures, and what each partner running it
 * brought. `today` is a UTC day. With a partner `filter` (a partner account's
 * view), every figure counts only the signatures that partner's link brought,
 * and the page views (everyone's) and the other partners are left out.
 */
export async function petitionDashboard(db: Kysely<Database>, slug: string, today: string, filter: PartnerFilter = null) {
  const petition = await db
    .selectFrom("petitions as p")
    .leftJoin("petition_counts as c", "c.petition_id", "p.id")
    .select(["p.id", "p.slug", "p.status", "p.goal", "p.opened_at", "p.closed_at", sql<string>`coalesce(c.confirmed, 0)`.as("confirmed")])
    .where("p.slug", "=", slug)
    .executeTakeFirst();
  if (!petition) return null;
  const [activity, totals, byCountry, referrals, partners] = await Promise.all([
    campaignActivity(db, "petition", petition, today, filter),
    // Every signature still on record, whatever became of it (pending, suspect, withdrawn…).
    db
      .selectFrom("signatures")
      .select([sql<string>`count(*)`.as("n"), sql<string>`count(*) filter (where status = 'confirmed')`.as("confirmed")])
      .where("petition_id", "=", petition.id)
      .$if(filter !== null, (qb) => qb.where("partner_id", "=", filter!.partnerId))
      .executeTakeFirstOrThrow(),
    filter === null ? countsByCountry(db, petition.id) : partnerCountsByCountry(db, petition.id, filter.partnerId),
    campaignReferrals(db, "petition", petition.id, filter),
    partnerBreakdown(db, "petition", petition.id, filter?.partnerId),
  ]);
  // The whole petition's count comes from its counter row; a partner's share is counted from its rows.
  const confirmed = filter === null ? Number(petition.confirmed) : Number(totals.confirmed);
  return {
    petition: { slug: petition.slug, status: petition.status, goal: petition.goal, confirmed },
    days: activity.days,
    keyDates: activity.keyDates,
    funnel: filter === null ? funnel(activity.views, Number(totals.n), confirmed) : null,
    byCountry,
    referrals,
    partners,
  };
}

/** Confirmed signatures one partner brought, by the signer's country. */
async function partnerCountsByCountry(db: Kysely<Database>, petitionId: number, partnerId: number) {
  const rows = await db
    .selectFrom("signatures as s")
    .innerJoin("countries as c", "c.code3", "s.country_code")
    .select(["c.code3", "c.code2", sql<string>`count(*)`.as("count")])
    .where("s.petition_id", "=", petitionId)
    .where("s.partner_id", "=", partnerId)
    .where("s.status", "=", "confirmed")
    .groupBy(["c.code3", "c.code2"])
    .orderBy(sql`count(*)`, "desc")
    .orderBy("c.code3")
    .execute();
  return rows.map((r) => ({ code3: r.code3, code2: r.code2, count: Number(r.count) }));
}
