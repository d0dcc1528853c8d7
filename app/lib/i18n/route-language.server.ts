import type { Params } from "@remix-run/react";
import { isSupportedLanguage, type Language } from "./languages";

/** The page's language from `/:lng/…`; an unknown prefix is a 404. */
export function requireLanguage(params: Params): Language {
  if (!isSupportedLanguage(params.lng)) throw new Response(null, { status: 404, statusText: "Not Found" });
  return params.lng;
}
