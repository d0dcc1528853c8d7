import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** On a campaign's dashboard, for those who may edit it: its editor and its asks per country status. */
export function CampaignEditLinks({ base }: { base: string }) {
  const { t } = useTranslation("organize");
  return (
    <>
      <Link to={`${base}/edit`}>{t("home.edit")}</Link>
      {" · "}
      <Link to={`${base}/asks`}>{t("organize:asks.editor.link")}</Link>
    </>
  );
}
