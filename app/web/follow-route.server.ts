import type { AppLoadContext } from "@remix-run/node";
import { countryNameOverrides } from "../lib/i18n/translate.server";
import type { Language } from "../lib/i18n/languages";
import { countryName } from "../modules/country/country-names";
import type { FollowSubmitContext } from "../modules/follow/follow.service.server";

/** A country's name in a language, with the locale files' overrides (the EU). */
export const countryNameIn = (lng: Language, code2: string) => countryName(lng, code2, countryNameOverrides(lng));

/** What the follow service needs of a request: the signing rules, secrets, the client, the time. */
export function followContext(context: AppLoadContext): FollowSubmitContext {
  return {
    config: context.config.signing,
    secrets: context.config.server.sessionSecrets,
    clientAddress: context.clientAddress,
    now: new Date(),
    countryNameIn,
  };
}
