import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGE_ENDONYMS, pathInLanguage, SUPPORTED_LANGUAGES, type Language } from "~/lib/i18n/languages";

function LanguageSwitcher({ lng }: { lng: Language }) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  return (
    <nav className="language-switcher" aria-label={t("languageSwitcher.label")}>
      <ul>
        {SUPPORTED_LANGUAGES.map((other) => (
          <li key={other}>
            <Link
              to={pathInLanguage(pathname, search, other)}
              lang={other}
              hrefLang={other}
              aria-current={other === lng ? "true" : undefined}
            >
              {LANGUAGE_ENDONYMS[other]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function SiteHeader({ lng }: { lng: Language }) {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <div className="site-header__bar">
        <Link to={`/${lng}`} className="site-name">
          {t("siteName")}
        </Link>
        <nav aria-label={t("nav.label")} className="site-nav">
          <Link to={`/${lng}/countries`}>{t("nav.countries")}</Link>
        </nav>
      </div>
      <LanguageSwitcher lng={lng} />
    </header>
  );
}
