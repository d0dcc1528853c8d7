import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { countOf } from "../campaign/counter.server";
import { countryName } from "../country/country-names";
import { countryOptions, type CountryOption } from "../country/country-options.server";
import { renderPetitionMarkdown } from "./markdown.server";
import { cachedPetition } from "./petition-cache.server";
import { countsByCountry, recentPublicSigners, type PetitionRow } from "./petition.repo.server";
import { progressOf, type Progress } from "../campaign/campaign-progress";
import { pickText } from "../campaign/campaign-text";
import { asksByCountry, type AsksByCountry } from "../campaign/campaign-asks.service.server";
import { publicFirstName } from "./petition-text";

export const RECENT_SIGNERS = 8;

export interface PetitionView {
  petition: PetitionRow;
  title: string;
  bodyHtml: string;
  addressedTo: string;
  /** The language the words are in; differs from the page's when it fell back. */
  textLanguage: string;
  fallback: boolean;
  progress: Progress;
  byCountry: { code3: string; name: string; count: number }[];
  recentSigners: { firstName: string; country: string; confirmedAt: string }[];
  countries: CountryOption[];
  /** What the petition asks of each country now: the browser shows the visitor's likely country its ask. */
  countryAsks: AsksByCountry | null;
}

/**
 * A public petition (live or closed) with everything its page shows. Drafts
 * are not public: only an organizer's preview (`includeDraft`) shows them.
 */
export async function getPetitionView(
  db: Kysely<Database>,
  slug: string,
  lng: string,
  nameOverrides: Record<string, string>,
  {
    includeDraft = false,
    petitionCacheMs,
    withCountryAsks = false,
    now = new Date(),
  }: { includeDraft?: boolean; petitionCacheMs: number; withCountryAsks?: boolean; now?: Date },
): Promise<PetitionView | null> {
  const cached = await cachedPetition(db, slug, petitionCacheMs);
  if (!cached || (cached.petition.status === "draft" && !includeDraft)) return null;
  const { petition, texts } = cached;
  const [count, byCountry, recent, countries] = await Promise.all([
    countOf(db, "signatures", petition.id),
    countsByCountry(db, petition.id),
    recentPublicSigners(db, petition.id, RECENT_SIGNERS),
    countryOptions(db, lng, nameOverrides),
  ]);
  const picked = pickText(texts, lng, petition.defaultLanguage);
  if (!picked) return null;
  const countryAsks = withCountryAsks ? await asksByCountry(db, "petition", petition, lng, now) : null;
  return {
    petition,
    title: picked.text.title,
    bodyHtml: renderPetitionMarkdown(picked.text.bodyMarkdown),
    addressedTo: picked.text.addressedTo,
    textLanguage: picked.text.language,
    fallback: picked.fallback,
    progress: progressOf(count.confirmed, petition.goal),
    byCountry: byCountry.map((c) => ({ code3: c.code3, name: countryName(lng, c.code2, nameOverrides), count: c.count })),
    recentSigners: recent.map((s) => ({
      firstName: publicFirstName(s.name),
      country: countryName(lng, s.code2, nameOverrides),
      confirmedAt: new Date(s.confirmed_at ?? 0).toISOString(),
    })),
    countries,
    countryAsks,
  };
}

export interface PetitionApiView {
  slug: string;
  status: "live" | "closed";
  goal: number | null;
  confirmedSignatures: number;
  byCountry: { code: string; count: number }[];
  languages: string[];
  /** Counts are folded in every few seconds; this is when it last happened. */
  countedAt: string | null;
}

/** The public JSON: counts only, never a person. */
export async function getPetitionApiView(db: Kysely<Database>, slug: string, petitionCacheMs: number): Promise<PetitionApiView | null> {
  const cached = await cachedPetition(db, slug, petitionCacheMs);
  if (!cached) return null;
  const { petition, texts } = cached;
  if (petition.status === "draft") return null;
  const [counts, byCountry] = await Promise.all([
    countOf(db, "signatures", petition.id),
    countsByCountry(db, petition.id),
  ]);
  return {
    slug: petition.slug,
    status: petition.status,
    goal: petition.goal,
    confirmedSignatures: counts.confirmed,
    byCountry: byCountry.map((c) => ({ code: c.code3, count: c.count })),
    languages: texts.map((t) => t.language).sort(),
    countedAt: counts.updatedAt?.toISOString() ?? null,
  };
}
