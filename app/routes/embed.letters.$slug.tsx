import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LetterProgress } from "~/components/letter/LetterProgress";
import { EmbedHeight } from "~/components/share/EmbedHeight";
import { textDirection } from "~/lib/i18n/languages";
import { languageFromQuery } from "~/lib/i18n/query-language.server";
import type { RouteHandle } from "~/lib/route-handle";
import { letterEmbedView } from "~/modules/share/campaign-share.service.server";
import { embedPassage } from "~/web/embed-route.server";
import { WithPartner } from "~/components/partner/PartnerParts";
import { linkPartnerOf, partnerOfLink } from "~/modules/partner/partner-consent.server";

/**
 * A letter campaign on a partner's site: what it asks, its count, and the way
 * to write, which opens our page in a new tab. The letter itself is not
 * written in the frame (ADR 36): it needs a country, recipients, a long text
 * of one's own and a preview, and may end in the writer's own mail app.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = languageFromQuery(request);
  const view = await letterEmbedView(context.readDb, params.slug ?? "", lng);
  if (!view) throw new Response(null, { status: 404, statusText: "Not Found" });
  const { frame, fullPage, codes } = embedPassage(new URL(request.url), lng, "letter", view.slug);
  // The letter is written on the full page (which gets `?partner=` too, and the consent box there).
  const partner = linkPartnerOf(await partnerOfLink(context.readDb, { kind: "letter", id: view.campaignId }, codes.partner));
  return { lng, frame, fullPage, partner, liveCountIntervalMs: context.surge.liveCountIntervalMs, ...view };
}

export { publicPageHeaders as headers } from "~/lib/cache-headers";

export const handle = { bare: true } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function EmbeddedLetterCampaign() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation("share");
  const textLang = page.fallback ? { lang: page.textLanguage, dir: textDirection(page.textLanguage) } : {};
  return (
    <article className="petition-embed">
      <EmbedHeight frame={page.frame} />
      <h1 {...textLang}>
        <a href={page.fullPage} target="_blank" rel="noopener">
          {page.title}
        </a>
      </h1>
      {page.partner ? <WithPartner partner={page.partner} /> : null}
      <p {...textLang}>{page.intro}</p>
      <LetterProgress lng={page.lng} count={page.count} goal={page.goal} slug={page.closed ? undefined : page.slug} refreshMs={page.liveCountIntervalMs} />
      {page.closed ? (
        <p role="status">{t("embed.closed")}</p>
      ) : (
        <p className="embed-action">
          <a className="button-link" href={page.fullPage} target="_blank" rel="noopener">
            {t("embed.write")}
          </a>{" "}
          <small className="hint">{t("embed.newTab")}</small>
        </p>
      )}
    </article>
  );
}
