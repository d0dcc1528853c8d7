import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { demandWithoutTargets } from "./letter-events.repo.server";
import { recipientsWithMails } from "./letter.repo.server";
import { tallyDeliveryStates } from "./recipient-delivery";
import { replyRatesByTarget } from "./reply-stats.repo.server";
import { campaignActivity, campaignReferrals, type PartnerFilter } from "../campaign/campaign-dashboard.service.server";
import { partnerBreakdown } from "../partner/partner-scope.server";
import { funnel } from "../campaign/dashboard";

/**
 * One letter campaign's dashboard: letters per day (confirmed and awaiting
 * confirmation), by the sender's country, the funnel from page views to
 * confirmed letters, each person written to with what became of the letters
 * and how often senders got a reply, and countries with demand but no one to
 * write to, and what each partner running it brought. `today` is a UTC day.
 * With a partner `filter` (a partner account's view), every figure counts only
 * the letters that partner's link brought; what is the whole campaign's (page
 * views, replies, demand elsewhere) and the other partners are left out.
 */
export async function letterCampaignDashboard(db: Kysely<Database>, slug: string, today: string, filter: PartnerFilter = null) {
  const partnerId = filter?.partnerId ?? null;
  const campaign = await db.selectFrom("letter_campaigns").select(["id", "slug", "status", "delivery_mode", "daily_cap_per_target", "goal", "opened_at", "closed_at"]).where("slug", "=", slug).executeTakeFirst();
  if (!campaign) return null;
  const [activity, totals, byCountry, recipientGroups, replies, demand, referrals, partners] = await Promise.all([
    campaignActivity(db, "letter_campaign", campaign, today, filter),
    db
      .selectFrom("letters")
      .select([sql<string>`count(*)`.as("written"), sql<string>`count(*) filter (where status = 'confirmed')`.as("confirmed")])
      .where("campaign_id", "=", campaign.id)
      .$if(partnerId !== null, (qb) => qb.where("partner_id", "=", partnerId))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("letters as l")
      .innerJoin("countries as c", "c.code3", "l.country_code")
      .select(["c.code3", "c.code2", sql<string>`count(*)`.as("count")])
      .where("l.campaign_id", "=", campaign.id)
      .where("l.status", "=", "confirmed")
      .$if(partnerId !== null, (qb) => qb.where("l.partner_id", "=", partnerId))
      .groupBy(["c.code3", "c.code2"])
      .orderBy(sql`count(*)`, "desc")
      .orderBy("c.code3")
      .execute(),
    recipientsWithMails(db)
      .innerJoin("letters as l", "l.id", "r.letter_id")
      .select(["t.id", "t.name", "t.role", "t.country_code", "l.status as letter_status", "r.route", "m.status as mail_status", "dm.status as digest_status", sql<string>`count(*)`.as("count")])
      .where("l.campaign_id", "=", campaign.id)
      .$if(partnerId !== null, (qb) => qb.where("l.partner_id", "=", partnerId))
      .groupBy(["t.id", "t.name", "t.role", "t.country_code", "l.status", "r.route", "m.status", "dm.status"])
      .execute(),
    partnerId === null ? replyRatesByTarget(db, campaign.id) : [],
    partnerId === null ? demandWithoutTargets(db, campaign.id) : [],
    campaignReferrals(db, "letter_campaign", campaign.id, filter),
    partnerBreakdown(db, "letter_campaign", campaign.id, partnerId ?? undefined),
  ]);

  const rates = new Map(replies.map((r) => [r.targetId, r]));
  const byTarget = new Map<number, typeof recipientGroups>();
  for (const group of recipientGroups) byTarget.set(group.id, [...(byTarget.get(group.id) ?? []), group]);
  const targets = [...byTarget.values()]
    .map((groups) => {
      const { id, name, role, country_code } = groups[0]!;
      const states = tallyDeliveryStates(
        groups.map((g) => ({ letterStatus: g.letter_status, route: g.route, mailStatus: g.mail_status, digestMailStatus: g.digest_status, count: Number(g.count) })),
      );
      const rate = rates.get(id);
      return { id, name, role, countryCode: country_code, letters: groups.reduce((n, g) => n + Number(g.count), 0), states, replied: rate?.replied ?? 0, answered: rate?.answered ?? 0 };
    })
    .sort((a, b) => b.letters - a.letters || a.countryCode.localeCompare(b.countryCode) || a.name.localeCompare(b.name));

  return {
    campaign: { slug: campaign.slug, status: campaign.status, deliveryMode: campaign.delivery_mode, dailyCap: campaign.daily_cap_per_target, goal: campaign.goal, confirmed: Number(totals.confirmed) },
    days: activity.days,
    keyDates: activity.keyDates,
    funnel: partnerId === null ? funnel(activity.views, Number(totals.written), Number(totals.confirmed)) : null,
    byCountry: byCountry.map((c) => ({ code3: c.code3, code2: c.code2, count: Number(c.count) })),
    targets,
    demand,
    referrals,
    partners,
  };
}
