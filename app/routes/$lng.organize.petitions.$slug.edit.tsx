import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CampaignStatusBar } from "~/components/organize/CampaignStatusBar";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { PetitionEditorForm } from "~/components/organize/PetitionEditorForm";
import { privatePageHeaders } from "~/lib/cache-headers";
import { readForm } from "~/lib/form.server";
import { SUPPORTED_LANGUAGES } from "~/lib/i18n/languages";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { organizerMeta } from "~/lib/organizer-page";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";
import { nextStatus } from "~/modules/campaign/campaign-lifecycle";
import { missingLanguages } from "~/modules/petition/petition-editor";
import { handleStatusMove, notFound, refuseEdit } from "~/web/campaign-edit-route.server";
import { readEditorPost } from "~/web/petition-editor-route.server";
import { movePetition, petitionForEditing, updatePetition } from "~/modules/petition/petition-editor.service.server";

/** Edit a petition's settings and texts, and move it along draft → live → closed. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "edit_campaigns");
  const petition = await petitionForEditing(context.db, params.slug ?? "");
  if (!petition) throw notFound();
  return {
    lng,
    csrf: organizer.csrfToken,
    petition: { ...petition, goal: petition.goal === null ? "" : String(petition.goal) },
    next: nextStatus(petition.status),
    missing: missingLanguages(petition.texts, SUPPORTED_LANGUAGES),
    saved: new URL(request.url).searchParams.has("saved"),
    title: pageTitle(lng, "organize:editor.editTitle"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "edit_campaigns", form);
  const slug = params.slug ?? "";
  const actor = { id: organizer.id, email: organizer.email };
  const back = `/${lng}/organize/petitions/${encodeURIComponent(slug)}/edit?saved`;
  const moved = await handleStatusMove(form, (to) => movePetition(context.db, slug, to, actor, new Date()), back, "editor.errors.transition");
  if (moved) return moved;
  const { read, values } = readEditorPost(form);
  if (!read.ok) return refuseEdit(read.errors, values, 400);
  if (!(await updatePetition(context.db, slug, { ...read.draft, slug }, actor))) throw notFound();
  throw redirect(back, 303);
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function EditPetition() {
  const { lng, csrf, petition, next, missing, saved } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation("organize");
  return (
    <OrganizerPage lng={lng} title={`${t("editor.editTitle")}: ${petition.slug}`}>
      <CampaignStatusBar
        csrf={csrf}
        status={petition.status}
        next={next}
        publicPath={`/${lng}/petitions/${petition.slug}`}
        dashboardPath={`/${lng}/organize/petitions/${petition.slug}`}
        saved={saved}
        formError={failed?.errors.form}
        missing={missing}
      />
      <PetitionEditorForm
        csrf={csrf}
        languages={SUPPORTED_LANGUAGES}
        creating={false}
        errors={failed?.values ? failed.errors : {}}
        values={failed?.values ?? { slug: petition.slug, defaultLanguage: petition.default_language, goal: petition.goal, texts: petition.texts }}
      />
    </OrganizerPage>
  );
}
