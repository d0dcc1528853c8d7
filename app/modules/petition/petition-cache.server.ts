import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { findPetitionBySlug, petitionTexts, type PetitionRow } from "./petition.repo.server";
import type { LocalizedText } from "./petition-text";

interface Entry {
  petition: PetitionRow;
  texts: LocalizedText[];
  loadedAt: number;
}

const entries = new Map<string, Entry>();

/**
 * A petition and its texts, read from the database at most every `cacheMs`
 * per process: on a viral day every view and signature needs them, and they
 * change only when an organizer edits. Organizer edits reach every process
 * within `cacheMs` (PETITION_CACHE_MS); the status is checked again when a
 * signature is written. Unknown slugs are never cached.
 */
export async function cachedPetition(db: Kysely<Database>, slug: string, cacheMs: number, now = Date.now()): Promise<Omit<Entry, "loadedAt"> | null> {
  const hit = entries.get(slug);
  if (hit && now - hit.loadedAt < cacheMs) return hit;
  const petition = await findPetitionBySlug(db, slug);
  if (!petition) {
    entries.delete(slug);
    return null;
  }
  const entry = { petition, texts: await petitionTexts(db, petition.id), loadedAt: now };
  entries.set(slug, entry);
  return entry;
}
