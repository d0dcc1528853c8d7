import { useTranslation } from "react-i18next";
import { Table } from "~/components/organize/Table";
import { formatNumber } from "~/lib/i18n/format";

interface PartnerRow {
  partnerId: number;
  code: string;
  name: string;
  confirmed: number;
  consented: number;
}

/** For the workspace: what each partner running the campaign brought, and how many consented to it (nothing when none runs it). */
export function PartnerBreakdown({ lng, kind, rows }: { lng: string; kind: "petition" | "letter_campaign"; rows: PartnerRow[] }) {
  const { t } = useTranslation("organizePartners");
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="partners-title">
      <h2 id="partners-title">{t("scope.breakdown.title")}</h2>
      <Table
        columns={[t("scope.breakdown.partner"), t(kind === "petition" ? "scope.breakdown.signatures" : "scope.breakdown.letters"), t("scope.breakdown.consented")]}
        region={{ labelledBy: "partners-title" }}
      >
        {rows.map((row) => (
          <tr key={row.partnerId}>
            <th scope="row">
              {row.name} <span className="hint">({row.code})</span>
            </th>
            <td>{formatNumber(lng, row.confirmed)}</td>
            <td>{formatNumber(lng, row.consented)}</td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

/**
 * For a partner account: whose figures these are, how many consented to that partner, and the
 * export of those people (a POST with the CSRF token, never a link, as every export with addresses).
 */
export function PartnerShare({ lng, kind, slug, csrf, own }: { lng: string; kind: "petition" | "letter_campaign"; slug: string; csrf: string; own: PartnerRow | undefined }) {
  const { t } = useTranslation("organizePartners");
  if (!own) return null;
  const path = kind === "petition" ? "petitions" : "letters";
  return (
    <section aria-labelledby="partner-share-title">
      <h2 id="partner-share-title">{t("scope.share.title", { partner: own.name })}</h2>
      <p>
        {t(kind === "petition" ? "scope.share.signatures" : "scope.share.letters", {
          partner: own.name,
          confirmed: formatNumber(lng, own.confirmed),
          consented: formatNumber(lng, own.consented),
        })}
      </p>
      <PartnerExportForm lng={lng} path={path} slug={slug} csrf={csrf} partner={own.name} />
    </section>
  );
}

export function PartnerExportForm({ lng, path, slug, csrf, partner }: { lng: string; path: "petitions" | "letters"; slug: string; csrf: string; partner: string }) {
  const { t } = useTranslation("organizePartners");
  return (
    <form method="post" action={`/${lng}/organize/${path}/${slug}/partner-consents.csv`} className="inline-action">
      <input type="hidden" name="csrf" value={csrf} />
      <button type="submit" className="link-button">
        {t("scope.export.button", { partner })}
      </button>
    </form>
  );
}
