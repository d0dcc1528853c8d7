import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { readForm } from "../lib/form.server";
import { requireLanguage } from "../lib/i18n/route-language.server";
import { pageTitle } from "../lib/i18n/translate.server";
import { can } from "../modules/organizer/roles";
import type { CampaignKind, UpdateFormValues } from "../modules/updates/update-rules";
import {
  campaignUpdates,
  cancelUpdate,
  findUpdateCampaign,
  saveUpdateDraft,
  sendUpdate,
  sendUpdateTest,
  updateDetail,
  type UpdateCampaign,
} from "../modules/updates/updates.service.server";
import { requireOrganizer, requireOrganizerAction } from "./organizer-session.server";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });

const pathOf = (kind: CampaignKind) => (kind === "petition" ? "petitions" : "letters");

async function campaignFrom(context: LoaderFunctionArgs["context"], kind: CampaignKind, slug: string | undefined): Promise<UpdateCampaign> {
  const campaign = slug ? await findUpdateCampaign(context.db, kind, slug) : null;
  if (!campaign) throw notFound();
  return campaign;
}

const DONE = ["saved", "sent", "scheduled", "cancelled", "tested"] as const;
const doneOf = (request: Request) => {
  const done = new URL(request.url).searchParams.get("done");
  return (DONE as readonly string[]).includes(done ?? "") ? (done as (typeof DONE)[number]) : null;
};

/** A campaign's updates with their figures, and the form of a new one. */
export async function updatesListLoader({ request, params, context }: LoaderFunctionArgs, kind: CampaignKind) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "read_dashboards");
  const campaign = await campaignFrom(context, kind, params.slug);
  return {
    lng,
    kind,
    path: pathOf(kind),
    slug: campaign.slug,
    defaultLanguage: campaign.defaultLanguage,
    csrf: organizer.csrfToken,
    canEdit: can(organizer.role, "edit_campaigns"),
    updates: await campaignUpdates(context.db, campaign, lng),
    title: pageTitle(lng, "organizeUpdates:organize.title"),
  };
}

export type UpdateFailure = {
  errors: Record<string, string>;
  values: UpdateFormValues | null;
};

/** A new draft: to its page when saved; refused, the messages by field with what was typed. */
export async function updatesListAction({ request, params, context }: ActionFunctionArgs, kind: CampaignKind) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "edit_campaigns", form);
  const campaign = await campaignFrom(context, kind, params.slug);
  const saved = await saveUpdateDraft(context.db, {
    campaign,
    updateId: null,
    form,
    actor: { id: organizer.id, email: organizer.email },
  });
  if (!saved.ok) return data<UpdateFailure>({ errors: saved.errors, values: saved.values }, { status: 400 });
  throw redirect(`/${lng}/organize/${pathOf(kind)}/${campaign.slug}/updates/${saved.updateId}?done=saved`, 303);
}

/** One update: its state and figures, the audience's size, a preview in each language, and what may be done next. */
export async function updateDetailLoader({ request, params, context }: LoaderFunctionArgs, kind: CampaignKind) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "read_dashboards");
  const campaign = await campaignFrom(context, kind, params.slug);
  const update = await updateDetail(context.db, {
    campaign,
    updateId: params.id ?? "",
    lng,
    secrets: context.config.server.sessionSecrets,
    publicUrl: context.config.server.publicUrl,
  });
  if (!update) throw notFound();
  return {
    lng,
    kind,
    path: pathOf(kind),
    slug: campaign.slug,
    csrf: organizer.csrfToken,
    canEdit: can(organizer.role, "edit_campaigns"),
    me: organizer.email,
    done: doneOf(request),
    update,
    title: pageTitle(lng, "organizeUpdates:organize.updateTitle", {
      subject: update.subject,
    }),
  };
}

/** The buttons of an update's page: save, test, send now, schedule, cancel. */
export async function updateDetailAction({ request, params, context }: ActionFunctionArgs, kind: CampaignKind) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "edit_campaigns", form);
  const campaign = await campaignFrom(context, kind, params.slug);
  const updateId = params.id ?? "";
  const actor = { id: organizer.id, email: organizer.email };
  const now = new Date();
  const back = (done: string) => redirect(`/${lng}/organize/${pathOf(kind)}/${campaign.slug}/updates/${updateId}?done=${done}`, 303);
  const intent = form.get("intent");
  if (intent === "save") {
    const saved = await saveUpdateDraft(context.db, {
      campaign,
      updateId,
      form,
      actor,
    });
    if (!saved.ok) return data<UpdateFailure>({ errors: saved.errors, values: saved.values }, { status: 400 });
    throw back("saved");
  }
  const outcome =
    intent === "test"
      ? await sendUpdateTest(context.db, { campaign, updateId, actor, now })
      : intent === "cancel"
      ? await cancelUpdate(context.db, { campaign, updateId, actor, now })
      : intent === "send" || intent === "schedule"
      ? await sendUpdate(
          context.db,
          {
            campaign,
            updateId,
            at: intent === "schedule" ? String(form.get("sendAt") ?? "") || "-" : null,
            actor,
            now,
          },
          { secrets: context.config.server.sessionSecrets, maxBatches: 2 },
        )
      : null;
  if (outcome === null) return data<UpdateFailure>({ errors: { form: "errors.intent" }, values: null }, { status: 400 });
  if (!outcome.ok) {
    if (outcome.reason === "not_found") throw notFound();
    const field = outcome.reason.startsWith("send_at") ? "sendAt" : "form";
    return data<UpdateFailure>({ errors: { [field]: `errors.${outcome.reason}` }, values: null }, { status: outcome.reason === "not_allowed" ? 409 : 400 });
  }
  throw back(intent === "test" ? "tested" : intent === "cancel" ? "cancelled" : intent === "schedule" ? "scheduled" : "sent");
}
