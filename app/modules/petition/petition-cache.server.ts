import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { findPetitionBySlug, petitionTexts, type PetitionRow } from "./petition.repo.server";
import type { LocalizedText } from "./petition-text";

/**
 * Organizer edits reach every process within this (PETITION_CACHE_MS, default
 * 2000); the status is checked again when a signature is written.
 */
const cacheMs = () => Number(process.env.PETITION_CACHE_MS ?? 2000);

interface Entry {
  petition: PetitionRow;
  texts: LocalizedText[];
  loadedAt: number;
}

const entries = new Map<string, Entry>();

/**
 * A petition and its texts, read from the database at most every two seconds
 * per process: on a viral day every view and signature needs them, and they
 * change only when an organizer edits. Unknown slugs are never cached.
 */
export async function cachedPetition(db: Kysely<Database>, slug: string, now = Date.now()): Promise<Omit<Entry, "loadedAt"> | null> {
  const hit = entries.get(slug);
  if (hit && now - hit.loadedAt < cacheMs()) return hit;
  const petition = await findPetitionBySlug(db, slug);
  if (!petition) {
    entries.delete(slug);
    return null;
  }
  const entry = { petition, texts: await petitionTexts(db, petition.id), loadedAt: now };
  entries.set(slug, entry);
  return entry;
}
