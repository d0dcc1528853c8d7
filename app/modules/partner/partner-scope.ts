import type { OrganizerRole } from "../../../db/schema";

/**
 * What a signed-in account sees of the workspace: all of it (within its role's permissions),
 * or one partner's share of the campaigns that partner runs. Pure: the account in, the scope out.
 */
export type OrganizerScope = { kind: "workspace" } | { kind: "partner"; partnerId: number };

/** The kinds of campaign a partner runs (as `campaign_partners` names them). */
export type PartnerCampaignKind = "petition" | "letter_campaign";

/**
 * A partner account acts for its one partner; every other role for the workspace. A partner
 * account without a partner (the database refuses one) gets no scope at all: nothing opens.
 */
export function scopeOfAccount(account: { role: OrganizerRole; partnerId: number | null }): OrganizerScope | null {
  if (account.role !== "partner") return { kind: "workspace" };
  return account.partnerId === null ? null : { kind: "partner", partnerId: account.partnerId };
}

/** The partner whose figures a dashboard is limited to, or null for the whole campaign. */
export const partnerFilterOf = (scope: OrganizerScope): { partnerId: number } | null => (scope.kind === "partner" ? { partnerId: scope.partnerId } : null);

/** The sections of the workspace a partner account may open: the campaigns it runs, nothing else. */
export const PARTNER_SECTIONS: readonly string[] = ["campaigns"];

/** Whether a partner's campaigns (`campaignsOfPartner`) include this one. */
export function partnerRuns(campaigns: { petitionIds: readonly number[]; letterCampaignIds: readonly number[] }, kind: PartnerCampaignKind, campaignId: number): boolean {
  return (kind === "petition" ? campaigns.petitionIds : campaigns.letterCampaignIds).includes(campaignId);
}

export type PartnerChoiceError = "partner_missing" | "partner_not_for_role";

/**
 * A role and the partner chosen with it: the partner role needs one partner, every other
 * role none (the database checks the same; this names the mistake before it gets there).
 */
export function partnerChoiceError(role: OrganizerRole, partner: string | number | null | undefined): PartnerChoiceError | null {
  const chosen = partner !== null && partner !== undefined && String(partner).trim() !== "";
  if (role === "partner") return chosen ? null : "partner_missing";
  return chosen ? "partner_not_for_role" : null;
}
