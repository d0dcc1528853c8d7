import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/i18n/format";

export function HeadlineFigures({
  lng,
  figures,
}: {
  lng: string;
  figures: { signatories: number; ratifications: number; ratificationsNeeded: number };
}) {
  const { t } = useTranslation();
  return (
    <dl className="figure-list">
      <div>
        <dt>{t("home.signatories")}</dt>
        <dd>{formatNumber(lng, figures.signatories)}</dd>
      </div>
      <div>
        <dt>{t("home.ratifications")}</dt>
        <dd>
          {t("home.ratificationsOfNeeded", {
            count: figures.ratifications,
            ratifications: formatNumber(lng, figures.ratifications),
            needed: formatNumber(lng, figures.ratificationsNeeded),
          })}
        </dd>
      </div>
    </dl>
  );
}
