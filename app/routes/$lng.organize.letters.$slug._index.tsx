import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CountryBreakdown } from "~/components/organize/dashboard/CountryBreakdown";
import { DailyChart } from "~/components/organize/dashboard/DailyChart";
import { FunnelTable } from "~/components/organize/dashboard/FunnelTable";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { privatePageHeaders } from "~/lib/cache-headers";
import { countryMapImage } from "~/modules/country/signer-map.server";
import { formatNumber } from "~/lib/i18n/format";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { countryNameOverrides, pageTitle } from "~/lib/i18n/translate.server";
import { organizerMeta } from "~/lib/organizer-page";
import { countryName } from "~/modules/country/country-names";
import { DELIVERY_STATES } from "~/modules/letter/recipient-delivery";
import { letterCampaignDashboard } from "~/modules/letter/letter-dashboard.service.server";
import { requireOrganizer } from "~/web/organizer-session.server";
import { can } from "~/modules/organizer/roles";

/** One letter campaign's dashboard: every role may read it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "read_dashboards");
  const dashboard = await letterCampaignDashboard(context.db, params.slug ?? "", new Date().toISOString().slice(0, 10));
  if (!dashboard) throw new Response(null, { status: 404, statusText: "Not Found" });
  const names = countryNameOverrides(lng);
  const code2 = new Map((await context.db.selectFrom("countries").select(["code3", "code2"]).execute()).map((c) => [c.code3, c.code2]));
  const nameOf = (code3: string) => countryName(lng, code2.get(code3) ?? code3, names);
  return {
    lng,
    ...dashboard,
    byCountry: dashboard.byCountry.map((c) => ({ code3: c.code3, name: nameOf(c.code3), count: c.count })),
    targets: dashboard.targets.map((target) => ({ ...target, country: nameOf(target.countryCode) })),
    demand: dashboard.demand.map((d) => ({ code3: d.countryCode, name: nameOf(d.countryCode), visits: d.visits })),
    mapSrc: countryMapImage(dashboard.byCountry),
    edits: can(organizer.role, "edit_campaigns"),
    title: pageTitle(lng, "organize:dashboard.title"),
  };
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function LetterCampaignDashboard() {
  const { lng, campaign, days, funnel, byCountry, mapSrc, targets, demand, edits } = useLoaderData<typeof loader>();
  const { t } = useTranslation("organize");
  return (
    <OrganizerPage lng={lng} title={`${t("dashboard.title")}: ${campaign.slug}`}>
      <p>
        {t("editor.status", { status: t(`status.${campaign.status}`) })} {t(`deliveryMode.${campaign.deliveryMode}`)} ·{" "}
        {t("dashboard.dailyCap", { cap: formatNumber(lng, campaign.dailyCap) })}{" "}
        {campaign.goal === null
          ? t("dashboard.confirmedLetters", { formatted: formatNumber(lng, campaign.confirmed) })
          : t("dashboard.confirmedLettersOfGoal", { formatted: formatNumber(lng, campaign.confirmed), goal: formatNumber(lng, campaign.goal) })}{" "}
        {edits ? <Link to={`/${lng}/organize/letters/${campaign.slug}/edit`}>{t("home.edit")}</Link> : null}
      </p>

      <section aria-labelledby="per-day-title">
        <h2 id="per-day-title">{t("dashboard.perDay")}</h2>
        <DailyChart lng={lng} days={days} caption={t("dashboard.lettersPerDay")} confirmedLabel={t("dashboard.confirmed")} pendingLabel={t("dashboard.pending")} />
      </section>

      <section aria-labelledby="funnel-title">
        <h2 id="funnel-title">{t("dashboard.funnel")}</h2>
        <FunnelTable lng={lng} funnel={funnel} submittedLabel={t("dashboard.written")} />
        <p className="hint">{t("dashboard.viewsHint")}</p>
      </section>

      <section aria-labelledby="targets-title">
        <h2 id="targets-title">{t("dashboard.perTarget")}</h2>
        {targets.length === 0 ? (
          <p>{t("dashboard.noLetters")}</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="targets-title">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.target")}</th>
                  <th scope="col">{t("dashboard.country")}</th>
                  <th scope="col">{t("dashboard.letters")}</th>
                  {DELIVERY_STATES.map((state) => (
                    <th scope="col" key={state}>
                      {t(`dashboard.states.${state}`)}
                    </th>
                  ))}
                  <th scope="col">{t("dashboard.replies")}</th>
                </tr>
              </thead>
              <tbody>
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
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="countries-title">
        <h2 id="countries-title">{t("dashboard.byCountry")}</h2>
        <CountryBreakdown lng={lng} mapSrc={mapSrc} rows={byCountry} countLabel={t("dashboard.confirmed")} />
      </section>

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
    </OrganizerPage>
  );
}
