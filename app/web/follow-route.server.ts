import type { AppLoadContext } from "@remix-run/node";
import { countryNameOverrides } from "../lib/i18n/translate.server";
import { canonicalCountrySegment } from "../modules/country/country";
import { countryOptions } from "../modules/country/country-options.server";
import type { Language } from "../lib/i18n/languages";
import { countryName } from "../modules/country/country-names";
import type { FollowOfferView } from "../modules/follow/follow-form";
import { followOffer, type FollowSubmitContext } from "../modules/follow/follow.service.server";

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

/** The follow offer of the pages after signing and writing: the country of `code` with its form, or the list to choose from. */
export async function followOfferView(context: AppLoadContext, lng: Language, code: string | null): Promise<FollowOfferView> {
  const offer = await followOffer(context.readDb, { treatySlug: context.config.treaty.slug, code, now: new Date(), secrets: context.config.server.sessionSecrets });
  if (offer.kind === "country") return { country: { segment: offer.segment, name: countryNameIn(lng, offer.code2), formToken: offer.formToken }, countries: [] };
  const countries = await countryOptions(context.readDb, lng, countryNameOverrides(lng));
  return { country: null, countries: countries.map((c) => ({ segment: canonicalCountrySegment(c.code3), name: c.name })) };
}
