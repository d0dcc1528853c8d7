import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MastodonForm } from "~/components/ShareLinks";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { serverT } from "~/lib/i18n/translate.server";
import { mastodonInstance, mastodonShareUrl } from "~/modules/share/share-links";

/**
 * "Share on Mastodon": the share block's form names the person's own server. A valid host name
 * gets a plain link to that server's compose page with the text; anything else the form again,
 * with what was typed and why it is refused. A link, not a redirect: the site's pages may send
 * forms only to the site itself (CSP form-action), and the person sees where they are going.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const url = new URL(request.url);
  const text = url.searchParams.get("text") ?? "";
  const typed = url.searchParams.get("instance");
  const instance = typed === null ? null : mastodonInstance(typed);
  const t = serverT(lng);
  return {
    lng,
    text,
    typed: typed ?? "",
    error: typed !== null && !instance ? t("share:block.mastodon.invalid") : null,
    target: instance ? { instance, href: mastodonShareUrl(instance, text) } : null,
    title: `${t("share:block.mastodon.title")} · ${t("common:siteName")}`,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: "robots", content: "noindex" }];

export default function ShareOnMastodon() {
  const { lng, text, typed, error, target } = useLoaderData<typeof loader>();
  const { t } = useTranslation("share");
  return (
    <section className="share-mastodon-page" aria-labelledby="mastodon-title">
      <h1 id="mastodon-title">{t("block.mastodon.title")}</h1>
      {text ? <blockquote className="share-text">{text}</blockquote> : null}
      {target ? (
        <p className="lead">
          <a className="button-link" href={target.href} rel="noopener noreferrer external">
            {t("block.mastodon.continue", { instance: target.instance })}
          </a>
        </p>
      ) : (
        <MastodonForm lng={lng} message={text} instance={typed} error={error ?? undefined} />
      )}
    </section>
  );
}
