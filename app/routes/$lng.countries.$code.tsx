import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CountryActions } from "~/components/asks/CountryActions";
import { CampaignLead } from "~/components/CampaignLead";
import { ConfidenceLabel } from "~/components/ConfidenceLabel";
import { EnglishText } from "~/components/EnglishText";
import { ShareLinks } from "~/components/ShareLinks";
import { SourceLink } from "~/components/SourceLink";
import { StatusBadge } from "~/components/StatusBadge";
import { formatDay, formatNumber } from "~/lib/i18n/format";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { countryNameOverrides, serverT } from "~/lib/i18n/translate.server";
import type { RouteHandle } from "~/lib/route-handle";
import { pageSocial } from "~/lib/share/page-social.server";
import { socialMeta } from "~/lib/share/social-meta";
import { canonicalCountrySegment } from "~/modules/country/country";
import { standingSentences } from "~/modules/country/country-standing";
import { countryTimeline, type TimelineEntry } from "~/modules/country/country-timeline";
import { getCountryProfile } from "~/modules/country/country.service.server";
import { isConsentToBeBound } from "~/modules/country/treaty-facts";
import { isoDay } from "~/modules/country/treaty-standing.server";
import { countryCampaignsReader } from "~/modules/letter/country-campaigns.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const today = isoDay(new Date());
  const lookup = await getCountryProfile(context.readDb, context.config.treaty.slug, lng, params.code ?? "", countryNameOverrides(lng), countryCampaignsReader(lng), today);
  if (lookup.kind === "not_found") throw new Response(null, { status: 404, statusText: "Not Found" });
  if (lookup.kind === "redirect") throw redirect(`/${lng}/countries/${lookup.segment}`, 301);
  const { profile } = lookup;
  const t = serverT(lng);
  const { treaty } = profile;
  return {
    lng,
    country: profile.country,
    standing: profile.standing,
    sentences: standingSentences(profile.standing, {
      signedOn: profile.country.signedOn,
      phase: treaty.signaturePhase,
      signatureClosesOn: treaty.signatureClosesOn,
      openedForSignatureOn: treaty.openedForSignatureOn,
      today,
    }),
    timeline: countryTimeline({ ...profile, openedForSignatureOn: treaty.openedForSignatureOn }),
    voteNotes: Object.fromEntries(profile.votes.map((v) => [v.reference, v.description])),
    treaty: {
      signaturePhase: treaty.signaturePhase,
      signatureClosesOn: treaty.signatureClosesOn,
      depositaryCheckedOn: treaty.depositaryCheckedOn,
      instrumentsNeeded: treaty.instrumentsNeeded,
      counts: treaty.countingParticipantKinds.includes(profile.country.participantKind),
      timeline: treaty.timeline,
    },
    recordChangedOn: profile.recordChangedOn,
    letters: { rate: profile.letters.rate, campaignSlug: profile.letters.campaignSlug },
    // The live campaigns with their ask for the country's confirmed status: read with the page,
    // so a cached copy is as fresh as the rest of it (the cache's life, ADR 0023).
    actions: profile.letters.actions,
    shareUrl: `${context.config.server.publicUrl}${new URL(request.url).pathname}`,
    title: `${profile.country.name} · ${t("common:siteName")}`,
    social: pageSocial(lng, {
      description: t("common:social.description.country", { country: profile.country.name, status: t(`countries:status.${profile.country.status}`) }),
      imageAlt: t("common:social.imageAlt.country", { country: profile.country.name, status: t(`countries:status.${profile.country.status}`) }),
      card: { kind: "country", code3: profile.country.code3 },
      version: profile.country.status,
    }),
  };
}

export { publicPageHeaders as headers } from "~/lib/cache-headers";

/** Same facts for every reader: revalidated by ETag (see entry.server), one copy in the page cache. */
export const handle = { etag: true, pageCache: "same-for-everyone" } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = socialMeta;

