import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { partnersOfCampaign, type CampaignRef, type RunningPartner } from "./campaign-partners.server";
import { NO_PARTNER, partnerOfRequest, readPartnerCode, readPartnerConsent, type LinkPartner, type PartnerConsent, type ShownPartner } from "./partner-link";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The partner a campaign page's link names (`?partner=`), when it is active and runs this
 * campaign; null otherwise. Costs a query only when the link carries a code.
 */
export async function partnerOfLink(db: Db, campaign: CampaignRef, rawCode: unknown): Promise<RunningPartner | null> {
  if (readPartnerCode(rawCode) === null) return null;
  return partnerOfRequest(rawCode, await partnersOfCampaign(db, campaign));
}

/**
 * What a submitted form gives a partner: the partner its hidden field names (checked again:
 * active, running this campaign) and its box. A form without one gives no partner anything.
 */
export async function partnerConsentOfForm(db: Db, campaign: CampaignRef, form: { get(name: string): unknown }): Promise<PartnerConsent> {
  const partner = await partnerOfLink(db, campaign, form.get("partner"));
  return partner ? readPartnerConsent(form, partner) : NO_PARTNER;
}

export const linkPartnerOf = (partner: RunningPartner | null): LinkPartner | null =>
  partner ? { code: partner.code, name: partner.name, websiteUrl: partner.websiteUrl, privacyUrl: partner.privacyUrl } : null;

/** The partners a campaign's public page shows, with their public counts. */
export async function shownPartnersOf(db: Db, campaign: CampaignRef): Promise<ShownPartner[]> {
  const running = await partnersOfCampaign(db, campaign, { counts: true });
  return running.filter((p) => p.active).map((p) => ({ code: p.code, name: p.name, websiteUrl: p.websiteUrl, hasLogo: p.hasLogo, count: p.count }));
}
