import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { liveCampaignsOfTreaty } from "../campaign/campaign-asks.service.server";
import { campaignTargets } from "../letter/letter.repo.server";
import { chooseNextActions, type NextAction } from "./next-actions";
import type { SharedCampaign } from "./share-links";

/**
 * The next steps after signing or writing (`done`), for a person from the country `code3` (alpha-3,
 * null when unknown): the treaty's live campaigns they have not just acted on, a letter campaign
 * only where it has someone to write to in their country, then following the country.
 */
export async function nextActionsAfter(
  db: Kysely<Database>,
  input: { treatySlug: string; lng: string; done: SharedCampaign; country: { code3: string; segment: string; name: string } | null; followFormShown: boolean },
): Promise<NextAction[]> {
  const live = await liveCampaignsOfTreaty(db, input.treatySlug, input.lng);
  const { country } = input;
  const candidates = await Promise.all(
    live.map(async (c) => ({
      ...c,
      reachesCountry: c.kind === "letter_campaign" && country !== null ? (await campaignTargets(db, c.id, country.code3)).length > 0 : true,
    })),
  );
  return chooseNextActions(input.done, candidates, country, { followFormShown: input.followFormShown });
}
