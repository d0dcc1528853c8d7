import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/i18n/format";
import { MapLegend } from "~/components/MapLegend";
import { Table } from "~/components/organize/Table";

/** By country: a map (an SVG image drawn on the server) and the table with every number. */
export function CountryBreakdown({ lng, mapSrc, rows, countLabel }: { lng: string; mapSrc: string; rows: { code3: string; name: string; count: number }[]; countLabel: string }) {
  const { t } = useTranslation("organize");
  if (rows.length === 0) return <p>{t("dashboard.noCountries")}</p>;
  return (
    <div className="country-breakdown">
      <figure className="signer-map">
        <img src={mapSrc} alt="" width={960} height={470} />
        <figcaption>
          <MapLegend lng={lng} range={(from, to) => `${from}–${to}`} atLeast={(from) => `≥ ${from}`} />
        </figcaption>
      </figure>
      <Table columns={[t("dashboard.country"), countLabel]}>
        {rows.map((row) => (
          <tr key={row.code3}>
            <th scope="row">{row.name}</th>
            <td>{formatNumber(lng, row.count)}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
