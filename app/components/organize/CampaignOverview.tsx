import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Table } from "./Table";

/** One kind of campaign on the organizers' home: its heading, a link to start a new one (for editors), and its table. */
export function CampaignSection({
  id,
  title,
  newLink,
  columns,
  children,
}: {
  id: string;
  title: string;
  newLink: { to: string; label: string } | null;
  columns: ReactNode[];
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {newLink ? (
        <p>
          <Link to={newLink.to}>{newLink.label}</Link>
        </p>
      ) : null}
      <Table columns={columns} region={{ labelledBy: id }}>
        {children}
      </Table>
    </section>
  );
}

/** A campaign's row heading: its dashboard, its public page (a preview while a draft), its editor for editors, then `children`. */
export function CampaignRowHeading({
  lng,
  path,
  slug,
  status,
  edits,
  children,
}: {
  lng: string;
  path: "petitions" | "letters";
  slug: string;
  status: "draft" | "live" | "closed";
  edits: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation("organize");
  return (
    <th scope="row">
      <Link to={`/${lng}/organize/${path}/${slug}`}>{slug}</Link>
      {" · "}
      <Link to={status === "draft" ? `/${lng}/${path}/${slug}?preview` : `/${lng}/${path}/${slug}`}>{t(status === "draft" ? "editor.preview" : "editor.publicPage")}</Link>
      {edits ? (
        <>
          {" · "}
          <Link to={`/${lng}/organize/${path}/${slug}/edit`}>{t("home.edit")}</Link>
        </>
      ) : null}
      {children}
    </th>
  );
}
