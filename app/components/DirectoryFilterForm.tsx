import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SORT_KEYS, VOTE_CHOICES, type DirectoryFilters } from "~/modules/country/country-directory";
import type { ParticipantStatus } from "~/modules/country/treaty-status";

function FilterSelect({
  label,
  name,
  value,
  options,
  anyLabel,
}: {
  label: string;
  name: string;
  value: string;
  options: readonly { value: string; label: string }[];
  /** The "no filter" choice; absent where one value is always chosen (sorting). */
  anyLabel?: string;
}) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={value}>
        {anyLabel ? <option value="">{anyLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A GET form: each filtered view is a URL, and it works without JavaScript. */
export function DirectoryFilterForm({
  lng,
  regions,
  filters,
  voteReference,
  statuses,
}: {
  lng: string;
  /** The statuses a participant can have in the treaty's phase. */
  statuses: readonly ParticipantStatus[];
  regions: readonly string[];
  filters: DirectoryFilters;
  voteReference: string | null;
}) {
  const { t } = useTranslation("countries");
  const any = t("filters.any");
  return (
    <Form method="get" action={`/${lng}/countries`} className="filter-form">
      <fieldset>
        <legend>{t("filters.legend")}</legend>
        <div className="filter-form__fields">
          <FilterSelect
            label={t("filters.region")}
            name="region"
            value={filters.region ?? ""}
            anyLabel={any}
            options={regions.map((region) => ({ value: region, label: t(`regions.${region}`, { defaultValue: region }) }))}
          />
          <FilterSelect
            label={t("filters.status")}
            name="status"
            value={filters.status ?? ""}
            anyLabel={any}
            options={statuses.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          />
          {voteReference ? (
            <FilterSelect
              label={t("filters.vote", { reference: voteReference })}
              name="vote"
              value={filters.vote ?? ""}
              anyLabel={any}
              options={VOTE_CHOICES.map((vote) => ({ value: vote, label: t(`vote.${vote}`) }))}
            />
          ) : null}
          <FilterSelect
            label={t("filters.sort")}
            name="sort"
            value={filters.sort}
            options={SORT_KEYS.map((key) => ({ value: key, label: t(`sortBy.${key}`) }))}
          />
        </div>
        <button type="submit">{t("filters.apply")}</button>
      </fieldset>
    </Form>
  );
}
