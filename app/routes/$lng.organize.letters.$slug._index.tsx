import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CampaignActivity, CountriesSection } from "~/components/organize/dashboard/CampaignActivity";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { Table } from "~/components/organize/Table";
import { privatePageHeaders } from "~/lib/cache-headers";
import { countryMapImage } from "~/modules/country/signer-map.server";
import { formatNumber } from "~/lib/i18n/format";
import { organizerMeta } from "~/lib/organizer-page";
import { countryName } from "~/modules/country/country-names";
import { DELIVERY_STATES } from "~/modules/letter/recipient-delivery";
import { letterCampaignDashboard } from "~/modules/letter/letter-dashboard.service.server";
import { campaignDashboardPage } from "~/web/campaign-dashboard-route.server";
import { ReferralsSection } from "~/components/organize/dashboard/ReferralsSection";
import { CampaignEditLinks } from "~/components/organize/CampaignEditLinks";
import { PartnerBreakdown, PartnerShare } from "~/components/organize/dashboard/PartnerSections";

/** One letter campaign's dashboard: every role may read it; a partner account only its own share of its partner's campaigns. */
export async function loader(args: LoaderFunctionArgs) {
  const { lng, dashboard, names, edits, partnerView, csrf, title } = await campaignDashboardPage(args, "letter_campaign", letterCampaignDashboard);
  const code2 = new Map((await args.context.db.selectFrom("countries").select(["code3", "code2"]).execute()).map((c) => [c.code3, c.code2]));
  const nameOf = (code3: string) => countryName(lng, code2.get(code3) ?? code3, names);
  return {
    lng,
    ...dashboard,
    byCountry: dashboard.byCountry.map((c) => ({ code3: c.code3, name: nameOf(c.code3), count: c.count })),
    targets: dashboard.targets.map((target) => ({ ...target, country: nameOf(target.countryCode) })),
    demand: dashboard.demand.map((d) => ({ code3: d.countryCode, name: nameOf(d.countryCode), visits: d.visits })),
    mapSrc: countryMapImage(dashboard.byCountry),
    edits,
    partnerView,
    csrf,
    title,
  };
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function LetterCampaignDashboard() {
  const { lng, campaign, days, keyDates, funnel, byCountry, mapSrc, targets, demand, referrals, partners, edits, partnerView, csrf } = useLoaderData<typeof loader>();
  const { t } = useTranslation("organize");
  return (
    <OrganizerPage lng={lng} title={`${t("dashboard.title")}: ${campaign.slug}`}>
      <p>
        {t("editor.status", { status: t(`status.${campaign.status}`) })} {t(`deliveryMode.${campaign.deliveryMode}`)} ·{" "}
        {t("dashboard.dailyCap", { cap: formatNumber(lng, campaign.dailyCap) })}{" "}
        {campaign.goal === null
          ? t("dashboard.confirmedLetters", { formatted: formatNumber(lng, campaign.confirmed) })
          : t("dashboard.confirmedLettersOfGoal", { formatted: formatNumber(lng, campaign.confirmed), goal: formatNumber(lng, campaign.goal) })}{" "}
        {edits ? <CampaignEditLinks base={`/${lng}/organize/letters/${campaign.slug}`} /> : null}{" "}
        {partnerView ? null : (
          <>
            <Link to={`/${lng}/organize/letters/${campaign.slug}/updates`}>{t("organizeUpdates:organize.title")}</Link>{" "}
            <Link to={`/${lng}/organize/letters/${campaign.slug}/share`}>{t("organizeShare:title")}</Link>
          </>
        )}
      </p>

      {partnerView ? <PartnerShare lng={lng} kind="letter_campaign" slug={campaign.slug} csrf={csrf} own={partners[0]} /> : null}

      <CampaignActivity lng={lng} days={days} keyDates={keyDates} funnel={funnel} perDayCaption={t("dashboard.lettersPerDay")} submittedLabel={t("dashboard.written")} />

      <section aria-labelledby="targets-title">
        <h2 id="targets-title">{t("dashboard.perTarget")}</h2>
        {targets.length === 0 ? (
          <p>{t("dashboard.noLetters")}</p>
        ) : (
          <Table
            columns={[t("dashboard.target"), t("dashboard.country"), t("dashboard.letters"), ...DELIVERY_STATES.map((state) => t(`dashboard.states.${state}`)), t("dashboard.replies")]}
            region={{ labelledBy: "targets-title" }}
          >
            {targets.map((target) => (
              <tr key={target.id}>
                <th scope="row">
                  {target.name}, {target.role}
                </th>
                <td>{target.country}</td>
                <td>{formatNumber(lng, target.letters)}</td>
                {DELIVERY_STATES.map((state) => (
                  <td key={state}>{formatNumber(lng, target.states[state])}</td>
                ))}
                <td>{target.answered === 0 ? "—" : t("dashboard.repliedOfAnswered", { replied: formatNumber(lng, target.replied), answered: formatNumber(lng, target.answered) })}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>

      <CountriesSection lng={lng} mapSrc={mapSrc} rows={byCountry} />

      <ReferralsSection lng={lng} kind="letter_campaign" example={`/${lng}/letters/${campaign.slug}?ref=newsletter-1`} rows={referrals} />

      {partnerView ? null : <PartnerBreakdown lng={lng} kind="letter_campaign" rows={partners} />}

      {partnerView ? null : (
        <section aria-labelledby="demand-title">
          <h2 id="demand-title">{t("dashboard.demand")}</h2>
          {demand.length === 0 ? (
            <p>{t("dashboard.noDemand")}</p>
          ) : (
            <ul>
              {demand.map((d) => (
                <li key={d.code3}>{t("dashboard.demandEntry", { country: d.name, formatted: formatNumber(lng, d.visits) })}</li>
              ))}
            </ul>
          )}
        </section>
      )}
    </OrganizerPage>
  );
}
