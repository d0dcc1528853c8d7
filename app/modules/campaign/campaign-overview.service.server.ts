import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";

/**
 * Every campaign at a glance for the organizers' home: status, goal and
 * confirmed count of petitions (from the counter row, no count over
 * signatures), and letters confirmed per letter campaign (the same).
 */
export async function campaignOverview(db: Kysely<Database>) {
  const petitions = await db
    .selectFrom("petitions as p")
    .leftJoin("petition_counts as c", "c.petition_id", "p.id")
    .select(["p.slug", "p.status", "p.goal", "p.default_language", sql<string>`coalesce(c.confirmed, 0)`.as("confirmed")])
    .orderBy("p.id", "desc")
    .execute();
  const letterCampaigns = await db
    .selectFrom("letter_campaigns as c")
    .leftJoin("letter_counts as n", "n.campaign_id", "c.id")
    .select(["c.slug", "c.status", "c.delivery_mode", "c.default_language", sql<string>`coalesce(n.confirmed, 0)`.as("confirmed_letters")])
    .orderBy("c.id", "desc")
    .execute();
  return {
    petitions: petitions.map((p) => ({ slug: p.slug, status: p.status, goal: p.goal, language: p.default_language, confirmed: Number(p.confirmed) })),
    letterCampaigns: letterCampaigns.map((c) => ({
      slug: c.slug,
      status: c.status,
      deliveryMode: c.delivery_mode,
      language: c.default_language,
      confirmedLetters: Number(c.confirmed_letters),
    })),
  };
}
