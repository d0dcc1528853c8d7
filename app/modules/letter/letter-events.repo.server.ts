import { sql, type Kysely } from "kysely";
import type { Database, LetterCampaignEventKind } from "../../../db/schema";
import { countHit } from "../../lib/rate-limit.server";
import { utcDay } from "./delivery-route";

/** Events one client address may add per campaign, country and kind per day: enough for a household, not for a script. */
const EVENTS_PER_ADDRESS_PER_DAY = 3;

/**
 * Adds one to an aggregate counter (campaign, country, day, kind): no cookie,
 * no address kept. A client address counts a few times a day at most.
 */
export async function countLetterEvent(
  db: Kysely<Database>,
  event: { campaignId: number; countryCode: string; kind: LetterCampaignEventKind; ipHash: string; now: Date },
): Promise<boolean> {
  const hits = await countHit(db, `letter-event:${event.kind}:${event.campaignId}:${event.countryCode}:${event.ipHash}`, 86_400);
  if (hits > EVENTS_PER_ADDRESS_PER_DAY) return false;
  await db
    .insertInto("letter_campaign_events")
    .values({ campaign_id: event.campaignId, country_code: event.countryCode, day: utcDay(event.now), kind: event.kind, count: 1 })
    .onConflict((oc) => oc.columns(["campaign_id", "country_code", "day", "kind"]).doUpdateSet({ count: sql`letter_campaign_events.count + 1` }))
    .execute();
  return true;
}

/** For organizers: countries where people wanted to write but the campaign has no active target, most wanted first. */
export async function demandWithoutTargets(db: Kysely<Database>, campaignId: number) {
  const rows = await db
    .selectFrom("letter_campaign_events as e")
    .select(["e.country_code", sql<string>`sum(e.count)`.as("visits")])
    .where("e.campaign_id", "=", campaignId)
    .where("e.kind", "=", "no_targets")
    .where(({ exists, not, selectFrom }) =>
      not(
        exists(
          selectFrom("letter_campaign_targets as ct")
            .innerJoin("targets as t", "t.id", "ct.target_id")
            .select(sql`1`.as("one"))
            .where("ct.campaign_id", "=", campaignId)
            .whereRef("t.country_code", "=", "e.country_code")
            .where("t.active", "=", true),
        ),
      ),
    )
    .groupBy("e.country_code")
    .orderBy("visits", "desc")
    .execute();
  return rows.map((r) => ({ countryCode: r.country_code, visits: Number(r.visits) }));
}
