import type { Kysely } from "kysely";
import type { Database, PetitionStatus } from "../../../db/schema";
import { pickText } from "../campaign/campaign-text";
import { cachedPetition } from "./petition-cache.server";

export interface PetitionLogPage {
  slug: string;
  status: PetitionStatus;
  title: string;
  /** The language the title is in; differs from the page's when it fell back. */
  textLanguage: string;
  fallback: boolean;
}

/** What the page about a petition's signature log names: a public petition (live or closed), never a draft. */
export async function petitionForLogPage(db: Kysely<Database>, slug: string, lng: string, petitionCacheMs: number): Promise<PetitionLogPage | null> {
  const cached = await cachedPetition(db, slug, petitionCacheMs);
  if (!cached || cached.petition.status === "draft") return null;
  const picked = pickText(cached.texts, lng, cached.petition.defaultLanguage);
  if (!picked) return null;
  return { slug: cached.petition.slug, status: cached.petition.status, title: picked.text.title, textLanguage: picked.text.language, fallback: picked.fallback };
}
