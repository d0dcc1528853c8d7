import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * Above a campaign editor: its status, where to see it as the public does
 * (drafts as a preview only organizers can open), its dashboard, what was
 * saved or refused, its asks per country status, missing languages, and the one status move allowed next.
 */
export function CampaignStatusBar({
  csrf,
  status,
  next,
  publicPath,
  dashboardPath,
  saved,
  formError,
  missing,
}: {
  csrf: string;
  status: "draft" | "live" | "closed";
  next: "live" | "closed" | "draft" | null;
  publicPath: string;
  dashboardPath: string;
  saved: boolean;
  formError: string | undefined;
  missing: string[];
}) {
  const { t } = useTranslation("organize");
  return (
    <>
      <p>
        {t("editor.status", { status: t(`status.${status}`) })}{" "}
        <a href={status === "draft" ? `${publicPath}?preview` : publicPath}>{t(status === "draft" ? "editor.preview" : "editor.publicPage")}</a>
        {" · "}
        <Link to={dashboardPath}>{t("dashboard.link")}</Link>
        {" · "}
        <Link to={`${dashboardPath}/asks`}>{t("organize:asks.editor.link")}</Link>
      </p>
      {saved ? (
        <p role="status" className="note">
          {t("editor.saved")}
        </p>
      ) : null}
      {formError ? (
        <p role="alert" className="field-error">
          {t(formError)}
        </p>
      ) : null}
      {missing.length > 0 ? <p className="note">{t("editor.missingLanguages", { languages: missing.join(", ") })}</p> : null}
      {next && next !== "draft" ? (
        <Form method="post">
          <input type="hidden" name="csrf" value={csrf} />
          <button type="submit" name="moveTo" value={next}>
            {t(next === "live" ? "editor.publish" : "editor.close")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
