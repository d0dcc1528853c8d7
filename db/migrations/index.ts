import type { Kysely, Migration } from "kysely";
import * as countriesAndTreatyFacts from "./2026-11-28T1200_countries_and_treaty_facts";
import * as outgoingMail from "./2026-11-28T1400_outgoing_mail";
import * as petitions from "./2026-11-28T1600_petitions";
import * as letterTargets from "./2026-11-28T2200_letter_targets";
import * as letterCampaigns from "./2026-11-28T2300_letter_campaigns";
import * as letterDelivery from "./2026-11-29T0100_letter_delivery";
import * as organizers from "./2026-11-29T0200_organizers";
import * as factChanges from "./2026-11-29T0300_fact_changes";
import * as dashboardsAndVoteFacts from "./2026-11-29T0400_dashboards_and_vote_facts";
import * as siteSwitches from "./2026-11-29T0400_site_switches";
import * as letterCampaignGoal from "./2026-11-29T0500_letter_campaign_goal";
import * as doNotMailByKeyedHash from "./2026-12-04T1000_do_not_mail_by_keyed_hash";
import * as outboxRetention from "./2026-12-04T1001_outbox_retention";
import * as senderKeysAndSignatureRepeats from "./2026-12-04T1100_sender_keys_and_signature_repeats";
import * as targetEmailPublic from "./2026-12-04T1200_target_email_public";
import * as letterCounters from "./2026-12-05T0100_letter_counters";
import * as countryStatusChanges from "./2026-12-05T0400_country_status_changes";
import * as treatyPhaseFacts from "./2026-12-05T0200_treaty_phase_facts";
import * as countryFollows from "./2026-12-05T0600_country_follows";
import * as statementConfidence from "./2026-12-05T0300_statement_confidence";
import * as countryAlerts from "./2026-12-05T0700_country_alerts";
import * as campaignAsks from "./2026-12-05T0800_campaign_asks";
import * as campaignUpdates from "./2026-12-05T0900_campaign_updates";
import * as alertSigners from "./2026-12-05T0950_alert_signers";
import * as shareCards from "./2026-12-06T0100_share_cards";
import * as letterReferrals from "./2026-12-06T0200_letter_referrals";
import * as partnersApiWebhooks from "./2026-12-06T0300_partners_api_webhooks";
import * as osdiPeopleKeys from "./2026-12-06T0600_osdi_people_keys";
import * as webhookOwnerLanguage from "./2026-12-06T0700_webhook_owner_language";
import * as trendingSigners from "./2026-12-06T0900_trending_signers";
import * as trendingDecisions from "./2026-12-06T1000_trending_decisions";
import * as signatureLog from "./2026-12-06T1200_signature_log";

/**
 * Every migration, in order. Listed by hand (not read from the folder) so the
 * same list works under tsx, vitest and bundlers alike; names never change.
 */
export const migrations: Record<string, Migration & { up(db: Kysely<unknown>, options?: { signingSecret?: string }): Promise<void> }> = {
  "2026-11-28T1200_countries_and_treaty_facts": countriesAndTreatyFacts,
  "2026-11-28T1400_outgoing_mail": outgoingMail,
  "2026-11-28T1600_petitions": petitions,
  "2026-11-28T2200_letter_targets": letterTargets,
  "2026-11-28T2300_letter_campaigns": letterCampaigns,
  "2026-11-29T0100_letter_delivery": letterDelivery,
  "2026-11-29T0200_organizers": organizers,
  "2026-11-29T0300_fact_changes": factChanges,
  "2026-11-29T0400_dashboards_and_vote_facts": dashboardsAndVoteFacts,
  "2026-11-29T0400_site_switches": siteSwitches,
  "2026-11-29T0500_letter_campaign_goal": letterCampaignGoal,
  "2026-12-04T1000_do_not_mail_by_keyed_hash": doNotMailByKeyedHash,
  "2026-12-04T1001_outbox_retention": outboxRetention,
  "2026-12-04T1100_sender_keys_and_signature_repeats": senderKeysAndSignatureRepeats,
  "2026-12-04T1200_target_email_public": targetEmailPublic,
  "2026-12-05T0100_letter_counters": letterCounters,
  "2026-12-05T0200_treaty_phase_facts": treatyPhaseFacts,
  "2026-12-05T0300_statement_confidence": statementConfidence,
  "2026-12-05T0400_country_status_changes": countryStatusChanges,
  "2026-12-05T0600_country_follows": countryFollows,
  "2026-12-05T0700_country_alerts": countryAlerts,
  "2026-12-05T0800_campaign_asks": campaignAsks,
  "2026-12-05T0900_campaign_updates": campaignUpdates,
  "2026-12-05T0950_alert_signers": alertSigners,
  "2026-12-06T0100_share_cards": shareCards,
  "2026-12-06T0200_letter_referrals": letterReferrals,
  "2026-12-06T0300_partners_api_webhooks": partnersApiWebhooks,
  "2026-12-06T0600_osdi_people_keys": osdiPeopleKeys,
  "2026-12-06T0700_webhook_owner_language": webhookOwnerLanguage,
  "2026-12-06T0900_trending_signers": trendingSigners,
  "2026-12-06T1000_trending_decisions": trendingDecisions,
  "2026-12-06T1200_signature_log": signatureLog,
};
