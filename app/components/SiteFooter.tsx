import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Language } from "~/lib/i18n/languages";

export function SiteFooter({ lng }: { lng: Language }) {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>{t("footer.about")}</p>
      <nav aria-label={t("footer.label")}>
        <ul>
          <li>
            <Link to={`/${lng}/privacy`}>{t("footer.privacy")}</Link>
          </li>
          <li>
            <Link to={`/${lng}/countries`}>{t("footer.sources")}</Link>
          </li>
        </ul>
      </nav>
    </footer>
  );
}
