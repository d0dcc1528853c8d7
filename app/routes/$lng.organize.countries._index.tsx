import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { privatePageHeaders } from "~/lib/cache-headers";
import { organizerMeta } from "~/lib/organizer-page";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { formatNumber } from "~/lib/i18n/format";
import { followerSortOf } from "~/modules/follow/followers-by-country";
import { followersByCountry } from "~/modules/follow/follow.service.server";
import { can } from "~/modules/organizer/roles";
import { countryNameIn } from "~/web/follow-route.server";
import { requireOrganizer } from "~/web/organizer-session.server";

/** Open one country's facts by its code (a GET form, so it works without JavaScript); and the confirmed followers of each country. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "read_dashboards");
  const url = new URL(request.url);
  const code = (url.searchParams.get("code") ?? "").trim();
  if (/^[A-Za-z]{3}$/u.test(code)) throw redirect(`/${lng}/organize/countries/${code.toLowerCase()}`);
  const sort = followerSortOf(url.searchParams.get("sort"));
  const followers = await followersByCountry(context.db, { treatySlug: context.config.treaty.slug, lng, sort, countryNameIn });
  return { lng, code, invalid: code !== "", canImport: can(organizer.role, "edit_campaigns"), sort, followers, title: pageTitle(lng, "organize:facts.title") };
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function CountryFactsLookup() {
  const { lng, code, invalid, canImport, sort, followers } = useLoaderData<typeof loader>();
  const { t } = useTranslation("organize");
  return (
    <OrganizerPage lng={lng} title={t("facts.title")}>
      <Form method="get" className="country-step">
        <div className="form-field">
          <label htmlFor="facts-code">{t("facts.lookup.label")}</label>
          {invalid ? (
            <p className="field-error" id="facts-code-error">
              {t("facts.lookup.invalid")}
            </p>
          ) : null}
          <input id="facts-code" name="code" maxLength={3} defaultValue={code} {...(invalid ? { "aria-invalid": true, "aria-describedby": "facts-code-error" } : {})} />
        </div>
        <button type="submit">{t("facts.lookup.submit")}</button>
      </Form>
      {canImport ? (
        <p>
          <a href={`/${lng}/organize/countries/import`}>{t("depositaryImport.link")}</a>
        </p>
      ) : null}
      <section aria-labelledby="followers-title">
        <h2 id="followers-title">{t("followers.byCountry")}</h2>
        {followers.length === 0 ? (
          <p>{t("followers.none")}</p>
        ) : (
          <table className="followers-by-country">
            <thead>
              <tr>
                <th scope="col" aria-sort={sort === "name" ? "ascending" : undefined}>
                  {sort === "name" ? t("followers.country") : <Link to="?sort=name">{t("followers.country")}</Link>}
                </th>
                <th scope="col" aria-sort={sort === "followers" ? "descending" : undefined}>
                  {sort === "followers" ? t("followers.followers") : <Link to="?sort=followers">{t("followers.followers")}</Link>}
                </th>
              </tr>
            </thead>
            <tbody>
              {followers.map((c) => (
                <tr key={c.code3}>
                  <th scope="row">
                    <Link to={`/${lng}/organize/countries/${c.code3.toLowerCase()}`}>{c.name}</Link>
                  </th>
                  <td>{formatNumber(lng, c.followers)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </OrganizerPage>
  );
}
