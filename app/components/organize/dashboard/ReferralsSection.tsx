import { useTranslation } from "react-i18next";
import { Table } from "~/components/organize/Table";
import { formatNumber } from "~/lib/i18n/format";

/**
 * The referral codes that brought a campaign's signatures or letters: each code, whether it is a
 * person's share link or a campaign code, how many came through it and how many are confirmed.
 */
export function ReferralsSection({
  lng,
  kind,
  example,
  rows,
}: {
  lng: string;
  kind: "petition" | "letter_campaign";
  /** A campaign link with a made-up code, to show the shape. */
  example: string;
  rows: { code: string; total: number; confirmed: number; fromPerson: boolean }[];
}) {
  const { t } = useTranslation("organize");
  const petition = kind === "petition";
  return (
    <section aria-labelledby="referrals-title">
      <h2 id="referrals-title">{t("dashboard.referrals")}</h2>
      <p className="hint">{t(petition ? "dashboard.referralsHint" : "dashboard.letterReferralsHint", { example })}</p>
      {rows.length === 0 ? (
        <p>{t(petition ? "dashboard.noReferrals" : "dashboard.noLetterReferrals")}</p>
      ) : (
        <Table columns={[t("dashboard.referralCode"), t("dashboard.referralKind"), t(petition ? "dashboard.signed" : "dashboard.written"), t("dashboard.confirmed")]}>
          {rows.map((r) => (
            <tr key={r.code}>
              <th scope="row">
                <code>{r.code}</code>
              </th>
              <td>{t(r.fromPerson ? (petition ? "dashboard.fromSigner" : "dashboard.fromWriter") : "dashboard.campaignCode")}</td>
              <td>{formatNumber(lng, r.total)}</td>
              <td>{formatNumber(lng, r.confirmed)}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
