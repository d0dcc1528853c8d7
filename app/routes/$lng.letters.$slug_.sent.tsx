import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FollowOffer } from "~/components/follow/FollowOffer";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { serverT } from "~/lib/i18n/translate.server";
import { followOfferView } from "~/web/follow-route.server";

/** After writing: the letter waits for the sender's confirmation by mail; meanwhile, follow the country written from. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const follow = await followOfferView(context, lng, new URL(request.url).searchParams.get("country"));
  return { lng, slug: params.slug ?? "", follow, title: `${serverT(lng)("letters:sent.title")} · ${serverT(lng)("common:siteName")}` };
}

// The follow form carries a fresh form token (it times the fill-in): not for shared caches.
export const headers: HeadersFunction = ({ errorHeaders }) => errorHeaders ?? { "Cache-Control": "private, no-cache" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: "robots", content: "noindex" }];

export default function LetterSent() {
  const { lng, slug, follow } = useLoaderData<typeof loader>();
  const { t } = useTranslation("letters");
  return (
    <section className="signed" aria-labelledby="sent-title">
      <h1 id="sent-title">{t("sent.title")}</h1>
      <p className="lead" role="status">
        {t("sent.body")}
      </p>
      <p>
        <Link to={`/${lng}/letters/${slug}`}>{t("sent.back")}</Link>
      </p>
      <FollowOffer lng={lng} offer={follow} />
    </section>
  );
}
