import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Language } from "../../lib/i18n/languages";
import { campaignOverview } from "../campaign/campaign-overview.service.server";
import { followerSummary } from "../follow/followers-by-country";
import { followersByCountry } from "../follow/follow.service.server";

/** How many of the most followed countries the home names. */
const TOP_FOLLOWED = 5;

/** The organizers' home: every campaign at a glance, and how many follow the countries (the total and the most followed). */
export async function organizerHome(db: Kysely<Database>, input: { treatySlug: string; lng: Language; countryNameIn: (lng: Language, code2: string) => string }) {
  const overview = await campaignOverview(db);
  const countries = await followersByCountry(db, { ...input, sort: "followers" });
  return { ...overview, followers: followerSummary(countries, input.lng, TOP_FOLLOWED) };
}
