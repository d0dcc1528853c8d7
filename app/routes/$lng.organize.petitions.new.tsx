import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { PetitionEditorForm } from "~/components/organize/PetitionEditorForm";
import { privatePageHeaders } from "~/lib/cache-headers";
import { readForm } from "~/lib/form.server";
import { SUPPORTED_LANGUAGES } from "~/lib/i18n/languages";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { organizerMeta } from "~/lib/organizer-page";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";
import { readEditorPost } from "~/web/petition-editor-route.server";
import { createPetition } from "~/modules/petition/petition-editor.service.server";

/** A new petition, saved as a draft. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "edit_campaigns");
  return { lng, csrf: organizer.csrfToken, title: pageTitle(lng, "organize:editor.newTitle") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "edit_campaigns", form);
  const { read, values } = readEditorPost(form);
  if (!read.ok) return data({ errors: read.errors, values }, { status: 400 });
  const outcome = await createPetition(context.db, read.draft, { id: organizer.id, email: organizer.email }, context.config.treaty.slug);
  if (outcome === "slug_taken") return data({ errors: { slug: "editor.errors.slugTaken" }, values }, { status: 409 });
  throw redirect(`/${lng}/organize/petitions/${read.draft.slug}/edit?saved`, 303);
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function NewPetition() {
  const { lng, csrf } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation("organize");
  return (
    <OrganizerPage lng={lng} title={t("editor.newTitle")}>
      <PetitionEditorForm
        csrf={csrf}
        languages={SUPPORTED_LANGUAGES}
        creating
        errors={failed?.errors ?? {}}
        values={failed?.values ?? { slug: "", defaultLanguage: lng, goal: "", texts: {} }}
      />
    </OrganizerPage>
  );
}
