import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { countsByCountry } from "./petition.repo.server";
import { campaignActivity } from "../campaign/campaign-dashboard.service.server";
import { funnel } from "../campaign/dashboard";

const TOP_REFERRALS = 20;

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
    db
      .selectFrom("signatures as s")
      .select([
        "s.referred_by as code",
        sql<string>`count(*)`.as("total"),
        sql<string>`count(*) filter (where s.status = 'confirmed')`.as("confirmed"),
        // A signer's share code, or one the organizers made up for a mailing or a partner.
        sql<boolean>`exists (select 1 from signatures o where o.petition_id = s.petition_id and o.referral_code = s.referred_by)`.as("from_signer"),
      ])
      .where("s.petition_id", "=", petition.id)
      .where("s.referred_by", "is not", null)
      .groupBy(["s.referred_by", "s.petition_id"])
      .orderBy(sql`count(*) filter (where s.status = 'confirmed')`, "desc")
      .orderBy("s.referred_by")
      .limit(TOP_REFERRALS)
      .execute(),
  ]);
  return {
    petition: { slug: petition.slug, status: petition.status, goal: petition.goal, confirmed: Number(petition.confirmed) },
    days: activity.days,
    keyDates: activity.keyDates,
    funnel: funnel(activity.views, Number(submissions.n), Number(petition.confirmed)),
    byCountry,
    referrals: referrals.map((r) => ({ code: r.code ?? "", total: Number(r.total), confirmed: Number(r.confirmed), fromSigner: Boolean(r.from_signer) })),
  };
}
