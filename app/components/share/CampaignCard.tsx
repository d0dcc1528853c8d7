import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * One campaign to act on, as the home page and the pages after an action show it: its kind, its
 * title, what the caller adds (a count), and one clear link to act, which names the campaign to
 * screen readers too.
 */
export function CampaignCard({
  kind,
  title,
  titleLanguage,
  href,
  action,
  children,
}: {
  kind: "petition" | "letter_campaign";
  title: string;
  titleLanguage: string;
  href: string;
  /** The link's words: "Sign the petition", "Write a letter"… */
  action: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <li className="campaign-card">
      <p className="petition-kind">{t(kind === "petition" ? "petitions:kind" : "letters:kind")}</p>
      <h3 lang={titleLanguage}>{title}</h3>
      {children}
      <p>
        <Link className="button-link" to={href}>
          {action}
          <span className="visually-hidden" lang={titleLanguage}>
            {": "}
            {title}
          </span>
        </Link>
      </p>
    </li>
  );
}
