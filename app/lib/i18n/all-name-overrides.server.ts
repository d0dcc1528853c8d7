import { SUPPORTED_LANGUAGES } from "./languages";
import { countryNameOverrides } from "./translate.server";

/** Country-name overrides of every language, for search and the API. */
export function allCountryNameOverrides(): Record<string, Record<string, string>> {
  return Object.fromEntries(SUPPORTED_LANGUAGES.map((lng) => [lng, countryNameOverrides(lng)]));
}
