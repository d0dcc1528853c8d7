import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CommandLine } from "~/components/transparency/CommandLine";
import { LogCheck } from "~/components/transparency/LogCheck";
import { ReceiptCheck } from "~/components/transparency/ReceiptCheck";
import { VerifyExplainer } from "~/components/transparency/VerifyExplainer";
import { textDirection } from "~/lib/i18n/languages";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import type { RouteHandle } from "~/lib/route-handle";
import { petitionForLogPage } from "~/modules/petition/petition-log-page.service.server";
import { logOriginOf } from "~/modules/transparency/checkpoint";

/**
 * The same page for everyone: the checks run in the reader's browser, a receipt never leaves it.
 * No ETag: a 304 would bring a new CSP nonce for the old page's scripts, and the browser would
 * block them (the check needs them).
 */
export const handle = { pageCache: "same-for-everyone" } satisfies RouteHandle;

export async function loader({ params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const petition = await petitionForLogPage(context.readDb, params.slug ?? "", lng, context.config.caches.petitionMs);
  if (!petition) throw new Response(null, { status: 404, statusText: "Not Found" });
  const site = context.config.server.publicUrl;
  return {
    lng,
    ...petition,
    logOrigin: logOriginOf(site, petition.slug),
    petitionUrl: `${site}/${lng}/petitions/${petition.slug}`,
    pageTitle: pageTitle(lng, "transparency:title", { title: petition.title }),
  };
}

export { publicPageHeaders as headers } from "~/lib/cache-headers";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle }];

export default function VerifyPage() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation("transparency");
  const textLang = page.fallback ? { lang: page.textLanguage, dir: textDirection(page.textLanguage) } : {};
  return (
    <article className="verify prose">
      <p className="petition-kind">
        <Link to={`/${page.lng}/petitions/${page.slug}`} {...textLang}>
          {page.title}
        </Link>
      </p>
      <h1>{t("heading")}</h1>
      <p className="lead">{t("lead")}</p>
      {page.status === "closed" ? <p className="note">{t("closed")}</p> : null}
      <VerifyExplainer />
      <LogCheck lng={page.lng} logOrigin={page.logOrigin} />
      <ReceiptCheck lng={page.lng} logOrigin={page.logOrigin} />
      <CommandLine command={`npm run verify -- ${page.petitionUrl}`} />
    </article>
  );
}
