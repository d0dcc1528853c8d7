import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { pickText } from "../campaign/campaign-text";
import { asPetitionTables, CAMPAIGN_TABLES, type CampaignKind } from "../campaign/campaign-tables";
import { countOf } from "../campaign/counter.server";
import { findLetterCampaign } from "../letter/letter.repo.server";
import type { EmbedKind } from "./embed-protocol";

const TABLES_OF: Record<EmbedKind, CampaignKind> = { petition: "petition", letter: "letter_campaign" };

/** The campaign an organizer shares (any status: a draft's snippet works once it is live), or null. */
export async function campaignToShare(db: Kysely<Database>, kind: EmbedKind, slug: string) {
  const tables = asPetitionTables(CAMPAIGN_TABLES[TABLES_OF[kind]]);
  const row = await db.selectFrom(tables.campaigns).select(["slug", "status"]).where("slug", "=", slug).executeTakeFirst();
  return row ?? null;
}

/** A letter campaign as its embed shows it: words in the reader's language and the count. Drafts are not public. */
export async function letterEmbedView(db: Kysely<Database>, slug: string, lng: string) {
  const found = await findLetterCampaign(db, slug);
  if (!found || found.campaign.status === "draft") return null;
  const picked = pickText(found.texts, lng, found.campaign.default_language);
  if (!picked) return null;
  const { confirmed } = await countOf(db, "letters", found.campaign.id);
  return {
    campaignId: found.campaign.id,
    slug: found.campaign.slug,
    closed: found.campaign.status === "closed",
    title: picked.text.title,
    intro: picked.text.intro,
    textLanguage: picked.text.language,
    fallback: picked.fallback,
    count: confirmed,
    goal: found.campaign.goal,
  };
}
