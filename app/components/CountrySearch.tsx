import { Form, Link } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "~/lib/i18n/languages";
import { canonicalCountrySegment } from "~/modules/country/country";
import { useLikelyCountry } from "./useLikelyCountry";

/** A GET form: works without JavaScript and gives a shareable URL. */
export function CountrySearch({
  lng,
  defaultValue = "",
  countries = [],
  suggestions = [],
}: {
  lng: Language;
  defaultValue?: string;
  /** The countries among which the browser finds the visitor's likely one (their language's region), offered first. */
  countries?: readonly { code2: string; code3: string; name: string }[];
  /** Country names the browser suggests as the visitor types (a native datalist). */
  suggestions?: readonly string[];
}) {
  const { t } = useTranslation("countries");
  const likely = useLikelyCountry(countries);
  const inputId = useId();
  const hintId = useId();
  const listId = useId();
  return (
    <Form method="get" action={`/${lng}/countries`} role="search" className="country-search">
      <label htmlFor={inputId}>{t("search.label")}</label>
      <p id={hintId} className="hint">
        {t("search.hint")}
      </p>
      <div className="country-search__row">
        <input
          id={inputId}
          type="search"
          name="q"
          defaultValue={defaultValue}
          aria-describedby={hintId}
          autoComplete={suggestions.length > 0 ? "off" : "country-name"}
          maxLength={100}
          list={suggestions.length > 0 ? listId : undefined}
        />
        {suggestions.length > 0 ? (
          <datalist id={listId}>
            {suggestions.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        ) : null}
        <button type="submit">{t("search.submit")}</button>
      </div>
      {likely ? (
        <p className="likely-country">
          {t("search.likely")}{" "}
          <Link to={`/${lng}/countries/${canonicalCountrySegment(likely.code3)}`}>{likely.name}</Link>
        </p>
      ) : null}
    </Form>
  );
}
