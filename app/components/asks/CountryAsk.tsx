import { useTranslation } from "react-i18next";

/** What a campaign asks of a country, for where that country stands now. */
export function CountryAsk({ country, ask }: { country: string; ask: { heading: string; body: string; language: string } }) {
  const { t } = useTranslation("asks");
  return (
    <section aria-labelledby="country-ask" className="country-ask">
      <h2 id="country-ask">{t("page.ask", { country })}</h2>
      <p lang={ask.language}>
        <strong>{ask.heading}</strong>
      </p>
      <p lang={ask.language}>{ask.body}</p>
    </section>
  );
}
