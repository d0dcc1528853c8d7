import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql, type Insertable, type Kysely, type Transaction } from "kysely";
import type { Database, PetitionStatus } from "../db/schema";
import { importTargets } from "../app/modules/letter/target-import.service.server";
import { SEEDS_DIR } from "../db/seeds/read-csv";
import { upsertChanged, type UpsertCount } from "../db/seeds/upsert";

/**
 * Demo content for a local trial (and `npm run db:seed -- --demo`): a live
 * petition in all six languages and demo letter targets at example.org.
 * Safe to run again; an existing campaign's status and goal are left as
 * organizers set them.
 */
interface DemoPetition {
  slug: string;
  treaty: string;
  status: PetitionStatus;
  defaultLanguage: string;
  goal: number;
  texts: Record<string, { title: string; addressedTo: string; body: string }>;
}

function demoPetitions(): DemoPetition[] {
  const path = join(SEEDS_DIR, "demo", "petitions.json");
  return (JSON.parse(readFileSync(path, "utf8")) as { petitions: DemoPetition[] }).petitions;
}

export async function seedDemoContent(db: Kysely<Database>): Promise<Record<string, UpsertCount>> {
  const petitions = await seedDemoPetitions(db);
  // Demo targets at reserved example domains, marked as demo: letters to them go nowhere real.
  // Two (France's minister, the United States' mission) have their address marked public, as
  // offices publish theirs: a trial shows the "own mail app" link for them and not for the others.
  const targets = await importTargets(db, readFileSync(join(SEEDS_DIR, "demo", "targets.csv"), "utf8"), { demo: true });
  if (targets.problems.length > 0) throw new Error(`demo/targets.csv: ${JSON.stringify(targets.problems)}`);
  const letters = await seedDemoLetterCampaigns(db);
  return { ...petitions, targets: { inserted: targets.inserted, updated: targets.updated }, ...letters };
}

interface DemoLetterCampaign {
  slug: string;
  treaty: string;
  status: PetitionStatus;
  defaultLanguage: string;
  deliveryMode: "individual" | "digest";
  dailyCapPerTarget: number;
  minPersonalChars: number;
  texts: Record<string, { title: string; intro: string; subjectVariants: string[]; bodyTemplate: string }>;
}

/** The demo letter campaign writes to every demo target. */
async function seedDemoLetterCampaigns(db: Kysely<Database>): Promise<Record<string, UpsertCount>> {
  const path = join(SEEDS_DIR, "demo", "letter-campaigns.json");
  const campaigns = (JSON.parse(readFileSync(path, "utf8")) as { campaigns: DemoLetterCampaign[] }).campaigns;
  return db.transaction().execute(async (trx) => {
    const report: Record<string, UpsertCount> = { letter_campaigns: { inserted: 0, updated: 0 }, letter_campaign_texts: { inserted: 0, updated: 0 } };
    for (const demo of campaigns) {
      const { id, inserted } = await insertUnlessSlugExists(trx, "letter_campaigns", {
        ...(await campaignBasics(trx, demo)),
        delivery_mode: demo.deliveryMode,
        daily_cap_per_target: demo.dailyCapPerTarget,
        min_personal_chars: demo.minPersonalChars,
      });
      if (inserted) report.letter_campaigns!.inserted++;
      const texts = await upsertChanged(
        trx,
        "letter_campaign_texts",
        Object.entries(demo.texts).map(([language, text]) => ({
          campaign_id: id,
          language,
          title: text.title,
          intro: text.intro,
          // Through text: postgres.js would send a string parameter as a JSON string, not an array.
          subject_variants: sql`${JSON.stringify(text.subjectVariants)}::text::jsonb`,
          body_template: text.bodyTemplate,
        })),
        ["campaign_id", "language"],
        ["title", "intro", "subject_variants", "body_template"],
      );
      report.letter_campaign_texts!.inserted += texts.inserted;
      report.letter_campaign_texts!.updated += texts.updated;
      await trx
        .insertInto("letter_campaign_targets")
        .columns(["campaign_id", "target_id"])
        .expression((eb) => eb.selectFrom("targets").select([sql<number>`${id}`.as("campaign_id"), "id"]).where("is_demo", "=", true))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    return report;
  });
}

async function seedDemoPetitions(db: Kysely<Database>): Promise<Record<string, UpsertCount>> {
  return db.transaction().execute(async (trx) => {
    const report: Record<string, UpsertCount> = { petitions: { inserted: 0, updated: 0 }, petition_texts: { inserted: 0, updated: 0 } };
    for (const demo of demoPetitions()) {
      const { id, inserted } = await insertUnlessSlugExists(trx, "petitions", { ...(await campaignBasics(trx, demo)), goal: demo.goal });
      if (inserted) report.petitions!.inserted++;
      const texts = await upsertChanged(
        trx,
        "petition_texts",
        Object.entries(demo.texts).map(([language, text]) => ({
          petition_id: id,
          language,
          title: text.title,
          addressed_to: text.addressedTo,
          body_markdown: text.body,
        })),
        ["petition_id", "language"],
        ["title", "addressed_to", "body_markdown"],
      );
      report.petition_texts!.inserted += texts.inserted;
      report.petition_texts!.updated += texts.updated;
    }
    return report;
  });
}

/** What every demo campaign row has: slug, treaty, status and language. */
async function campaignBasics(trx: Transaction<Database>, demo: { slug: string; treaty: string; status: PetitionStatus; defaultLanguage: string }) {
  const treaty = await trx.selectFrom("treaties").select("id").where("slug", "=", demo.treaty).executeTakeFirst();
  return {
    slug: demo.slug,
    treaty_id: treaty?.id ?? null,
    status: demo.status,
    default_language: demo.defaultLanguage,
    opened_at: demo.status === "draft" ? null : new Date(),
  };
}

/**
 * Inserts a demo campaign unless one with its slug exists (organizers may have
 * changed its status or goal since), and returns its id either way.
 */
async function insertUnlessSlugExists<T extends "petitions" | "letter_campaigns">(
  trx: Transaction<Database>,
  table: T,
  values: Insertable<Database[T]> & { slug: string },
): Promise<{ id: number; inserted: boolean }> {
  // Kysely cannot type a table chosen at run time; the row type above is checked by callers.
  const untyped = trx as unknown as Kysely<Record<string, { id: number; slug: string }>>;
  const inserted = await untyped
    .insertInto(table as string)
    .values(values as unknown as { id: number; slug: string })
    .onConflict((oc) => oc.column("slug").doNothing())
    .returning("id")
    .executeTakeFirst();
  const { id } = await untyped.selectFrom(table as string).select("id").where("slug", "=", values.slug).executeTakeFirstOrThrow();
  return { id, inserted: inserted !== undefined };
}
