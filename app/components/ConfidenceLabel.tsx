import { useTranslation } from "react-i18next";
import type { Confidence } from "~/modules/country/treaty-facts";

/** How sure a fact is, in words beside it: never more than its source allows. */
export function ConfidenceLabel({ confidence }: { confidence: Confidence }) {
  const { t } = useTranslation("countries");
  return <span className={`confidence confidence--${confidence}`}>({t(`confidence.${confidence}`)})</span>;
}
