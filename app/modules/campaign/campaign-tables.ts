/** The two kinds of campaign, as the audit log names them. */
export type CampaignKind = "petition" | "letter_campaign";

/**
 * Where one kind of campaign keeps its rows. Petitions and letter campaigns
 * have tables of the same shape under other names: the campaign (id, slug,
 * status, treaty, default language, goal, opened and closed), its texts per
 * language, page views per day, what people submit (signatures, letters)
 * and the counter row of the confirmed ones, each naming the campaign in the
 * column `owner`.
 */
export interface CampaignTables {
  kind: CampaignKind;
  campaigns: "petitions" | "letter_campaigns";
  texts: "petition_texts" | "letter_campaign_texts";
  pageViews: "petition_page_views" | "letter_page_views";
  entries: "signatures" | "letters";
  counts: "petition_counts" | "letter_counts";
  owner: "petition_id" | "campaign_id";
}

export const CAMPAIGN_TABLES: Record<CampaignKind, CampaignTables> = {
  petition: { kind: "petition", campaigns: "petitions", texts: "petition_texts", pageViews: "petition_page_views", entries: "signatures", counts: "petition_counts", owner: "petition_id" },
  letter_campaign: {
    kind: "letter_campaign",
    campaigns: "letter_campaigns",
    texts: "letter_campaign_texts",
    pageViews: "letter_page_views",
    entries: "letters",
    counts: "letter_counts",
    owner: "campaign_id",
  },
};

/**
 * The descriptor with its names typed as the petition tables': Kysely then
 * builds the shared queries, which read and write only the columns both
 * kinds' tables have.
 */
export function asPetitionTables(tables: CampaignTables) {
  return tables as { kind: CampaignKind; campaigns: "petitions"; texts: "petition_texts"; pageViews: "petition_page_views"; entries: "signatures"; counts: "petition_counts"; owner: "petition_id" };
}
