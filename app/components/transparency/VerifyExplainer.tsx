import { useTranslation } from "react-i18next";

const PROVES = ["count", "grows", "yours", "private"] as const;

/** The log in plain words: what it is, what it proves to anyone, and what it cannot. */
export function VerifyExplainer() {
  const { t } = useTranslation("transparency");
  return (
    <section className="verify-explainer" aria-labelledby="verify-what-title">
      <h2 id="verify-what-title">{t("explain.title")}</h2>
      <p>{t("explain.what")}</p>
      <h3>{t("explain.provesTitle")}</h3>
      <ul>
        {PROVES.map((item) => (
          <li key={item}>{t(`explain.proves.${item}`)}</li>
        ))}
      </ul>
      <h3>{t("explain.cannotTitle")}</h3>
      <p>{t("explain.cannot")}</p>
    </section>
  );
}
