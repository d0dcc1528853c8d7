import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EnglishText } from "~/components/EnglishText";
import { ShareLinks } from "~/components/ShareLinks";
import { SourceLink } from "~/components/SourceLink";
import { StatusBadge } from "~/components/StatusBadge";
import { formatDay, formatNumber } from "~/lib/i18n/format";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { countryNameOverrides, serverT } from "~/lib/i18n/translate.server";
import type { RouteHandle } from "~/lib/route-handle";
import { canonicalCountrySegment } from "~/modules/country/country";
import { countryTimeline, type TimelineEntry } from "~/modules/country/country-timeline";
import { getCountryProfile } from "~/modules/country/country.service.server";
import { lettersForCountry } from "~/modules/letter/reply-stats.repo.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const lookup = await getCountryProfile(context.readDb, context.config.treaty.slug, lng, params.code ?? "", countryNameOverrides(lng), lettersForCountry);
  if (lookup.kind === "not_found") throw new Response(null, { status: 404, statusText: "Not Found" });
  if (lookup.kind === "redirect") throw redirect(`/${lng}/countries/${lookup.segment}`, 301);
  const { profile } = lookup;
  const t = serverT(lng);
  return {
    lng,
    country: profile.country,
    timeline: countryTimeline({ ...profile, openedForSignatureOn: profile.treaty.openedForSignatureOn }),
    voteNotes: Object.fromEntries(profile.votes.map((v) => [v.reference, v.description])),
    treatyTimeline: profile.treaty.timeline,
    lastUpdatedOn: profile.lastUpdatedOn,
    letters: profile.letters,
    shareUrl: `${context.config.server.publicUrl}${new URL(request.url).pathname}`,
    title: `${profile.country.name} · ${t("common:siteName")}`,
  };
}

export { publicPageHeaders as headers } from "~/lib/cache-headers";

/** Same facts for every reader: revalidated by ETag (see entry.server), one copy in the page cache. */
export const handle = { etag: true, pageCache: "same-for-everyone" } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

function EntryText({ entry, country, voteNote }: { entry: TimelineEntry; country: string; voteNote?: string }) {
  const { t } = useTranslation("countries");
  const { lng } = useLoaderData<typeof loader>();
  switch (entry.kind) {
    case "vote":
      return (
        <>
          {t(`timeline.votes.${entry.vote}`, { country, reference: entry.reference })}{" "}
          {t("tally", {
            yes: formatNumber(lng, entry.tally.yes),
            no: formatNumber(lng, entry.tally.no),
            abstain: formatNumber(lng, entry.tally.abstain),
          })}
          {voteNote ? (
            <small className="data-note">
              {t("timeline.originalNote")} <EnglishText>{voteNote}</EnglishText>
            </small>
          ) : null}
        </>
      );
    case "action":
      return (
        <>
          {t(`timeline.${entry.action}`, { country })}
          {entry.date === null ? (
            <small className="data-note">
              {t("timeline.dayNotConfirmed")} {t("timeline.originalNote")} <EnglishText>{entry.notes}</EnglishText>
            </small>
          ) : null}
        </>
      );
    case "statement":
      return (
        <>
          {t("timeline.statement", { stance: t(`stance.${entry.stance}`) })}{" "}
          {/* Summaries are written in English; say so to screen readers and translators. */}
          <EnglishText>{entry.summary}</EnglishText>
        </>
      );
  }
}

export default function CountryPage() {
  const { lng, country, timeline, voteNotes, treatyTimeline, lastUpdatedOn, letters, shareUrl } = useLoaderData<typeof loader>();
  const { t } = useTranslation("countries");
  const day = (iso: string | null) => (iso ? formatDay(lng, iso) : t("dateNotConfirmed"));
  return (
    <article className="country-profile">
      <p className="breadcrumb">
        <Link to={`/${lng}/countries`}>{t("title")}</Link>
      </p>
      <h1>{country.name}</h1>
      <p className="status-line">
        <StatusBadge status={country.status} /> {t(`headline.${country.status}`, { country: country.name })}
      </p>

      <section aria-labelledby="country-timeline">
        <h2 id="country-timeline">{t("sections.timeline", { country: country.name })}</h2>
        {timeline.length === 0 ? (
          <p>{t("timeline.empty", { country: country.name })}</p>
        ) : (
          <ol className="timeline">
            {timeline.map((entry) => (
              <li key={`${entry.kind}-${entry.sourceUrl}-${entry.date}`}>
                <p className="timeline__date">{day(entry.date)}</p>
                <p>
                  <EntryText
                    entry={entry}
                    country={country.name}
                    voteNote={entry.kind === "vote" ? voteNotes[entry.reference] : undefined}
                  />{" "}
                  <SourceLink href={entry.sourceUrl} />
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="why-it-matters">
        <h2 id="why-it-matters">{t("whyItMatters.title")}</h2>
        <p>{t("common:home.lead")}</p>
        <p>{t("whyItMatters.act")}</p>
      </section>

      <section aria-labelledby="letters-to-decision-makers">
        <h2 id="letters-to-decision-makers">{t("letters.title", { country: country.name })}</h2>
        <p>
          {letters.rate.delivered > 0 ? t("letters.delivered", { count: letters.rate.delivered, country: country.name }) : t("letters.none", { country: country.name })}{" "}
          {letters.rate.percent !== null
            ? t("letters.replies", { count: letters.rate.answered, replied: letters.rate.replied, percent: letters.rate.percent })
            : letters.rate.delivered > 0
              ? t("letters.tooFewAnswers")
              : null}
        </p>
        {letters.campaignSlug ? (
          <p>
            <Link to={`/${lng}/letters/${letters.campaignSlug}?country=${canonicalCountrySegment(country.code3)}`}>{t("letters.write")}</Link>
          </p>
        ) : null}
      </section>

      {lastUpdatedOn ? <p className="last-updated">{t("lastUpdated", { date: formatDay(lng, lastUpdatedOn) })}</p> : null}
      <ShareLinks url={shareUrl} text={t(`headline.${country.status}`, { country: country.name })} />

      <details className="treaty-timeline">
        <summary>
          <h2>{t("sections.treatyTimeline")}</h2>
        </summary>
        <ol className="timeline">
          {treatyTimeline.map((event) => (
            <li key={`${event.occurredOn}-${event.event}`}>
              <p className="timeline__date">{day(event.occurredOn)}</p>
              <p>
                <EnglishText>{event.event}</EnglishText> <SourceLink href={event.sourceUrl} />
              </p>
            </li>
          ))}
        </ol>
      </details>
    </article>
  );
}
