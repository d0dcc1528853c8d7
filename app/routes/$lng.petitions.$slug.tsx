import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PreviewBanner } from "~/components/PreviewBanner";
import { PetitionProgress } from "~/components/petition/PetitionProgress";
import { SignerMap } from "~/components/petition/SignerMap";
import { SignForm } from "~/components/petition/SignForm";
import { ShareLinks } from "~/components/ShareLinks";
import { formatMoment, formatNumber } from "~/lib/i18n/format";
import { textDirection } from "~/lib/i18n/languages";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { countryNameOverrides } from "~/lib/i18n/translate.server";
import type { RouteHandle } from "~/lib/route-handle";
import { campaignSocial } from "~/lib/share/page-social.server";
import { socialMeta } from "~/lib/share/social-meta";
import { issueFormToken } from "~/modules/campaign/form-token.server";
import { isOrganizerPreview } from "~/web/preview.server";
import { getPetitionView } from "~/modules/petition/petition-page.service.server";
import { petitionPublicUpdates } from "~/modules/updates/updates.service.server";
import { PublicUpdates } from "~/components/updates/PublicUpdates";
import { handleSignPost, petitionSignedUrl } from "~/web/sign-route.server";
import { CountryAsk } from "~/components/asks/CountryAsk";
import { useLikelyCountry } from "~/components/useLikelyCountry";
import { PUBLIC_PAGE_CACHE_CONTROL } from "~/lib/cache-headers";
import { RunWith, WithPartner } from "~/components/partner/PartnerParts";
import { linkPartnerOf, partnerOfLink, shownPartnersOf } from "~/modules/partner/partner-consent.server";

const TOP_COUNTRIES = 10;

/**
 * One copy for everyone (the page cache here, shared caches in front): the browser pre-selects
 * the visitor's likely country in the sign form and shows that country's ask.
 */
export const handle = { pageCache: "same-for-everyone" } satisfies RouteHandle;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const preview = await isOrganizerPreview(request, context, lng);
  // An organizer's preview reads the primary: a draft just saved may not be on a replica yet.
  const view = await getPetitionView(preview ? context.db : context.readDb, params.slug ?? "", lng, countryNameOverrides(lng), {
    includeDraft: preview,
    petitionCacheMs: context.config.caches.petitionMs,
    // Every country's ask: the browser shows the visitor's likely country its own.
    withCountryAsks: true,
    now: new Date(),
  });
  if (!view) throw new Response(null, { status: 404, statusText: "Not Found" });
  const { petition, countries, byCountry, ...shown } = view;
  const url = new URL(request.url);
  const db = preview ? context.db : context.readDb;
  // A partner's link (`?partner=`) is never stored by the page cache: only paths without a query are.
  const partner = linkPartnerOf(await partnerOfLink(db, { kind: "petition", id: petition.id }, url.searchParams.get("partner")));
  return {
    lng,
    social: campaignSocial(lng, "petition", { slug: petition.slug, title: shown.title, count: shown.progress.count }),
    preview,
    slug: petition.slug,
    status: petition.status,
    goal: petition.goal,
    ...shown,
    countries,
    topCountries: byCountry.slice(0, TOP_COUNTRIES),
    formToken: issueFormToken(petition.id, new Date(), context.config.server.sessionSecrets),
    referral: url.searchParams.get("ref") ?? "",
    shareUrl: `${context.config.server.publicUrl}/${lng}/petitions/${petition.slug}`,
    liveCountIntervalMs: context.surge.liveCountIntervalMs,
    partner,
    runWith: await shownPartnersOf(db, { kind: "petition", id: petition.id }),
    // The organizers' public updates, newest first, in the reader's language (or the update's default).
    updates: await petitionPublicUpdates(preview ? context.db : context.readDb, petition.id, lng),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const slug = params.slug ?? "";
  return handleSignPost(request, context, slug, lng, (signed) => petitionSignedUrl(lng, slug, signed));
}

