import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { OrganizerBar } from "./OrganizerBar";

/** The frame of every organizer page below the home: the workspace's bar, the way back, the title, the content. */
export function OrganizerPage({ lng, title, crumbs, children }: { lng: string; title: ReactNode; crumbs?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation("organize");
  return (
    <article className="organize">
      <OrganizerBar lng={lng} />
      <p className="breadcrumb">
        <Link to={`/${lng}/organize`}>{t("home.title")}</Link>
        {crumbs}
      </p>
      <h1>{title}</h1>
      {children}
    </article>
  );
}
