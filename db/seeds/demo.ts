import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql, type Kysely } from "kysely";
import type { Database, PetitionStatus } from "../schema";
import { importTargets } from "../../app/modules/letter/target-import.service.server";
import { upsertChanged, type UpsertCount } from "./upsert";

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
  const path = fileURLToPath(new URL("demo/petitions.json", import.meta.url));
  return (JSON.parse(readFileSync(path, "utf8")) as { petitions: DemoPetition[] }).petitions;
}

export async function seedDemoContent(db: Kysely<Database>): Promise<Record<string, UpsertCount>> {
  const petitions = await seedDemoPetitions(db);
  // Demo targets at reserved example domains, marked as demo: letters to them go nowhere real.
  const targets = await importTargets(db, readFileSync(fileURLToPath(new URL("demo/targets.csv", import.meta.url)), "utf8"), { demo: true });
  if (targets.problems.length > 0) throw new Error(`demo/targets.csv: ${JSON.stringify(targets.problems)}`);
  return { ...petitions, targets: { inserted: targets.inserted, updated: targets.updated } };
}

async function seedDemoPetitions(db: Kysely<Database>): Promise<Record<string, UpsertCount>> {
  return db.transaction().execute(async (trx) => {
    const report: Record<string, UpsertCount> = { petitions: { inserted: 0, updated: 0 }, petition_texts: { inserted: 0, updated: 0 } };
    for (const demo of demoPetitions()) {
      const treaty = await trx.selectFrom("treaties").select("id").where("slug", "=", demo.treaty).executeTakeFirst();
      const inserted = await trx
        .insertInto("petitions")
        .values({
          slug: demo.slug,
          treaty_id: treaty?.id ?? null,
          status: demo.status,
          default_language: demo.defaultLanguage,
          goal: demo.goal,
          opened_at: demo.status === "draft" ? null : sql<Date>`now()`,
        })
        .onConflict((oc) => oc.column("slug").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (inserted) report.petitions!.inserted++;
      const { id } = await trx.selectFrom("petitions").select("id").where("slug", "=", demo.slug).executeTakeFirstOrThrow();
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
