import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { NextAction } from "~/modules/share/next-actions";

/** "What next": the campaigns that fit after an action, then following the country. Nothing when there is none. */
export function NextActions({ lng, actions }: { lng: string; actions: NextAction[] }) {
  const { t } = useTranslation("share");
  if (actions.length === 0) return null;
  return (
    <section className="next-step" aria-labelledby="next-step-title">
      <h2 id="next-step-title">{t("block.next.title")}</h2>
      <ul className="next-actions">
        {actions.map((action) => (
          <li key={`${action.kind}-${action.kind === "follow" ? action.country : action.slug}`}>
            {action.kind === "follow" ? (
              <Link to={`/${lng}/countries/${action.country}/follow`}>{t("block.next.follow", { country: action.countryName })}</Link>
            ) : (
              <Link to={action.kind === "petition" ? `/${lng}/petitions/${action.slug}` : `/${lng}/letters/${action.slug}${action.country ? `?country=${action.country}` : ""}`}>
                {t(action.kind === "petition" ? "block.next.sign" : "block.next.write")}
                {": "}
                <span lang={action.titleLanguage}>{action.title}</span>
              </Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
