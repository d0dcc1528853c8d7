import { useTranslation } from "react-i18next";
import type { CountryStatus } from "~/modules/country/country";

export function StatusBadge({ status }: { status: CountryStatus }) {
  const { t } = useTranslation("countries");
  return <span className={`status-badge status-badge--${status}`}>{t(`status.${status}`)}</span>;
}
