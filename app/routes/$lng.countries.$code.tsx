import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FactSection } from "~/components/FactSection";
import { SourceLink } from "~/components/SourceLink";
import { StatusBadge } from "~/components/StatusBadge";
import { formatDay, formatNumber } from "~/lib/i18n/format";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { countryNameOverrides, serverT } from "~/lib/i18n/translate.server";
import { getCountryProfile } from "~/modules/country/country.service.server";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const lookup = await getCountryProfile(context.db, lng, params.code ?? "", countryNameOverrides(lng));
  if (lookup.kind === "not_found") throw new Response(null, { status: 404, statusText: "Not Found" });
  if (lookup.kind === "redirect") throw redirect(`/${lng}/countries/${lookup.segment}`, 301);
  const t = serverT(lng);
  return { lng, profile: lookup.profile, title: `${lookup.profile.country.name} · ${t("common:siteName")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function CountryPage() {
  const { lng, profile } = useLoaderData<typeof loader>();
  const { t } = useTranslation("countries");
  const { country } = profile;
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

      <FactSection
        id="treaty-actions"
        title={t("sections.actions")}
        facts={profile.actions}
        emptyText={t("noActions", { country: country.name })}
        factKey={(fact) => fact.action}
        renderFact={(fact) => (
          <>
            <strong>{t(`action.${fact.action}`)}</strong>: {day(fact.actedOn)} <SourceLink href={fact.sourceUrl} />
          </>
        )}
      />
      <FactSection
        id="recorded-votes"
        title={t("sections.votes")}
        facts={profile.votes}
        emptyText={t("noVotes")}
        factKey={(vote) => vote.reference}
        renderFact={(vote) => (
          <>
            <strong>{vote.reference}</strong> ({day(vote.votedOn)}): {t(`vote.${vote.vote}`)}.{" "}
            {t("tally", {
              yes: formatNumber(lng, vote.tally.yes),
              no: formatNumber(lng, vote.tally.no),
              abstain: formatNumber(lng, vote.tally.abstain),
            })}{" "}
            <SourceLink href={vote.sourceUrl} />
          </>
        )}
      />
      <FactSection
        id="statements"
        title={t("sections.statements")}
        facts={profile.statements}
        emptyText={t("noStatements")}
        factKey={(statement) => statement.sourceUrl}
        renderFact={(statement) => (
          <>
            <strong>{t(`stance.${statement.stance}`)}</strong> ({day(statement.statedOn)}){" "}
            {/* Summaries are written in English; say so to screen readers and translators. */}
            <span lang="en">{statement.summary}</span> <SourceLink href={statement.sourceUrl} />
          </>
        )}
      />
    </article>
  );
}
