import type { Kysely } from "kysely";
import type { Database, PetitionStatus } from "../../../db/schema";
import { createCampaign, updateCampaign, type CampaignWrite } from "../campaign/campaign-editor.service.server";
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

/** The petition's row and its texts' rows, as the draft has them. */
function petitionWrite(draft: PetitionDraft): CampaignWrite {
  return {
    settings: { goal: draft.goal, default_language: draft.defaultLanguage },
    texts: Object.fromEntries(Object.entries(draft.texts).map(([language, t]) => [language, { title: t.title, addressed_to: t.addressedTo, body_markdown: t.body }])),
  };
}

/** A new petition, as a draft: nobody can see or sign it until it is published. */
export function createPetition(db: Kysely<Database>, draft: PetitionDraft, actor: Actor, treatySlug: string) {
  return createCampaign(db, "petition", draft.slug, petitionWrite(draft), actor, treatySlug, { languages: Object.keys(draft.texts), goal: draft.goal });
}

/** New settings and texts for a petition (its slug never changes: links to it are out in the world). */
export function updatePetition(db: Kysely<Database>, slug: string, draft: PetitionDraft, actor: Actor) {
  return updateCampaign(db, "petition", slug, petitionWrite(draft), actor, (before) => ({
    before: { goal: before.goal, defaultLanguage: before.default_language },
    after: { goal: draft.goal, defaultLanguage: draft.defaultLanguage, languages: Object.keys(draft.texts) },
  }));
}

/** Publishes a draft or closes a live petition, only along draft → live → closed. */
export function movePetition(db: Kysely<Database>, slug: string, to: PetitionStatus, actor: Actor, now: Date) {
  return moveCampaign(db, "petition", slug, to, actor, now);
}
