import { useTranslation } from "react-i18next";

/** On an organizer's preview of a campaign page: what they see, and that the public does not yet. */
export function PreviewBanner({ status }: { status: "draft" | "live" | "closed" }) {
  const { t } = useTranslation();
  return (
    <p className="preview-banner" role="note">
      {t(status === "draft" ? "preview.draft" : "preview.published")}
    </p>
  );
}
