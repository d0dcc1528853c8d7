import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { TargetForm } from "~/components/organize/TargetForm";
import { privatePageHeaders } from "~/lib/cache-headers";
import { readForm } from "~/lib/form.server";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { organizerMeta } from "~/lib/organizer-page";
import { saveTarget } from "~/modules/letter/target-editor.service.server";
import { readTargetPost, targetCountryChoices } from "~/web/target-form-route.server";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";

/** Add one person to write to (many at once: the CSV import on the targets page). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "edit_campaigns");
  return { lng, csrf: organizer.csrfToken, countries: await targetCountryChoices(context.db, lng), title: pageTitle(lng, "organize:targets.form.newTitle") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "edit_campaigns", form);
  const row = readTargetPost(form);
  const outcome = await saveTarget(context.db, null, row, { id: organizer.id, email: organizer.email });
  if (outcome.kind !== "saved") return data({ problems: outcome.kind === "invalid" ? outcome.problems : {}, values: row }, { status: 400 });
  throw redirect(`/${lng}/organize/targets/${outcome.id}?saved`, 303);
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function NewTarget() {
  const { lng, csrf, countries } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation("organize");
  return (
    <OrganizerPage
      lng={lng}
      title={t("targets.form.newTitle")}
      crumbs={
        <>
          {" · "}
          <Link to={`/${lng}/organize/targets`}>{t("targets.title")}</Link>
        </>
      }
    >
      <TargetForm
        csrf={csrf}
        countries={countries}
        problems={failed?.problems ?? {}}
        values={failed?.values ?? { country: "", name: "", role: "", organization: "", email: "", language: lng, active: "yes", source_url: "", email_public: "no" }}
      />
    </OrganizerPage>
  );
}
