import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { TtlCache } from "../../lib/ttl-cache";
import { findPetitionBySlug, petitionTexts, type PetitionRow } from "./petition.repo.server";
import type { LocalizedText } from "./petition-text";

interface Entry {
  petition: PetitionRow;
  texts: LocalizedText[];
}

/** Unknown slugs are never kept, so only petitions that exist take a place. */
const entries = new TtlCache<string, Entry>({ max: 1000 });

/**
 * A petition and its texts, read from the database at most every `cacheMs`
 * per process: on a viral day every view and signature needs them, and they
 * change only when an organizer edits. Organizer edits reach every process
 * within `cacheMs` (PETITION_CACHE_MS); the status is checked again when a
 * signature is written. Unknown slugs are never cached.
 */
export async function cachedPetition(db: Kysely<Database>, slug: string, cacheMs: number): Promise<Entry | null> {
  const load = async () => {
    const petition = await findPetitionBySlug(db, slug);
    return petition ? { petition, texts: await petitionTexts(db, petition.id) } : undefined;
  };
  return (await entries.get(slug, load, cacheMs)) ?? null;
}
