import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LetterCampaignEditorForm } from "~/components/organize/LetterCampaignEditorForm";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { privatePageHeaders } from "~/lib/cache-headers";
import { SUPPORTED_LANGUAGES } from "~/lib/i18n/languages";
import { organizerMeta } from "~/lib/organizer-page";
import { campaignEditorPage, campaignNewAction } from "~/web/campaign-edit-route.server";
import { LETTER_CAMPAIGN_EDITING, targetChoicesFor } from "~/web/letter-editor-route.server";

/** A new letter campaign, saved as a draft. */
export async function loader(args: LoaderFunctionArgs) {
  const page = await campaignEditorPage(args, "organize:letterEditor.newTitle");
  return { ...page, targets: await targetChoicesFor(args.context.db, page.lng) };
}

export async function action(args: ActionFunctionArgs) {
  return campaignNewAction(args, LETTER_CAMPAIGN_EDITING);
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
