import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ShareLinks } from "~/components/ShareLinks";
import { NextActions } from "~/components/share/NextActions";
import { FollowOffer } from "~/components/follow/FollowOffer";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { serverT } from "~/lib/i18n/translate.server";
import { afterActionView } from "~/web/share-moment.server";

/**
 * After signing: check your email, then share with your own referral code and
 * take the next step (write to your government, follow your country). Shows
 * nothing about the signature itself, so the page is the same whether or not
 * the address had signed before; and offers to follow the country they signed
 * from (its form is empty: the page never knows who signed).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const view = await afterActionView(context, request, lng, { kind: "petition", slug: params.slug ?? "" });
  if (!view) throw new Response(null, { status: 404, statusText: "Not Found" });
  return {
    lng,
    ...view,
    pageTitle: `${serverT(lng)("petitions:signed.title")} · ${view.title}`,
  };
}

// The follow form carries a fresh form token (it times the fill-in): not for shared caches.
// The signer's or writer's own page: it carries their referral code. Nobody stores it.
export const headers: HeadersFunction = ({ errorHeaders }) => errorHeaders ?? { "Cache-Control": "private, no-store" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle }, { name: "robots", content: "noindex" }];

export default function SignedPage() {
  const { lng, slug, title, shareUrl, country, referral, follow, next } = useLoaderData<typeof loader>();
  const { t } = useTranslation("petitions");
  return (
    <section className="signed" aria-labelledby="signed-title">
      <h1 id="signed-title">{t("signed.title")}</h1>
      <p className="lead" role="status">
        {t("signed.checkEmail", { title })}
      </p>
      <p>{t("signed.notArrived")}</p>
      <ShareLinks lng={lng} url={shareUrl} text={title} />
      <NextActions lng={lng} actions={next} />
      <FollowOffer lng={lng} offer={follow} keep={referral ? { ref: referral } : {}} />
      <ul className="next-actions more-actions">
        {country ? (
          <li>
            <Link to={`/${lng}/countries/${country.segment}`}>{t("signed.countryAction", { country: country.name })}</Link>
          </li>
        ) : null}
        <li>
          <Link to={`/${lng}/petitions/${slug}`}>{t("signed.backToPetition")}</Link>
        </li>
      </ul>
    </section>
  );
}
