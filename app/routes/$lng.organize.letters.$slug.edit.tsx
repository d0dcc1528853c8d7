import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CampaignEditPage } from "~/components/organize/CampaignEditPage";
import { LetterCampaignEditorForm } from "~/components/organize/LetterCampaignEditorForm";
import { privatePageHeaders } from "~/lib/cache-headers";
import { SUPPORTED_LANGUAGES } from "~/lib/i18n/languages";
import { organizerMeta } from "~/lib/organizer-page";
import { campaignEditAction, campaignEditLoader } from "~/web/campaign-edit-route.server";
import { LETTER_CAMPAIGN_EDITING, targetChoicesFor } from "~/web/letter-editor-route.server";
import { letterCampaignForEditing } from "~/modules/letter/letter-campaign-editor.service.server";
import { CampaignPartnersForm } from "~/components/partner/CampaignPartnersForm";
import { campaignPartnersAction, campaignPartnersOfEditor } from "~/web/campaign-partners-route.server";

/** Edit a letter campaign's settings, targets and texts, and move it along draft → live → closed. */
export async function loader(args: LoaderFunctionArgs) {
  const page = await campaignEditLoader(args, "organize:letterEditor.editTitle", letterCampaignForEditing, (campaign) => ({
    slug: campaign.slug,
    defaultLanguage: campaign.default_language,
    deliveryMode: campaign.delivery_mode,
    dailyCapPerTarget: String(campaign.daily_cap_per_target),
    minPersonalChars: String(campaign.min_personal_chars),
    goal: campaign.goal === null ? "" : String(campaign.goal),
    targetIds: campaign.targetIds,
    texts: Object.fromEntries(Object.entries(campaign.texts).map(([l, text]) => [l, { ...text, subjects: text.subjects.join("\n") }])),
  }));
  return { ...page, targets: await targetChoicesFor(args.context.db, page.lng), partners: await campaignPartnersOfEditor(args, "letter") };
}

export async function action(args: ActionFunctionArgs) {
  return (await campaignPartnersAction(args, "letter", "letters")) ?? campaignEditAction(args, LETTER_CAMPAIGN_EDITING);
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function EditLetterCampaign() {
  const loaded = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation("organize");
  return (
    <CampaignEditPage
      title={t("letterEditor.editTitle")}
      path="letters"
      loaded={loaded}
      failed={failed}
      form={(values, errors) => (
        <>
          <LetterCampaignEditorForm csrf={loaded.csrf} languages={SUPPORTED_LANGUAGES} creating={false} targets={loaded.targets} errors={errors} values={values} />
          <CampaignPartnersForm lng={loaded.lng} csrf={loaded.csrf} {...loaded.partners} />
        </>
      )}
    />
  );
}
