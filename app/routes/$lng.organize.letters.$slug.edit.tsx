import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CampaignStatusBar } from "~/components/organize/CampaignStatusBar";
import { LetterCampaignEditorForm } from "~/components/organize/LetterCampaignEditorForm";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { privatePageHeaders } from "~/lib/cache-headers";
import { readForm } from "~/lib/form.server";
import { SUPPORTED_LANGUAGES } from "~/lib/i18n/languages";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { organizerMeta } from "~/lib/organizer-page";
import { handleStatusMove, notFound, refuseEdit } from "~/web/campaign-edit-route.server";
import { missingLanguages } from "~/modules/campaign/campaign-form";
import { nextStatus } from "~/modules/campaign/campaign-lifecycle";
import { letterCampaignForEditing, moveLetterCampaign, updateLetterCampaign } from "~/modules/letter/letter-campaign-editor.service.server";
import { readLetterEditorPost, targetChoicesFor } from "~/web/letter-editor-route.server";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";

/** Edit a letter campaign's settings, targets and texts, and move it along draft → live → closed. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "edit_campaigns");
  const campaign = await letterCampaignForEditing(context.db, params.slug ?? "");
  if (!campaign) throw notFound();
  const texts = Object.fromEntries(Object.entries(campaign.texts).map(([l, text]) => [l, { ...text, subjects: text.subjects.join("\n") }]));
  return {
    lng,
    csrf: organizer.csrfToken,
    campaign: {
      slug: campaign.slug,
      status: campaign.status,
      values: {
        slug: campaign.slug,
        defaultLanguage: campaign.default_language,
        deliveryMode: campaign.delivery_mode,
        dailyCapPerTarget: String(campaign.daily_cap_per_target),
        minPersonalChars: String(campaign.min_personal_chars),
        goal: campaign.goal === null ? "" : String(campaign.goal),
        targetIds: campaign.targetIds,
        texts,
      },
    },
    targets: await targetChoicesFor(context.db, lng),
    next: nextStatus(campaign.status),
    missing: missingLanguages(campaign.texts, SUPPORTED_LANGUAGES),
    saved: new URL(request.url).searchParams.has("saved"),
    title: pageTitle(lng, "organize:letterEditor.editTitle"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "edit_campaigns", form);
  const slug = params.slug ?? "";
  const actor = { id: organizer.id, email: organizer.email };
  const back = `/${lng}/organize/letters/${slug}/edit?saved`;
  const moved = await handleStatusMove(form, (to) => moveLetterCampaign(context.db, slug, to, actor, new Date()), back, "letterEditor.errors.transition");
  if (moved) return moved;
  const { read, values } = readLetterEditorPost(form);
  if (!read.ok) return refuseEdit(read.errors, values, 400);
  const outcome = await updateLetterCampaign(context.db, slug, { ...read.draft, slug }, actor);
  if (outcome === "not_found") throw notFound();
  if (outcome === "unknown_targets") return refuseEdit({ targets: "letterEditor.errors.targets" }, values, 409);
  throw redirect(back, 303);
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function EditLetterCampaign() {
  const { lng, csrf, campaign, targets, next, missing, saved } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation("organize");
  return (
    <OrganizerPage lng={lng} title={`${t("letterEditor.editTitle")}: ${campaign.slug}`}>
      <CampaignStatusBar
        csrf={csrf}
        status={campaign.status}
        next={next}
        publicPath={`/${lng}/letters/${campaign.slug}`}
        dashboardPath={`/${lng}/organize/letters/${campaign.slug}`}
        saved={saved}
        formError={failed?.errors.form}
        missing={missing}
      />
      <LetterCampaignEditorForm
        csrf={csrf}
        languages={SUPPORTED_LANGUAGES}
        creating={false}
        targets={targets}
        errors={failed?.values ? failed.errors : {}}
        values={failed?.values ?? campaign.values}
      />
    </OrganizerPage>
  );
}
