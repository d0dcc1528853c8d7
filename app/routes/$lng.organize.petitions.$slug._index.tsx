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
import { requireOrganizer } from "~/web/organizer-session.server";
import { petitionDashboard } from "~/modules/petition/petition-dashboard.service.server";
import { can } from "~/modules/organizer/roles";

/** One petition's dashboard: every role may read it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "read_dashboards");
  const dashboard = await petitionDashboard(context.db, params.slug ?? "", new Date().toISOString().slice(0, 10));
  if (!dashboard) throw new Response(null, { status: 404, statusText: "Not Found" });
  const names = countryNameOverrides(lng);
  return {
    lng,
    ...dashboard,
    byCountry: dashboard.byCountry.map((c) => ({ code3: c.code3, name: countryName(lng, c.code2, names), count: c.count })),
    mapSrc: countryMapImage(dashboard.byCountry),
    edits: can(organizer.role, "edit_campaigns"),
    title: pageTitle(lng, "organize:dashboard.title"),
  };
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function PetitionDashboard() {
  const { lng, petition, days, funnel, byCountry, mapSrc, referrals, edits } = useLoaderData<typeof loader>();
  const { t } = useTranslation("organize");
  return (
    <OrganizerPage lng={lng} title={`${t("dashboard.title")}: ${petition.slug}`}>
      <p>
        {t("editor.status", { status: t(`status.${petition.status}`) })}{" "}
        {petition.goal === null
          ? t("dashboard.confirmedTotal", { formatted: formatNumber(lng, petition.confirmed) })
          : t("dashboard.confirmedOfGoal", { formatted: formatNumber(lng, petition.confirmed), goal: formatNumber(lng, petition.goal) })}{" "}
        {edits ? <Link to={`/${lng}/organize/petitions/${petition.slug}/edit`}>{t("home.edit")}</Link> : null}
      </p>

      <section aria-labelledby="per-day-title">
        <h2 id="per-day-title">{t("dashboard.perDay")}</h2>
        <DailyChart lng={lng} days={days} caption={t("dashboard.signaturesPerDay")} confirmedLabel={t("dashboard.confirmed")} pendingLabel={t("dashboard.pending")} />
      </section>

      <section aria-labelledby="funnel-title">
        <h2 id="funnel-title">{t("dashboard.funnel")}</h2>
        <FunnelTable lng={lng} funnel={funnel} submittedLabel={t("dashboard.signed")} />
        <p className="hint">{t("dashboard.viewsHint")}</p>
      </section>

      <section aria-labelledby="countries-title">
        <h2 id="countries-title">{t("dashboard.byCountry")}</h2>
        <CountryBreakdown lng={lng} mapSrc={mapSrc} rows={byCountry} countLabel={t("dashboard.confirmed")} />
      </section>

      <section aria-labelledby="referrals-title">
        <h2 id="referrals-title">{t("dashboard.referrals")}</h2>
        <p className="hint">{t("dashboard.referralsHint", { example: `/${lng}/petitions/${petition.slug}?ref=newsletter-1` })}</p>
        {referrals.length === 0 ? (
          <p>{t("dashboard.noReferrals")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("dashboard.referralCode")}</th>
                <th scope="col">{t("dashboard.referralKind")}</th>
                <th scope="col">{t("dashboard.signed")}</th>
                <th scope="col">{t("dashboard.confirmed")}</th>
              </tr>
            </thead>
            <tbody>
              {referrals.map((r) => (
                <tr key={r.code}>
                  <th scope="row">
                    <code>{r.code}</code>
                  </th>
                  <td>{t(r.fromSigner ? "dashboard.fromSigner" : "dashboard.campaignCode")}</td>
                  <td>{formatNumber(lng, r.total)}</td>
                  <td>{formatNumber(lng, r.confirmed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </OrganizerPage>
  );
}
