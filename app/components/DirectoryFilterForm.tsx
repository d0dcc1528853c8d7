import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { COUNTRY_STATUSES } from "~/modules/country/country";
import { SORT_KEYS, VOTE_CHOICES, type DirectoryFilters } from "~/modules/country/country-directory";

/** A GET form: each filtered view is a URL, and it works without JavaScript. */
export function DirectoryFilterForm({
  lng,
  regions,
  filters,
  voteReference,
}: {
  lng: string;
  regions: readonly string[];
  filters: DirectoryFilters;
  voteReference: string | null;
}) {
  const { t } = useTranslation("countries");
  return (
    <Form method="get" action={`/${lng}/countries`} className="filter-form">
      <fieldset>
        <legend>{t("filters.legend")}</legend>
        <div className="filter-form__fields">
          <label>
            {t("filters.region")}
            <select name="region" defaultValue={filters.region ?? ""}>
              <option value="">{t("filters.any")}</option>
              {regions.map((region) => (
                <option key={region} value={region}>
                  {t(`regions.${region}`, { defaultValue: region })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("filters.status")}
            <select name="status" defaultValue={filters.status ?? ""}>
              <option value="">{t("filters.any")}</option>
              {COUNTRY_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`status.${status}`)}
                </option>
              ))}
            </select>
          </label>
          {voteReference ? (
            <label>
              {t("filters.vote", { reference: voteReference })}
              <select name="vote" defaultValue={filters.vote ?? ""}>
                <option value="">{t("filters.any")}</option>
                {VOTE_CHOICES.map((vote) => (
                  <option key={vote} value={vote}>
                    {t(`vote.${vote}`)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            {t("filters.sort")}
            <select name="sort" defaultValue={filters.sort}>
              {SORT_KEYS.map((key) => (
                <option key={key} value={key}>
                  {t(`sortBy.${key}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <button type="submit">{t("filters.apply")}</button>
      </fieldset>
    </Form>
  );
}
