import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LetterCampaignEditorForm } from "~/components/organize/LetterCampaignEditorForm";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { privatePageHeaders } from "~/lib/cache-headers";
import { readForm } from "~/lib/form.server";
import { SUPPORTED_LANGUAGES } from "~/lib/i18n/languages";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { organizerMeta } from "~/lib/organizer-page";
import { readLetterEditorPost, targetChoicesFor } from "~/web/letter-editor-route.server";
import { createLetterCampaign } from "~/modules/letter/letter-campaign-editor.service.server";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";

/** A new letter campaign, saved as a draft. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "edit_campaigns");
  return { lng, csrf: organizer.csrfToken, targets: await targetChoicesFor(context.db, lng), title: pageTitle(lng, "organize:letterEditor.newTitle") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "edit_campaigns", form);
  const { read, values } = readLetterEditorPost(form);
  if (!read.ok) return data({ errors: read.errors, values }, { status: 400 });
  const outcome = await createLetterCampaign(context.db, read.draft, { id: organizer.id, email: organizer.email }, context.config.treaty.slug);
  if (outcome === "slug_taken") return data({ errors: { slug: "letterEditor.errors.slugTaken" }, values }, { status: 409 });
  if (outcome === "unknown_targets") return data({ errors: { targets: "letterEditor.errors.targets" }, values }, { status: 409 });
  throw redirect(`/${lng}/organize/letters/${read.draft.slug}/edit?saved`, 303);
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function NewLetterCampaign() {
  const { lng, csrf, targets } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation("organize");
  return (
    <OrganizerPage lng={lng} title={t("letterEditor.newTitle")}>
      <LetterCampaignEditorForm
        csrf={csrf}
        languages={SUPPORTED_LANGUAGES}
        creating
        targets={targets}
        errors={failed?.errors ?? {}}
        values={failed?.values ?? { slug: "", defaultLanguage: lng, deliveryMode: "individual", dailyCapPerTarget: "50", minPersonalChars: "40", goal: "", targetIds: [], texts: {} }}
      />
    </OrganizerPage>
  );
}
