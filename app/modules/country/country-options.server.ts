import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { collatorFor } from "../../lib/i18n/format";
import { TtlCache } from "../../lib/ttl-cache";
import { countryName } from "./country-names";

export interface CountryOption {
  code3: string;
  code2: string;
  name: string;
}

interface CountryCodes {
  rows: { code3: string; code2: string }[];
  known: ReadonlySet<string>;
  /** The options named and sorted per language, made from these rows when first asked for. */
  byLanguage: Map<string, CountryOption[]>;
}

/** Reference data: one entry, read again every ten minutes (with it go the named options). */
const codes = new TtlCache<"countries", CountryCodes>({ max: 1, ttlMs: 10 * 60 * 1000 });

/**
 * Every country a person may say they live in, named and sorted in `lng`:
 * reference data read once per process per ten minutes, since sign forms on
 * a busy day must not ask the database for it on every view.
 */
export async function countryOptions(db: Kysely<Database>, lng: string, overrides: Record<string, string>): Promise<CountryOption[]> {
  const { rows, byLanguage } = await countryCodes(db);
  const cached = byLanguage.get(lng);
  if (cached) return cached;
  const collator = collatorFor(lng);
  const options = rows
    .map((c) => ({ code3: c.code3, code2: c.code2, name: countryName(lng, c.code2, overrides) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  byLanguage.set(lng, options);
  return options;
}

async function countryCodes(db: Kysely<Database>): Promise<CountryCodes> {
  return codes.get("countries", async () => {
    const rows = await db.selectFrom("countries").select(["code3", "code2"]).execute();
    return { rows, known: new Set(rows.map((r) => r.code3)), byLanguage: new Map<string, CountryOption[]>() };
  });
}

/** The alpha-3 codes a form may name (same cache as the options). */
export async function knownCountryCodes(db: Kysely<Database>): Promise<ReadonlySet<string>> {
  return (await countryCodes(db)).known;
}

/** Alpha-3 → alpha-2 of every country (same cache): the API gives countries as alpha-2, a page of people at a time. */
export async function alpha2ByAlpha3(db: Kysely<Database>): Promise<ReadonlyMap<string, string>> {
  const cached = await countryCodes(db);
  return new Map(cached.rows.map((c) => [c.code3.trim(), c.code2.trim()]));
}
