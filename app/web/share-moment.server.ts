import type { AppLoadContext } from "@remix-run/node";
import { countryNameOverrides } from "../lib/i18n/translate.server";
import type { Language } from "../lib/i18n/languages";
import { publicCampaignTitle } from "../modules/campaign/campaign-asks.service.server";
import { readReferralCode } from "../modules/campaign/referral-code";
import { canonicalCountrySegment, parseCountryCode } from "../modules/country/country";
import { countryOptions } from "../modules/country/country-options.server";
import { nextActionsAfter } from "../modules/share/next-actions.service.server";
import { shareUrl, type SharedCampaign } from "../modules/share/share-links";
import { followOfferView } from "./follow-route.server";

/**
 * What a page after an action (signed, written, confirmed) shows to share and do next: the
 * campaign's title and the link to share, with the person's referral code; their country, when
 * known (any code alphabet); and the next steps that fit (`followFormShown`: the page has the
 * follow form of its own). Null when the campaign is not public.
 */
export async function shareMomentView(
  context: AppLoadContext,
  lng: Language,
  done: SharedCampaign,
  input: { ref: unknown; country: string | null; followFormShown: boolean },
) {
  const campaign = await publicCampaignTitle(context.readDb, done.kind, done.slug, lng);
  if (!campaign) return null;
  const code = parseCountryCode(input.country ?? "");
  const found = code ? (await countryOptions(context.readDb, lng, countryNameOverrides(lng))).find((c) => c[code.alphabet === "alpha3" ? "code3" : "code2"] === code.code) : undefined;
  const country = found ? { code3: found.code3, segment: canonicalCountrySegment(found.code3), name: found.name } : null;
  const next = await nextActionsAfter(context.readDb, { treatySlug: context.config.treaty.slug, lng, done, country, followFormShown: input.followFormShown });
  return { ...campaign, shareUrl: shareUrl(context.config.server.publicUrl, lng, done, input.ref), referral: readReferralCode(input.ref), country, next };
}

/**
 * The page right after signing or writing (`…/signed`, `…/sent`): the share moment for the code and
 * country the action's redirect put in the URL, and the page's own follow form for that country.
 * Null when the campaign is not public.
 */
export async function afterActionView(context: AppLoadContext, request: Request, lng: Language, done: SharedCampaign) {
  const url = new URL(request.url);
  const moment = await shareMomentView(context, lng, done, { ref: url.searchParams.get("ref"), country: url.searchParams.get("country"), followFormShown: true });
  return moment ? { ...moment, follow: await followOfferView(context, lng, moment.country?.code3 ?? null) } : null;
}
