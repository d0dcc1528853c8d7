import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FollowOffer } from "~/components/follow/FollowOffer";
import { ShareLinks } from "~/components/ShareLinks";
import { NextActions } from "~/components/share/NextActions";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { serverT } from "~/lib/i18n/translate.server";
import { afterActionView } from "~/web/share-moment.server";

/**
 * After writing: the letter waits for the sender's confirmation by mail; meanwhile, share the
 * campaign with the writer's own referral code, sign the petition, follow the country written from.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const view = await afterActionView(context, request, lng, { kind: "letter_campaign", slug: params.slug ?? "" });
  if (!view) throw new Response(null, { status: 404, statusText: "Not Found" });
  return {
    lng,
    ...view,
    pageTitle: `${serverT(lng)("letters:sent.title")} · ${serverT(lng)("common:siteName")}`,
  };
}

// The follow form carries a fresh form token (it times the fill-in): not for shared caches.
// The signer's or writer's own page: it carries their referral code. Nobody stores it.
export const headers: HeadersFunction = ({ errorHeaders }) => errorHeaders ?? { "Cache-Control": "private, no-store" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle }, { name: "robots", content: "noindex" }];

export default function LetterSent() {
  const { lng, slug, title: campaignTitle, shareUrl, next, follow, referral } = useLoaderData<typeof loader>();
  const { t } = useTranslation("letters");
  return (
    <section className="signed" aria-labelledby="sent-title">
      <h1 id="sent-title">{t("sent.title")}</h1>
      <p className="lead" role="status">
        {t("sent.body")}
      </p>
      <ShareLinks lng={lng} url={shareUrl} text={campaignTitle} />
      <NextActions lng={lng} actions={next} />
      <FollowOffer lng={lng} offer={follow} keep={referral ? { ref: referral } : {}} />
      <p>
        <Link to={`/${lng}/letters/${slug}`}>{t("sent.back")}</Link>
      </p>
    </section>
  );
}
