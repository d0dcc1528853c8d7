import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { privatePageHeaders } from "~/lib/cache-headers";
import { organizerMeta } from "~/lib/organizer-page";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { requireOrganizer } from "~/web/organizer-session.server";

/** Open one country's facts by its code (a GET form, so it works without JavaScript). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  await requireOrganizer(request, context, lng, "read_dashboards");
  const code = (new URL(request.url).searchParams.get("code") ?? "").trim();
  if (/^[A-Za-z]{3}$/u.test(code)) throw redirect(`/${lng}/organize/countries/${code.toLowerCase()}`);
  return { lng, code, invalid: code !== "", title: pageTitle(lng, "organize:facts.title") };
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function CountryFactsLookup() {
  const { lng, code, invalid } = useLoaderData<typeof loader>();
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
      <p><a href={`/${lng}/organize/countries/import`}>{t("depositaryImport.link")}</a></p>
    </OrganizerPage>
  );
}
