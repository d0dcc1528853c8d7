import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PetitionProgress } from "~/components/petition/PetitionProgress";
import { SignForm } from "~/components/petition/SignForm";
import { EmbedHeight } from "~/components/share/EmbedHeight";
import { languageFromQuery } from "~/lib/i18n/query-language.server";
import { countryNameOverrides } from "~/lib/i18n/translate.server";
import type { RouteHandle } from "~/lib/route-handle";
import { PUBLIC_PAGE_CACHE_CONTROL } from "~/lib/cache-headers";
import { issueFormToken } from "~/modules/campaign/form-token.server";
import { getPetitionView } from "~/modules/petition/petition-page.service.server";
import { embedPassage } from "~/web/embed-route.server";
import { handleSignPost } from "~/web/sign-route.server";
import { WithPartner } from "~/components/partner/PartnerParts";
import { linkPartnerOf, partnerOfLink } from "~/modules/partner/partner-consent.server";

/**
 * A compact petition for an iframe on partner sites: count, progress and the
 * sign form. Embeds are the only paths that may be framed (see server/security.ts).
 * A partner's `?ref=` goes with the signature, `?partner=` to the full page.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = languageFromQuery(request);
  const view = await getPetitionView(context.readDb, params.slug ?? "", lng, countryNameOverrides(lng), { petitionCacheMs: context.config.caches.petitionMs });
  if (!view) throw new Response(null, { status: 404, statusText: "Not Found" });
  const url = new URL(request.url);
  const passage = embedPassage(url, lng, "petition", view.petition.slug);
  return {
    lng,
    ...passage,
    slug: view.petition.slug,
    closed: view.petition.status === "closed",
    goal: view.petition.goal,
    title: view.title,
    count: view.progress.count,
    countries: view.countries,
    formToken: issueFormToken(view.petition.id, new Date(), context.config.server.sessionSecrets),
    referral: passage.codes.ref,
    signed: url.searchParams.has("signed"),
    liveCountIntervalMs: context.surge.liveCountIntervalMs,
    // Shown, with its consent box, only when the partner is active and runs this petition.
    partner: linkPartnerOf(await partnerOfLink(context.readDb, { kind: "petition", id: view.petition.id }, passage.codes.partner)),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = languageFromQuery(request);
  const slug = params.slug ?? "";
  const { selfPath } = embedPassage(new URL(request.url), lng, "petition", slug);
  return handleSignPost(request, context, slug, lng, () => `${selfPath}&signed`);
}

/** One copy for everyone at one address (its form token carries the render time); after signing (`&signed`) it is the signer's own. */
export const headers: HeadersFunction = ({ errorHeaders }) => errorHeaders ?? { "Cache-Control": PUBLIC_PAGE_CACHE_CONTROL };

export const handle = { bare: true } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function EmbeddedPetition() {
  const page = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  const { t } = useTranslation("petitions");
  const closed = page.closed || submitted?.closed;
  return (
    <article className="petition-embed">
      <EmbedHeight frame={page.frame} />
      <h1>
        <a href={page.fullPage} target="_blank" rel="noopener">
          {page.title}
        </a>
      </h1>
      {page.partner ? <WithPartner partner={page.partner} /> : null}
      <PetitionProgress lng={page.lng} slug={page.slug} count={page.count} goal={page.goal} live={!closed} refreshMs={page.liveCountIntervalMs} />
      {page.signed ? (
        <p className="lead" role="status">
          {t("signed.checkEmail", { title: page.title })}
        </p>
      ) : closed ? (
        <p role="status">{t("closed")}</p>
      ) : (
        <SignForm
          lng={page.lng}
          action={page.selfPath}
          setup={page}
          submitted={submitted}
          partner={page.partner}
          compact
        />
      )}
    </article>
  );
}
