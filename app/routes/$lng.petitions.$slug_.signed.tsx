import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ShareLinks } from "~/components/ShareLinks";
import { FollowOffer } from "~/components/follow/FollowOffer";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { countryNameOverrides, serverT } from "~/lib/i18n/translate.server";
import { canonicalCountrySegment, parseCountryCode } from "~/modules/country/country";
import { countryOptions } from "~/modules/country/country-options.server";
import { getPetitionView } from "~/modules/petition/petition-page.service.server";
import { followOfferView } from "~/web/follow-route.server";

const REFERRAL_CODE = /^[A-Za-z0-9_-]{6,32}$/u;

/**
 * After signing: check your email, then share with your own referral code and
 * take the next step for your country. Shows nothing about the signature itself,
 * so the page is the same whether or not the address had signed before; and
 * offers to follow the country they signed from (its form is empty: the page
 * never knows who signed).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const overrides = countryNameOverrides(lng);
  const view = await getPetitionView(context.db, params.slug ?? "", lng, overrides, { petitionCacheMs: context.config.caches.petitionMs });
  if (!view) throw new Response(null, { status: 404, statusText: "Not Found" });
  const url = new URL(request.url);
  const ref = url.searchParams.get("ref") ?? "";
  const code = parseCountryCode(url.searchParams.get("country") ?? "");
  const country = code ? (await countryOptions(context.db, lng, overrides)).find((c) => c[code.alphabet === "alpha3" ? "code3" : "code2"] === code.code) : undefined;
  const petitionUrl = `${context.config.server.publicUrl}/${lng}/petitions/${view.petition.slug}`;
  return {
    lng,
    slug: view.petition.slug,
    title: view.title,
    shareUrl: REFERRAL_CODE.test(ref) ? `${petitionUrl}?ref=${encodeURIComponent(ref)}` : petitionUrl,
    country: country ? { name: country.name, segment: canonicalCountrySegment(country.code3) } : null,
    referral: REFERRAL_CODE.test(ref) ? ref : null,
    follow: await followOfferView(context, lng, country ? country.code3 : null),
    pageTitle: `${serverT(lng)("petitions:signed.title")} · ${view.title}`,
  };
}

// The follow form carries a fresh form token (it times the fill-in): not for shared caches.
export const headers: HeadersFunction = ({ errorHeaders }) => errorHeaders ?? { "Cache-Control": "private, no-cache" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle }, { name: "robots", content: "noindex" }];

export default function SignedPage() {
  const { lng, slug, title, shareUrl, country, referral, follow } = useLoaderData<typeof loader>();
  const { t } = useTranslation("petitions");
  return (
    <section className="signed" aria-labelledby="signed-title">
      <h1 id="signed-title">{t("signed.title")}</h1>
      <p className="lead" role="status">
        {t("signed.checkEmail", { title })}
      </p>
      <p>{t("signed.notArrived")}</p>
      <ShareLinks url={shareUrl} text={title} />
      <h2>{t("signed.nextTitle")}</h2>
      <ul className="next-actions">
        {country ? (
          <li>
            <Link to={`/${lng}/countries/${country.segment}`}>{t("signed.countryAction", { country: country.name })}</Link>
          </li>
        ) : null}
        <li>
          <Link to={`/${lng}/petitions/${slug}`}>{t("signed.backToPetition")}</Link>
        </li>
      </ul>
      <FollowOffer lng={lng} offer={follow} keep={referral ? { ref: referral } : {}} />
    </section>
  );
}
