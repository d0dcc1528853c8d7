import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { collatorFor } from "../../lib/i18n/format";
import { countryName } from "./country-names";

export interface CountryOption {
  code3: string;
  code2: string;
  name: string;
}

const LIFETIME_MS = 10 * 60 * 1000;
let codes: { rows: { code3: string; code2: string }[]; known: ReadonlySet<string>; loadedAt: number } | undefined;
const byLanguage = new Map<string, { options: CountryOption[]; loadedAt: number }>();

/**
 * Every country a person may say they live in, named and sorted in `lng`:
 * reference data read once per process per ten minutes, since sign forms on
 * a busy day must not ask the database for it on every view.
 */
export async function countryOptions(db: Kysely<Database>, lng: string, overrides: Record<string, string>, now = Date.now()): Promise<CountryOption[]> {
  const { rows } = await countryCodes(db, now);
  const cached = byLanguage.get(lng);
  if (cached) return cached.options;
  const collator = collatorFor(lng);
  const options = rows
    .map((c) => ({ code3: c.code3, code2: c.code2, name: countryName(lng, c.code2, overrides) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  byLanguage.set(lng, { options, loadedAt: now });
  return options;
}

async function countryCodes(db: Kysely<Database>, now = Date.now()) {
  if (!codes || now - codes.loadedAt > LIFETIME_MS) {
    const rows = await db.selectFrom("countries").select(["code3", "code2"]).execute();
    codes = { rows, known: new Set(rows.map((r) => r.code3)), loadedAt: now };
    byLanguage.clear();
  }
  return codes;
}

/** The alpha-3 codes a form may name (same cache as the options). */
export async function knownCountryCodes(db: Kysely<Database>): Promise<ReadonlySet<string>> {
  return (await countryCodes(db)).known;
}
