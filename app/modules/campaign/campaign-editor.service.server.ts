import { sql, type Insertable, type Kysely, type Transaction } from "kysely";
import type { Database, PetitionTextsTable } from "../../../db/schema";
import { recordAudit } from "../audit/audit.repo.server";
import { findTreatyBySlug } from "../country/country.repo.server";
import { asPetitionTables, CAMPAIGN_TABLES, type CampaignKind } from "./campaign-tables";
import type { Actor } from "./campaign-status.service.server";

/** Columns by name, as one kind of campaign's table has them. */
type Columns = Record<string, unknown>;

/**
 * What a campaign editor writes: the campaign row's settings (its default
 * language, goal and what only this kind has), the text table's columns per
 * language offered, and what else is saved with it (`alsoWrite`, e.g. a letter
 * campaign's targets), which may refuse the whole save by returning false.
 */
export interface CampaignWrite {
  settings: { default_language: string; goal: number | null } & Columns;
  texts: Record<string, Columns>;
  alsoWrite?: (trx: Transaction<Database>, campaignId: number) => Promise<boolean>;
}

export type SaveOutcome = "saved" | "slug_taken" | "not_found" | "refused";

/** Rolls the transaction back: nothing partial is stored. */
class Refused extends Error {}

async function refusable(work: () => Promise<SaveOutcome>): Promise<SaveOutcome> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refused) return "refused";
    throw error;
  }
}

async function writeTextsAndMore(trx: Transaction<Database>, kind: CampaignKind, campaignId: number, write: CampaignWrite) {
  const { texts, owner } = asPetitionTables(CAMPAIGN_TABLES[kind]);
  // A language whose fields were all cleared is no longer offered.
  await trx.deleteFrom(texts).where(owner, "=", campaignId).where("language", "not in", Object.keys(write.texts)).execute();
  for (const [language, values] of Object.entries(write.texts)) {
    await trx
      .insertInto(texts)
      .values({ [owner]: campaignId, language, ...values } as Insertable<PetitionTextsTable>)
      .onConflict((oc) => oc.columns([owner, "language"]).doUpdateSet({ ...values, updated_at: sql`now()` }))
      .execute();
  }
  if (write.alsoWrite && !(await write.alsoWrite(trx, campaignId))) throw new Refused();
}

/** A new campaign about the treaty `treatySlug`, as a draft: nobody can see it, sign or write until it is published. */
export function createCampaign(
  db: Kysely<Database>,
  kind: CampaignKind,
  slug: string,
  write: CampaignWrite,
  actor: Actor,
  treatySlug: string,
  details: Columns,
): Promise<SaveOutcome> {
  const { campaigns } = asPetitionTables(CAMPAIGN_TABLES[kind]);
  return refusable(() =>
    db.transaction().execute(async (trx) => {
      const treaty = await findTreatyBySlug(trx, treatySlug);
      const row = await trx
        .insertInto(campaigns)
        .values({ slug, treaty_id: treaty?.id ?? null, ...write.settings })
        .onConflict((oc) => oc.column("slug").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!row) return "slug_taken";
      await writeTextsAndMore(trx, kind, row.id, write);
      await recordAudit(trx, { actor, action: `${kind}.create`, subject: slug, details });
      return "saved";
    }),
  );
}

/**
 * New settings and texts for a campaign (its slug never changes: links to it
 * are out in the world). `details` makes the audit line from the settings as
 * they were.
 */
export function updateCampaign(
  db: Kysely<Database>,
  kind: CampaignKind,
  slug: string,
  write: CampaignWrite,
  actor: Actor,
  details: (before: Columns) => Columns,
): Promise<SaveOutcome> {
  const { campaigns } = asPetitionTables(CAMPAIGN_TABLES[kind]);
  // The settings' columns, typed as one both tables have.
  const settingNames = Object.keys(write.settings) as "goal"[];
  return refusable(() =>
    db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom(campaigns).select(["id", ...settingNames]).where("slug", "=", slug).forUpdate().executeTakeFirst();
      if (!before) return "not_found";
      const { id, ...settings } = before;
      await trx.updateTable(campaigns).set(write.settings).where("id", "=", id).execute();
      await writeTextsAndMore(trx, kind, id, write);
      await recordAudit(trx, { actor, action: `${kind}.update`, subject: slug, details: details(settings) });
      return "saved";
    }),
  );
}
