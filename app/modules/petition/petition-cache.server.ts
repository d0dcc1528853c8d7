import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { TtlCache } from "../../lib/ttl-cache";
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
}

/** Unknown slugs are never kept, so only petitions that exist take a place. */
const entries = new TtlCache<string, Entry>({ max: 1000, ttlMs: cacheMs });

/**
 * A petition and its texts, read from the database at most every two seconds
 * per process: on a viral day every view and signature needs them, and they
 * change only when an organizer edits. Unknown slugs are never cached.
 */
export async function cachedPetition(db: Kysely<Database>, slug: string): Promise<Entry | null> {
  const entry = await entries.get(slug, async () => {
    const petition = await findPetitionBySlug(db, slug);
    return petition ? { petition, texts: await petitionTexts(db, petition.id) } : undefined;
  });
  return entry ?? null;
}
