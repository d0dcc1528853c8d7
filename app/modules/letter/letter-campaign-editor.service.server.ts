import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, PetitionStatus } from "../../../db/schema";
import { findLetterCampaign } from "./letter.repo.server";
import { createCampaign, updateCampaign, type CampaignWrite, type SaveOutcome as CampaignSaveOutcome } from "../campaign/campaign-editor.service.server";
import { moveCampaign, type Actor } from "../campaign/campaign-status.service.server";
import { publishBlocker, type LetterCampaignDraft } from "./letter-campaign-editor";

export type SaveOutcome = "saved" | "slug_taken" | "not_found" | "unknown_targets";

/** A letter campaign as its editor shows it: settings, texts and chosen targets. */
export async function letterCampaignForEditing(db: Kysely<Database>, slug: string) {
  const found = await findLetterCampaign(db, slug);
  if (!found) return null;
  const targets = await db.selectFrom("letter_campaign_targets").select("target_id").where("campaign_id", "=", found.campaign.id).execute();
  const texts = Object.fromEntries(
    found.texts.map((t) => [t.language, { title: t.title, intro: t.intro, subjects: t.subject_variants, bodyTemplate: t.body_template }]),
  );
  return { ...found.campaign, texts, targetIds: targets.map((t) => t.target_id) };
}

/** Every target an organizer may choose, by country: active or not (an inactive one is never written to). */
export async function targetChoices(db: Kysely<Database>) {
  return db.selectFrom("targets").select(["id", "country_code", "name", "role", "active", "is_demo"]).orderBy("country_code").orderBy("name").execute();
}

/** The chosen targets, all or nothing: false when an id is no target. */
async function writeTargets(trx: Transaction<Database>, campaignId: number, targetIds: number[]): Promise<boolean> {
  if (targetIds.length > 0) {
    const known = await trx.selectFrom("targets").select(sql<string>`count(*)`.as("n")).where("id", "in", targetIds).executeTakeFirstOrThrow();
    if (Number(known.n) !== targetIds.length) return false;
  }
  let removed = trx.deleteFrom("letter_campaign_targets").where("campaign_id", "=", campaignId);
  if (targetIds.length > 0) removed = removed.where("target_id", "not in", targetIds);
  await removed.execute();
  if (targetIds.length > 0) {
    await trx
      .insertInto("letter_campaign_targets")
      .values(targetIds.map((target_id) => ({ campaign_id: campaignId, target_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return true;
}

const settingsOf = (draft: LetterCampaignDraft) => ({
  default_language: draft.defaultLanguage,
  delivery_mode: draft.deliveryMode,
  daily_cap_per_target: draft.dailyCapPerTarget,
  min_personal_chars: draft.minPersonalChars,
  goal: draft.goal,
});

/** The campaign's row, its texts' rows and its targets, as the draft has them. */
function letterCampaignWrite(draft: LetterCampaignDraft): CampaignWrite {
  return {
    settings: settingsOf(draft),
    texts: Object.fromEntries(
      Object.entries(draft.texts).map(([language, t]) => [
        language,
        { title: t.title, intro: t.intro, subject_variants: sql`${JSON.stringify(t.subjects)}::text::jsonb`, body_template: t.bodyTemplate },
      ]),
    ),
    alsoWrite: (trx, campaignId) => writeTargets(trx, campaignId, draft.targetIds),
  };
}

/** What a refused save means here: a chosen target is not in the database. */
const outcomeOf = (outcome: CampaignSaveOutcome): SaveOutcome => (outcome === "refused" ? "unknown_targets" : outcome);

/** A new letter campaign, as a draft: nobody can see it or write until it is published. */
export async function createLetterCampaign(db: Kysely<Database>, draft: LetterCampaignDraft, actor: Actor, treatySlug: string): Promise<SaveOutcome> {
  const details = { settings: settingsOf(draft), languages: Object.keys(draft.texts), targets: draft.targetIds.length };
  return outcomeOf(await createCampaign(db, "letter_campaign", draft.slug, letterCampaignWrite(draft), actor, treatySlug, details));
}

/** New settings, texts and targets (the slug never changes: links to it are out in the world). */
export async function updateLetterCampaign(db: Kysely<Database>, slug: string, draft: LetterCampaignDraft, actor: Actor): Promise<SaveOutcome> {
  const details = (before: Record<string, unknown>) => ({ before, after: settingsOf(draft), languages: Object.keys(draft.texts), targets: draft.targetIds.length });
  return outcomeOf(await updateCampaign(db, "letter_campaign", slug, letterCampaignWrite(draft), actor, details));
}

/** Publishes (only with at least one active target) or closes a letter campaign. */
export function moveLetterCampaign(db: Kysely<Database>, slug: string, to: PetitionStatus, actor: Actor, now: Date) {
  return moveCampaign(db, "letter_campaign", slug, to, actor, now, async (trx, campaignId) => {
    const row = await trx
      .selectFrom("letter_campaign_targets as ct")
      .innerJoin("targets as t", "t.id", "ct.target_id")
      .select(sql<string>`count(*)`.as("n"))
      .where("ct.campaign_id", "=", campaignId)
      .where("t.active", "=", true)
      .executeTakeFirstOrThrow();
    return publishBlocker(Number(row.n));
  });
}
