import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { countsByCountry } from "./petition.repo.server";
import { everyDay, funnel } from "../campaign/dashboard";

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
    .select(["p.id", "p.slug", "p.status", "p.goal", "p.opened_at", sql<string>`coalesce(c.confirmed, 0)`.as("confirmed")])
    .where("p.slug", "=", slug)
    .executeTakeFirst();
  if (!petition) return null;
  const day = sql<string>`to_char(s.created_at at time zone 'UTC', 'YYYY-MM-DD')`;
  const [perDay, submissions, views, byCountry, referrals] = await Promise.all([
    db
      .selectFrom("signatures as s")
      .select([day.as("day"), sql<string>`count(*) filter (where s.status = 'confirmed')`.as("confirmed"), sql<string>`count(*) filter (where s.status = 'pending')`.as("pending")])
      .where("s.petition_id", "=", petition.id)
      .where("s.status", "in", ["confirmed", "pending"])
      .groupBy(day)
      .execute(),
    // Every signature still on record, whatever became of it (pending, suspect, withdrawn…).
    db.selectFrom("signatures").select(sql<string>`count(*)`.as("n")).where("petition_id", "=", petition.id).executeTakeFirstOrThrow(),
    db.selectFrom("petition_page_views").select(sql<string>`coalesce(sum(views), 0)`.as("n")).where("petition_id", "=", petition.id).executeTakeFirstOrThrow(),
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
  const opened = petition.opened_at ? new Date(petition.opened_at).toISOString().slice(0, 10) : undefined;
  return {
    petition: { slug: petition.slug, status: petition.status, goal: petition.goal, confirmed: Number(petition.confirmed) },
    days: everyDay(
      perDay.map((r) => ({ day: r.day, confirmed: Number(r.confirmed), pending: Number(r.pending) })),
      today,
      opened,
    ),
    funnel: funnel(Number(views.n), Number(submissions.n), Number(petition.confirmed)),
    byCountry,
    referrals: referrals.map((r) => ({ code: r.code ?? "", total: Number(r.total), confirmed: Number(r.confirmed), fromSigner: Boolean(r.from_signer) })),
  };
}
