import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { countsByCountry } from "./petition.repo.server";
import { campaignActivity, campaignReferrals } from "../campaign/campaign-dashboard.service.server";
import { funnel } from "../campaign/dashboard";

/**
 * One petition's dashboard: signatures per day (confirmed and still pending),
 * confirmed signatures by country, the funnel from page views to confirmed,
 * and the referral codes that brought signatures. `today` is a UTC day.
 */
export async function petitionDashboard(db: Kysely<Database>, slug: string, today: string) {
  const petition = await db
    .selectFrom("petitions as p")
    .leftJoin("petition_counts as c", "c.petition_id", "p.id")
    .select(["p.id", "p.slug", "p.status", "p.goal", "p.opened_at", "p.closed_at", sql<string>`coalesce(c.confirmed, 0)`.as("confirmed")])
    .where("p.slug", "=", slug)
    .executeTakeFirst();
  if (!petition) return null;
  const [activity, submissions, byCountry, referrals] = await Promise.all([
    campaignActivity(db, "petition", petition, today),
    // Every signature still on record, whatever became of it (pending, suspect, withdrawn…).
    db.selectFrom("signatures").select(sql<string>`count(*)`.as("n")).where("petition_id", "=", petition.id).executeTakeFirstOrThrow(),
    countsByCountry(db, petition.id),
    campaignReferrals(db, "petition", petition.id),
  ]);
  return {
    petition: { slug: petition.slug, status: petition.status, goal: petition.goal, confirmed: Number(petition.confirmed) },
    days: activity.days,
    keyDates: activity.keyDates,
    funnel: funnel(activity.views, Number(submissions.n), Number(petition.confirmed)),
    byCountry,
    referrals,
  };
}
