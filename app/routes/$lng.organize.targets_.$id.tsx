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
import { saveTarget, targetForEditing } from "~/modules/letter/target-editor.service.server";
import { readTargetPost, targetCountryChoices } from "~/web/target-form-route.server";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });
const idOf = (raw: string | undefined) => (/^\d{1,9}$/u.test(raw ?? "") ? Number(raw) : null);

/** Change one person to write to: their details, or whether they are written to at all. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "edit_campaigns");
  const id = idOf(params.id);
  const target = id === null ? undefined : await targetForEditing(context.db, id);
  if (!target) throw notFound();
  return {
    lng,
    csrf: organizer.csrfToken,
    countries: await targetCountryChoices(context.db, lng),
    saved: new URL(request.url).searchParams.has("saved"),
    target: {
      isDemo: target.is_demo,
      values: {
        country: target.country_code,
        name: target.name,
        role: target.role,
        organization: target.organization,
        email: target.email,
        language: target.language,
        active: target.active ? "yes" : "no",
        source_url: target.source_url,
        email_public: target.email_public ? "yes" : "no",
      },
    },
    title: pageTitle(lng, "organize:targets.form.editTitle"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "edit_campaigns", form);
  const id = idOf(params.id);
  if (id === null) throw notFound();
  const row = readTargetPost(form);
  const outcome = await saveTarget(context.db, id, row, { id: organizer.id, email: organizer.email });
  if (outcome.kind === "not_found") throw notFound();
  if (outcome.kind === "invalid") return data({ problems: outcome.problems, values: row }, { status: 400 });
  throw redirect(`/${lng}/organize/targets/${id}?saved`, 303);
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function EditTarget() {
  const { lng, csrf, countries, saved, target } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation("organize");
  return (
    <OrganizerPage
      lng={lng}
      title={t("targets.form.editTitle")}
      crumbs={
        <>
          {" · "}
          <Link to={`/${lng}/organize/targets`}>{t("targets.title")}</Link>
        </>
      }
    >
      {saved ? (
        <p role="status" className="note">
          {t("editor.saved")}
        </p>
      ) : null}
      {target.isDemo ? <p className="note">{t("targets.form.demoNote")}</p> : null}
      <TargetForm csrf={csrf} countries={countries} problems={failed?.problems ?? {}} values={failed?.values ?? target.values} />
    </OrganizerPage>
  );
}
