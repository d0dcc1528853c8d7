import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, PetitionStatus } from "../../../db/schema";
import { findTreatyBySlug } from "../country/country.repo.server";
import { findLetterCampaign } from "./letter.repo.server";
import { recordAudit } from "../audit/audit.repo.server";
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

async function writeTextsAndTargets(trx: Transaction<Database>, campaignId: number, draft: LetterCampaignDraft): Promise<boolean> {
  await trx.deleteFrom("letter_campaign_texts").where("campaign_id", "=", campaignId).where("language", "not in", Object.keys(draft.texts)).execute();
  for (const [language, text] of Object.entries(draft.texts)) {
    const values = { title: text.title, intro: text.intro, subject_variants: sql`${JSON.stringify(text.subjects)}::text::jsonb`, body_template: text.bodyTemplate };
    await trx
      .insertInto("letter_campaign_texts")
      .values({ campaign_id: campaignId, language, ...values })
      .onConflict((oc) => oc.columns(["campaign_id", "language"]).doUpdateSet({ ...values, updated_at: sql`now()` }))
      .execute();
  }
  if (draft.targetIds.length > 0) {
    const known = await trx.selectFrom("targets").select(sql<string>`count(*)`.as("n")).where("id", "in", draft.targetIds).executeTakeFirstOrThrow();
    if (Number(known.n) !== draft.targetIds.length) return false;
  }
  let removed = trx.deleteFrom("letter_campaign_targets").where("campaign_id", "=", campaignId);
  if (draft.targetIds.length > 0) removed = removed.where("target_id", "not in", draft.targetIds);
  await removed.execute();
  if (draft.targetIds.length > 0) {
    await trx
      .insertInto("letter_campaign_targets")
      .values(draft.targetIds.map((target_id) => ({ campaign_id: campaignId, target_id })))
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

/** Rolls the transaction back with an outcome: nothing partial is stored. */
class Refused extends Error {
  constructor(readonly outcome: SaveOutcome) {
    super(outcome);
  }
}

async function refusable(work: () => Promise<SaveOutcome>): Promise<SaveOutcome> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refused) return error.outcome;
    throw error;
  }
}

/** A new letter campaign, as a draft: nobody can see it or write until it is published. */
export function createLetterCampaign(db: Kysely<Database>, draft: LetterCampaignDraft, actor: Actor, treatySlug: string): Promise<SaveOutcome> {
  return refusable(() =>
    db.transaction().execute(async (trx) => {
      const treaty = await findTreatyBySlug(trx, treatySlug);
      const row = await trx
        .insertInto("letter_campaigns")
        .values({ slug: draft.slug, treaty_id: treaty?.id ?? null, ...settingsOf(draft) })
        .onConflict((oc) => oc.column("slug").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!row) return "slug_taken";
      if (!(await writeTextsAndTargets(trx, row.id, draft))) throw new Refused("unknown_targets");
      await recordAudit(trx, { actor, action: "letter_campaign.create", subject: draft.slug, details: { settings: settingsOf(draft), languages: Object.keys(draft.texts), targets: draft.targetIds.length } });
      return "saved";
    }),
  );
}

/** New settings, texts and targets (the slug never changes: links to it are out in the world). */
export function updateLetterCampaign(db: Kysely<Database>, slug: string, draft: LetterCampaignDraft, actor: Actor): Promise<SaveOutcome> {
  return refusable(() =>
    db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom("letter_campaigns")
        .select(["id", "default_language", "delivery_mode", "daily_cap_per_target", "min_personal_chars", "goal"])
        .where("slug", "=", slug)
        .forUpdate()
        .executeTakeFirst();
      if (!before) return "not_found";
      const { id, ...beforeSettings } = before;
      await trx.updateTable("letter_campaigns").set(settingsOf(draft)).where("id", "=", id).execute();
      if (!(await writeTextsAndTargets(trx, id, draft))) throw new Refused("unknown_targets");
      await recordAudit(trx, {
        actor,
        action: "letter_campaign.update",
        subject: slug,
        details: { before: beforeSettings, after: settingsOf(draft), languages: Object.keys(draft.texts), targets: draft.targetIds.length },
      });
      return "saved";
    }),
  );
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
