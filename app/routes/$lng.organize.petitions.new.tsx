import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { PetitionEditorForm } from "~/components/organize/PetitionEditorForm";
import { privatePageHeaders } from "~/lib/cache-headers";
import { SUPPORTED_LANGUAGES } from "~/lib/i18n/languages";
import { organizerMeta } from "~/lib/organizer-page";
import { campaignEditorPage, campaignNewAction } from "~/web/campaign-edit-route.server";
import { PETITION_EDITING } from "~/web/petition-editor-route.server";

/** A new petition, saved as a draft. */
export async function loader(args: LoaderFunctionArgs) {
  return campaignEditorPage(args, "organize:editor.newTitle");
}

export async function action(args: ActionFunctionArgs) {
  return campaignNewAction(args, PETITION_EDITING);
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
