import { useTranslation } from "react-i18next";
import { SourceLink } from "./SourceLink";

/**
 * The campaign's lead claim, labelled as our position, with the joint civil-society statement
 * that makes the same warning and the report it rests on in our data (statements-extra.csv).
 */
export function CampaignLead({ className }: { className?: string }) {
  const { t } = useTranslation();
  return (
    <p className={className}>
      <strong>{t("home.positionLabel")}</strong> {t("home.lead")} {t("home.leadSource")} <SourceLink href={t("home.leadSourceUrl")} />{" "}
      <a href={t("home.leadStatementUrl")} rel="noopener noreferrer external">
        {t("home.leadStatementText")}
      </a>
    </p>
  );
}