function EntryText({ entry, country, voteNote }: { entry: TimelineEntry; country: string; voteNote?: string }) {
  const { t } = useTranslation("countries");
  const { lng, treaty } = useLoaderData<typeof loader>();
  switch (entry.kind) {
    case "vote":
      return (
        <>
          {t(`timeline.votes.${entry.vote}`, { country, reference: entry.reference })}{" "}
          {t("tally", {
            yes: formatNumber(lng, entry.tally.yes),
            no: formatNumber(lng, entry.tally.no),
            abstain: formatNumber(lng, entry.tally.abstain),
          })}{" "}
          {t("timeline.voteRecord")}
          {voteNote ? (
            <small className="data-note">
              {t("timeline.originalNote")} <EnglishText>{voteNote}</EnglishText>
            </small>
          ) : null}
        </>
      );
    case "fact": {
      // Domestic steps and statements are told by their notes; other facts only where the day is unsure.
      const toldByNotes = entry.fact === "domestic_step" || entry.fact === "statement";
      return (
        <>
          {t(`timeline.facts.${entry.fact}`, { country })}{" "}
          {toldByNotes && entry.notes ? (
            <>
              <EnglishText>{entry.notes}</EnglishText>{" "}
            </>
          ) : null}
          <ConfidenceLabel confidence={entry.confidence} />
          {entry.fact === "declaration_or_reservation" && entry.declarationText ? (
            <small className="data-note declaration-text">
              <EnglishText>{entry.declarationText}</EnglishText>
            </small>
          ) : null}
          {entry.declarationUrl ? (
            <>
              {" "}
              <a href={entry.declarationUrl} rel="noopener noreferrer external">
                {t("timeline.readText")}
              </a>
            </>
          ) : null}
          {isConsentToBeBound(entry.fact) && !treaty.counts ? <small className="data-note">{t("timeline.notCounted", { needed: formatNumber(lng, treaty.instrumentsNeeded) })}</small> : null}
          {!toldByNotes && entry.date === null ? (
            <small className="data-note">
              {t("timeline.dayNotConfirmed")} {t("timeline.originalNote")} <EnglishText>{entry.notes}</EnglishText>
            </small>
          ) : null}
        </>
      );
    }
    case "statement":
      return (
        <>
          {t("timeline.statement", { stance: t(`stance.${entry.stance}`) })}{" "}
          {/* Summaries are written in English; say so to screen readers and translators. */}
          <EnglishText>{entry.summary}</EnglishText> <ConfidenceLabel confidence={entry.confidence} />
        </>
      );
  }
}

export default function CountryPage() {
  const { lng, country, standing, sentences, timeline, voteNotes, treaty, recordChangedOn, letters, actions, shareUrl } = useLoaderData<typeof loader>();
  const { t } = useTranslation("countries");
  const day = (iso: string | null) => (iso ? formatDay(lng, iso) : t("dateNotConfirmed"));
  const say = (sentence: (typeof sentences)[number]) =>
    t(sentence.key, { country: country.name, date: sentence.date ? formatDay(lng, sentence.date) : undefined });
  const checkedOn = treaty.depositaryCheckedOn;
  return (
    <article className="country-profile">
      <p className="breadcrumb">
        <Link to={`/${lng}/countries`}>{t("title")}</Link>
      </p>
      <h1>{country.name}</h1>
      <section aria-labelledby="country-standing">
        <h2 id="country-standing">{t("sections.standing", { country: country.name })}</h2>
        <p className="status-line">
          <StatusBadge status={standing.status} reported={standing.reported} />
        </p>
        {sentences.map((sentence) => (
          <p key={sentence.key}>{say(sentence)}</p>
        ))}
        <p className="last-updated">
          {checkedOn ? t("record.checked", { date: formatDay(lng, checkedOn) }) : t("record.unchecked")}{" "}
          {recordChangedOn ? t("record.changed", { country: country.name, date: formatDay(lng, recordChangedOn) }) : null}
        </p>
        <p className="follow-country">
          <Link to={`/${lng}/countries/${country.code3.toLowerCase()}/follow`}>{t("follows:page.title", { country: country.name })}</Link>
          {" — "}
          {t("follows:page.lead", { country: country.name })}
        </p>
      </section>

      <CountryActions lng={lng} country={country.name} countrySegment={canonicalCountrySegment(country.code3)} actions={actions} />

      <section aria-labelledby="country-timeline">
        <h2 id="country-timeline">{t("sections.timeline", { country: country.name })}</h2>
        {timeline.length === 0 ? (
          <p>{t("timeline.empty", { country: country.name })}</p>
        ) : (
          <ol className="timeline">
            {timeline.map((entry, index) => (
              <li key={`${entry.kind}-${entry.sourceUrl}-${entry.date}-${index}`}>
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
        <CampaignLead />
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

      <ShareLinks lng={lng} url={shareUrl} text={sentences[0] ? say(sentences[0]) : country.name} />

      <details className="treaty-timeline">
        <summary>
          <h2>{t("sections.treatyTimeline")}</h2>
        </summary>
        <ol className="timeline">
          {treaty.timeline.map((event) => (
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
