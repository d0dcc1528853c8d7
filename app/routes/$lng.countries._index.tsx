import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CountrySearch } from "~/components/CountrySearch";
import { DirectoryFilterForm } from "~/components/DirectoryFilterForm";
import { HeadlineFigures } from "~/components/HeadlineFigures";
import { StatusBadge } from "~/components/StatusBadge";
import { WorldMap } from "~/components/WorldMap";
import { formatDay } from "~/lib/i18n/format";
import { allCountryNameOverrides } from "~/lib/i18n/all-name-overrides.server";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { countryNameOverrides, serverT } from "~/lib/i18n/translate.server";
import type { RouteHandle } from "~/lib/route-handle";
import { canonicalCountrySegment } from "~/modules/country/country";
import { applyDirectoryFilters, parseDirectoryFilters } from "~/modules/country/country-directory";
import { statusesInPhase } from "~/modules/country/country-standing";
import { getCountryDirectory, searchCountryDirectory } from "~/modules/country/country.service.server";
import { isConfirmedConfidence } from "~/modules/country/treaty-facts";
import { isoDay } from "~/modules/country/treaty-standing.server";
import { MAP_HEIGHT, MAP_WIDTH, worldMapShapes } from "~/modules/country/world-map.server";
import { siteSocial } from "~/lib/share/page-social.server";
import { socialMeta } from "~/lib/share/social-meta";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const url = new URL(request.url);
  const query = (url.searchParams.get("q") ?? "").slice(0, 100);
  const search = await searchCountryDirectory(context.readDb, query, allCountryNameOverrides());
  if (search.kind === "one") throw redirect(`/${lng}/countries/${search.segment}`);

  const today = isoDay(new Date());
  const directory = await getCountryDirectory(context.readDb, context.config.treaty.slug, lng, countryNameOverrides(lng), today);
  const regions = [...new Set(directory.countries.map((c) => c.region))].sort();
  const filters = parseDirectoryFilters(url.searchParams, regions);
  const searched = search.kind === "list";
  // Search results keep their ranking; otherwise the table is filtered and sorted as asked.
  const countries = searched
    ? search.codes3.flatMap((code3) => directory.countries.filter((c) => c.code3 === code3))
    : applyDirectoryFilters(directory.countries, filters, lng);
  const t = serverT(lng);
  return {
    lng,
    // The search suggests the visitor's likely country among all of them, found in the browser.
    likelyAmong: directory.countries.map(({ code2, code3, name }) => ({ code2, code3, name })),
    query,
    searched,
    countries,
    filters,
    regions,
    headline: directory.headline,
    treaty: directory.treaty,
    today,
    statuses: statusesInPhase(directory.treaty.signaturePhase),
    suggestions: directory.countries.map((c) => c.name),
    recordedVote: directory.recordedVote,
    // The map always shows every country; the table below is what the filters narrow.
    map: searched
      ? null
      : {
          shapes: worldMapShapes(),
          width: MAP_WIDTH,
          height: MAP_HEIGHT,
          legend: statusesInPhase(directory.treaty.signaturePhase),
          countries: directory.countries.map(({ code3, name, status }) => ({ code3, name, status })),
        },
    title: `${t("countries:title")} · ${t("common:siteName")}`,
    social: siteSocial(lng, "countries"),
  };
}

export { publicPageHeaders as headers } from "~/lib/cache-headers";

/**
 * Same facts for every reader: revalidated by ETag (see entry.server). The country search
 * suggests the visitor's likely country, so the page cache keeps a copy per likely country.
 */
export const handle = { etag: true, pageCache: "same-for-everyone" } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = socialMeta;

export default function Countries() {
  const { lng, likelyAmong, query, searched, countries, filters, regions, headline, treaty, today, statuses, recordedVote, map, suggestions } = useLoaderData<typeof loader>();
  const { t } = useTranslation("countries");
  return (
    <>
      <h1>{t("title")}</h1>
      <CountrySearch lng={lng} defaultValue={query} countries={likelyAmong} suggestions={suggestions} />
      {searched ? <p role="status">{t("search.resultCount", { count: countries.length, query })}</p> : null}
      {map ? (
        <>
          <HeadlineFigures lng={lng} headline={headline} treaty={treaty} today={today} />
          <WorldMap lng={lng} {...map} />
          <DirectoryFilterForm lng={lng} regions={regions} filters={filters} voteReference={recordedVote?.reference ?? null} statuses={statuses} />
          <p role="status">
            {t("filters.shown", { count: countries.length })} <Link to={`/${lng}/countries`}>{t("filters.reset")}</Link>
          </p>
        </>
      ) : null}
      {countries.length > 0 && recordedVote ? (
        <p className="data-note vote-proxy">
          {t("voteProxy.explanation", { reference: recordedVote.reference, date: formatDay(lng, recordedVote.votedOn) })}{" "}
          <a href={recordedVote.sourceUrl} rel="noopener noreferrer external">
            {t("voteProxy.source")}
          </a>
        </p>
      ) : null}
      {countries.length > 0 ? (
        <div className="table-scroll">
          <table className="country-table">
            <caption>{searched ? t("search.resultsCaption") : t("tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.country")}</th>
                <th scope="col">{t("columns.status")}</th>
                <th scope="col">{t("columns.signedOn")}</th>
                {recordedVote ? <th scope="col">{t("columns.vote", { reference: recordedVote.reference })}</th> : null}
              </tr>
            </thead>
            <tbody>
              {countries.map((country) => (
                <tr key={country.code3}>
                  <th scope="row">
                    <Link to={`/${lng}/countries/${canonicalCountrySegment(country.code3)}`}>{country.name}</Link>
                  </th>
                  <td>
                    <StatusBadge status={country.status} reported={country.reported} />
                  </td>
                  <td>
                    {country.signature === null
                      ? ""
                      : isConfirmedConfidence(country.signature.confidence)
                        ? country.signature.on
                          ? formatDay(lng, country.signature.on)
                          : t("dateNotConfirmed")
                        : country.signature.on
                          ? t("signedOnReported", { date: formatDay(lng, country.signature.on), confidence: t(`confidence.${country.signature.confidence}`) })
                          : t("signatureReported", { confidence: t(`confidence.${country.signature.confidence}`) })}
                  </td>
                  {recordedVote ? <td>{country.vote ? t(`vote.${country.vote}`) : ""}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
