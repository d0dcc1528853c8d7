import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CampaignEditPage } from "~/components/organize/CampaignEditPage";
import { PetitionEditorForm } from "~/components/organize/PetitionEditorForm";
import { privatePageHeaders } from "~/lib/cache-headers";
import { SUPPORTED_LANGUAGES } from "~/lib/i18n/languages";
import { organizerMeta } from "~/lib/organizer-page";
import { campaignEditAction, campaignEditLoader } from "~/web/campaign-edit-route.server";
import { PETITION_EDITING } from "~/web/petition-editor-route.server";
import { petitionForEditing } from "~/modules/petition/petition-editor.service.server";
import { CampaignPartnersForm } from "~/components/partner/CampaignPartnersForm";
import { campaignPartnersAction, campaignPartnersOfEditor } from "~/web/campaign-partners-route.server";

/** Edit a petition's settings and texts, and move it along draft → live → closed. */
export async function loader(args: LoaderFunctionArgs) {
  const page = await campaignEditLoader(args, "organize:editor.editTitle", petitionForEditing, (petition) => ({
    slug: petition.slug,
    defaultLanguage: petition.default_language,
    goal: petition.goal === null ? "" : String(petition.goal),
    texts: petition.texts,
  }));
  return { ...page, partners: await campaignPartnersOfEditor(args, "petition") };
}

export async function action(args: ActionFunctionArgs) {
  return (await campaignPartnersAction(args, "petition", "petitions")) ?? campaignEditAction(args, PETITION_EDITING);
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function EditPetition() {
  const loaded = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation("organize");
  return (
    <CampaignEditPage
      title={t("editor.editTitle")}
      path="petitions"
      loaded={loaded}
      failed={failed}
      form={(values, errors) => (
        <>
          <PetitionEditorForm csrf={loaded.csrf} languages={SUPPORTED_LANGUAGES} creating={false} errors={errors} values={values} />
          <CampaignPartnersForm lng={loaded.lng} csrf={loaded.csrf} {...loaded.partners} />
        </>
      )}
    />
  );
}
