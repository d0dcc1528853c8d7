import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/i18n/format";
import { CampaignSection } from "./CampaignOverview";
import { PartnerExportForm } from "./dashboard/PartnerSections";

interface PartnerCampaignRow {
  slug: string;
  status: "draft" | "live" | "closed";
  confirmed: number;
  consented: number;
}

/**
 * A partner account's home: the campaigns its partner runs and nothing else, each with what
 * the partner's link brought, how many consented to the partner, and the export of those people.
 */
export function PartnerHome({ lng, csrf, partner, petitions, letterCampaigns }: { lng: string; csrf: string; partner: { name: string }; petitions: PartnerCampaignRow[]; letterCampaigns: PartnerCampaignRow[] }) {
  const { t } = useTranslation("organizePartners");
  const organize = useTranslation("organize").t;
  const rows = (path: "petitions" | "letters", campaigns: PartnerCampaignRow[]) =>
    campaigns.map((c) => (
      <tr key={c.slug}>
        <th scope="row">
          <Link to={`/${lng}/organize/${path}/${c.slug}`}>{c.slug}</Link>
          {c.status === "draft" ? null : (
            <>
              {" · "}
              <Link to={`/${lng}/${path}/${c.slug}`}>{organize("editor.publicPage")}</Link>
            </>
          )}
        </th>
        <td>{organize(`status.${c.status}`)}</td>
        <td>{formatNumber(lng, c.confirmed)}</td>
        <td>{formatNumber(lng, c.consented)}</td>
        <td>
          <PartnerExportForm lng={lng} path={path} slug={c.slug} csrf={csrf} partner={partner.name} />
        </td>
      </tr>
    ));
  const columns = (brought: string) => [organize("home.campaign"), organize("home.status"), brought, t("scope.breakdown.consented"), organize("home.export")];
  return (
    <>
      <p className="hint">{t("scope.home.intro", { partner: partner.name })}</p>
      {petitions.length + letterCampaigns.length === 0 ? <p>{t("scope.home.none", { partner: partner.name })}</p> : null}
      {petitions.length > 0 ? (
        <CampaignSection id="petitions-title" title={organize("home.petitions")} newLink={null} columns={columns(t("scope.breakdown.signatures"))}>
          {rows("petitions", petitions)}
        </CampaignSection>
      ) : null}
      {letterCampaigns.length > 0 ? (
        <CampaignSection id="letters-title" title={organize("home.letterCampaigns")} newLink={null} columns={columns(t("scope.breakdown.letters"))}>
          {rows("letters", letterCampaigns)}
        </CampaignSection>
      ) : null}
    </>
  );
}