/**
 * One copy for everyone in shared caches. The form token in it carries the time the page was
 * rendered, so a cached copy only makes the measured fill time longer (errs towards accepting;
 * docs/decisions/0042-public-pages-for-shared-caches.md). An organizer's preview (`?preview`) is
 * theirs alone: its query makes it `private, no-store` (server/page-cache-headers.ts).
 */
export const headers: HeadersFunction = ({ errorHeaders }) => errorHeaders ?? { "Cache-Control": PUBLIC_PAGE_CACHE_CONTROL };

export const meta: MetaFunction<typeof loader> = socialMeta;

export default function PetitionPage() {
  const page = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  const { t } = useTranslation("petitions");
  const { lng } = page;
  const closed = page.status === "closed" || submitted?.closed;
  // Words that fell back to the petition's default language are marked as such for screen readers.
  const textLang = page.fallback ? { lang: page.textLanguage, dir: textDirection(page.textLanguage) } : {};
  const likely = useLikelyCountry(page.countries);
  const askIndex = likely ? page.countryAsks?.byCountry[likely.code3] : undefined;
  const ask = askIndex === undefined ? null : (page.countryAsks?.asks[askIndex] ?? null);
  return (
    <article className="petition">
      {page.preview ? <PreviewBanner status={page.status} /> : null}
      <header className="petition-header">
        <p className="petition-kind">{t("kind")}</p>
        <h1 {...textLang}>{page.title}</h1>
        <p className="petition-addressee">
          {t("addressedTo")} <span {...textLang}>{page.addressedTo}</span>
        </p>
        {page.partner ? <WithPartner partner={page.partner} /> : null}
        {page.fallback ? <p className="note">{t("fallbackNote")}</p> : null}
      </header>
      <div className="petition-layout">
        <div className="petition-main">
          {ask && likely ? <CountryAsk country={likely.name} ask={ask} /> : null}
          <PetitionProgress lng={lng} slug={page.slug} count={page.progress.count} goal={page.goal} live={!closed} refreshMs={page.liveCountIntervalMs} />
          <p className="verify-link">
            <Link to={`/${lng}/petitions/${page.slug}/verify`}>{t("progress.verifyLink")}</Link>
          </p>
          <div className="petition-body" {...textLang} dangerouslySetInnerHTML={{ __html: page.bodyHtml }} />
        </div>
        <aside className="petition-action">
          {closed ? (
            <p className="petition-closed" role="status">
              {t("closed")}
            </p>
          ) : (
            <SignForm
              lng={lng}
              action={`/${lng}/petitions/${page.slug}${page.partner ? `?partner=${page.partner.code}` : ""}`}
              setup={page}
              submitted={submitted}
              partner={page.partner}
            />
          )}
        </aside>
      </div>
      <section aria-labelledby="by-country-title" className="petition-by-country">
          <h2 id="by-country-title">{t("byCountry.title")}</h2>
          {page.topCountries.length === 0 ? (
            <p>{t("byCountry.none")}</p>
          ) : (
            <>
              <table>
                <caption>{t("byCountry.caption", { count: page.topCountries.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("byCountry.country")}</th>
                    <th scope="col">{t("byCountry.signatures")}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.topCountries.map((c) => (
                    <tr key={c.code3}>
                      <th scope="row">{c.name}</th>
                      <td>{formatNumber(lng, c.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <SignerMap lng={lng} slug={page.slug} />
            </>
          )}
        </section>
        {page.recentSigners.length > 0 ? (
          <section aria-labelledby="recent-title" className="recent-signers">
            <h2 id="recent-title">{t("recent.title")}</h2>
            <ul>
              {page.recentSigners.map((s, i) => (
                <li key={`${s.confirmedAt}-${i}`}>
                  {t("recent.entry", { name: s.firstName, country: s.country })}{" "}
                  <small>{formatMoment(lng, s.confirmedAt)}</small>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <RunWith lng={lng} partners={page.runWith} kind="petition" />
        <PublicUpdates lng={lng} updates={page.updates} />
        <ShareLinks lng={lng} url={page.shareUrl} text={page.title} />
    </article>
  );
}
