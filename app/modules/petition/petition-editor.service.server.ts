import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, PetitionStatus } from "../../../db/schema";
import { findTreatyBySlug } from "../country/country.repo.server";
import { recordAudit } from "../audit/audit.repo.server";
import { moveCampaign, type Actor } from "../campaign/campaign-status.service.server";
import type { PetitionDraft } from "./petition-editor";

/** A petition as its editor shows it: settings and every text it has. */
export async function petitionForEditing(db: Kysely<Database>, slug: string) {
  const petition = await db.selectFrom("petitions").select(["id", "slug", "status", "default_language", "goal"]).where("slug", "=", slug).executeTakeFirst();
  if (!petition) return null;
  const rows = await db.selectFrom("petition_texts").select(["language", "title", "addressed_to", "body_markdown"]).where("petition_id", "=", petition.id).execute();
  const texts = Object.fromEntries(rows.map((r) => [r.language, { title: r.title, addressedTo: r.addressed_to, body: r.body_markdown }]));
  return { ...petition, texts };
}

async function writeTexts(trx: Transaction<Database>, petitionId: number, texts: PetitionDraft["texts"]) {
  // A language whose fields were all cleared is no longer offered.
  await trx.deleteFrom("petition_texts").where("petition_id", "=", petitionId).where("language", "not in", Object.keys(texts)).execute();
  for (const [language, text] of Object.entries(texts)) {
    const values = { title: text.title, addressed_to: text.addressedTo, body_markdown: text.body };
    await trx
      .insertInto("petition_texts")
      .values({ petition_id: petitionId, language, ...values })
      .onConflict((oc) => oc.columns(["petition_id", "language"]).doUpdateSet({ ...values, updated_at: sql`now()` }))
      .execute();
  }
}

/** A new petition, as a draft: nobody can see or sign it until it is published. */
export async function createPetition(db: Kysely<Database>, draft: PetitionDraft, actor: Actor, treatySlug: string): Promise<"created" | "slug_taken"> {
  return db.transaction().execute(async (trx) => {
    const treaty = await findTreatyBySlug(trx, treatySlug);
    const row = await trx
      .insertInto("petitions")
      .values({ slug: draft.slug, default_language: draft.defaultLanguage, goal: draft.goal, treaty_id: treaty?.id ?? null })
      .onConflict((oc) => oc.column("slug").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return "slug_taken";
    await writeTexts(trx, row.id, draft.texts);
    await recordAudit(trx, { actor, action: "petition.create", subject: draft.slug, details: { languages: Object.keys(draft.texts), goal: draft.goal } });
    return "created";
  });
}

/** New settings and texts for a petition (its slug never changes: links to it are out in the world). */
export async function updatePetition(db: Kysely<Database>, slug: string, draft: PetitionDraft, actor: Actor): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const petition = await trx.selectFrom("petitions").select(["id", "goal", "default_language"]).where("slug", "=", slug).forUpdate().executeTakeFirst();
    if (!petition) return false;
    await trx.updateTable("petitions").set({ goal: draft.goal, default_language: draft.defaultLanguage }).where("id", "=", petition.id).execute();
    await writeTexts(trx, petition.id, draft.texts);
    await recordAudit(trx, {
      actor,
      action: "petition.update",
      subject: slug,
      details: { before: { goal: petition.goal, defaultLanguage: petition.default_language }, after: { goal: draft.goal, defaultLanguage: draft.defaultLanguage, languages: Object.keys(draft.texts) } },
    });
    return true;
  });
}

/** Publishes a draft or closes a live petition, only along draft → live → closed. */
export function movePetition(db: Kysely<Database>, slug: string, to: PetitionStatus, actor: Actor, now: Date) {
  return moveCampaign(db, "petition", slug, to, actor, now);
}
