import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { actionsForCountry } from "../campaign/campaign-asks.service.server";
import type { ParticipantStatus } from "../country/treaty-status";
import { lettersForCountry } from "./reply-stats.repo.server";

/**
 * What a country's page shows of the campaigns, in the reader's language: letters to its decision
 * makers and their answers, and the live petitions and letter campaigns with what each asks of a
 * country with its confirmed status. Read when the page is rendered, so it is as fresh as the page.
 */
export function countryCampaignsReader(lng: string) {
  return async (db: Kysely<Database>, code3: string, treatyId: number, status: ParticipantStatus) => {
    const [letters, actions] = await Promise.all([lettersForCountry(db, code3, treatyId), actionsForCountry(db, treatyId, status, lng)]);
    return { ...letters, actions };
  };
}
