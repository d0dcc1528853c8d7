import type { PetitionStatus } from "../../../db/schema";

/** Petitions and letter campaigns live the same life; their tables share the status type. */
export type CampaignStatus = PetitionStatus;

/** Draft → live → closed, one way: a closed campaign is a record of what was delivered. */
export function nextStatus(status: CampaignStatus): CampaignStatus | null {
  return status === "draft" ? "live" : status === "live" ? "closed" : null;
}

/** Whether a campaign in `from` may be moved to `to`: only one step forward. */
export function mayMove(from: CampaignStatus, to: CampaignStatus): boolean {
  return nextStatus(from) === to;
}
