import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FactField, TreatyFactFields } from "~/components/organize/FactFields";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { Table } from "~/components/organize/Table";
import { privatePageHeaders } from "~/lib/cache-headers";
import { organizerMeta } from "~/lib/organizer-page";
import { readForm } from "~/lib/form.server";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { serverT } from "~/lib/i18n/translate.server";
import {
  readLeadConfirmation,
  readLeadDismissal,
  type FactField as FactFieldName,
} from "~/modules/country/fact-form";
import { isTreatyFactKind } from "~/modules/country/treaty-facts";
import {
  confirmLead,
  dismissLead,
  findLead,
  leadNamesParticipant,
  leadsOverview,
  type Lead,
} from "~/modules/country/treaty-leads.service.server";
import { isoDay } from "~/modules/country/treaty-standing.server";
import { can } from "~/modules/organizer/roles";
import {
  requireOrganizer,
  requireOrganizerAction,
} from "~/web/organizer-session.server";

const notFound = () =>
  new Response(null, { status: 404, statusText: "Not Found" });
const FIELDS = [
  "action",
  "date",
  "sourceUrl",
  "confidence",
  "notes",
  "declarationText",
  "declarationUrl",
] as const;

const shown = (lead: Lead) => ({
  id: lead.id,
  countryCode: lead.countryCode,
  countryName: lead.countryName,
  kind: lead.kind,
  occurredOn: lead.occurredOn,
  detail: lead.detail,
  sourceUrl: lead.sourceUrl,
  sourceTitle: lead.sourceTitle,
  notes: lead.notes,
  confidence: lead.confidence,
  namesParticipant: leadNamesParticipant(lead),
  status: lead.status,
  resolvedByEmail: lead.resolvedByEmail,
  resolvedAt: lead.resolvedAt ? new Date(lead.resolvedAt).toISOString() : null,
  confirmedSourceUrl: lead.confirmedSourceUrl,
  resolutionNote: lead.resolutionNote,
});

/** Every lead still to verify (never public), with confirm and dismiss, and the ones already resolved. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(
    request,
    context,
    lng,
    "read_dashboards"
  );
  const { open, resolved } = await leadsOverview(
    context.db,
    context.config.treaty.slug
  );
  const done = new URL(request.url).searchParams.get("done");
  return {
    lng,
    csrf: organizer.csrfToken,
    canEdit: can(organizer.role, "edit_campaigns"),
    done: done === "confirmed" || done === "dismissed" ? done : null,
    open: open.map(shown),
    resolved: resolved.map(shown),
    title: serverT(lng)("organize:leads.title"),
  };
}

type Failure = {
  leadId: number | null;
  intent: "confirm" | "dismiss";
  errors: Partial<Record<FactFieldName, string>>;
  values: Record<string, string>;
  message?: string;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(
    request,
    context,
    lng,
    "edit_campaigns",
    form
  );
  const get = (name: string) =>
    typeof form.get(name) === "string" ? (form.get(name) as string) : "";
  const treatySlug = context.config.treaty.slug;
  const actor = { id: organizer.id, email: organizer.email };
  const intent = get("intent") === "dismiss" ? "dismiss" : "confirm";
  const values = Object.fromEntries(FIELDS.map((k) => [k, get(k)]));
  const leadId = Number(get("leadId"));
  const fail = (status: number, failure: Omit<Failure, "intent" | "values">) =>
    data<Failure>({ intent, values, ...failure }, { status });
  if (!Number.isSafeInteger(leadId) || leadId <= 0)
    return fail(400, {
      leadId: null,
      errors: {},
      message: "leads.errors.noLead",
    });
  const lead = await findLead(context.db, treatySlug, leadId);
  if (!lead) throw notFound();
  if (lead.status !== "open")
    return fail(409, {
      leadId,
      errors: {},
      message: "leads.errors.alreadyResolved",
    });

  let outcome;
  if (intent === "dismiss") {
    const read = readLeadDismissal(get);
    if (!read.ok) return fail(400, { leadId, errors: read.errors });
    outcome = await dismissLead(context.db, {
      treatySlug,
      leadId,
      note: read.fact.note,
      actor,
    });
  } else {
    const today = isoDay(new Date());
    const read = readLeadConfirmation(get, today, {
      sourceUrl: lead.sourceUrl,
      namesParticipant: leadNamesParticipant(lead),
    });
    if (!read.ok) return fail(400, { leadId, errors: read.errors });
    outcome = await confirmLead(context.db, {
      treatySlug,
      leadId,
      confirmation: read.fact,
      actor,
      today,
    });
  }
  if (!outcome.ok) {
    if (outcome.reason === "not_found") throw notFound();
    if (outcome.reason === "already_resolved")
      return fail(409, {
        leadId,
        errors: {},
        message: "leads.errors.alreadyResolved",
      });
    if (outcome.reason === "same_source")
      return fail(400, {
        leadId,
        errors: { sourceUrl: "leads.errors.sameSource" },
      });
    return fail(400, { leadId, errors: {}, message: "leads.errors.noLead" });
  }
  throw redirect(
    `/${lng}/organize/leads?done=${
      intent === "dismiss" ? "dismissed" : "confirmed"
    }`,
    303
  );
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

type ShownLead = ReturnType<typeof shown>;

function LeadSummary({ lead, lng }: { lead: ShownLead; lng: string }) {
  const { t } = useTranslation("organize");
  return (
    <dl>
      <dt>{t("leads.date")}</dt>
      <dd>{lead.occurredOn ?? t("facts.noDate")}</dd>
      <dt>{t("leads.detail")}</dt>
      <dd lang="en">{lead.detail}</dd>
      <dt>{t("leads.source")}</dt>
      <dd>
        <a href={lead.sourceUrl} lang={lead.sourceTitle ? "en" : undefined}>
          {lead.sourceTitle || lead.sourceUrl}
        </a>
      </dd>
      <dt>{t("leads.why")}</dt>
      <dd>
        {t(`leads.confidences.${lead.confidence}`)}
        {lead.notes ? (
          <>
            {" "}
            — <span lang="en">{lead.notes}</span>
          </>
        ) : null}
      </dd>
      {lead.countryCode ? (
        <>
          <dt>{t("leads.facts")}</dt>
          <dd>
            <Link
              to={`/${lng}/organize/countries/${lead.countryCode.toLowerCase()}`}
            >
              {t("leads.countryFacts", {
                country: lead.countryName ?? lead.countryCode,
              })}
            </Link>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export default function Leads() {
  const { lng, csrf, canEdit, done, open, resolved } =
    useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation("organize");
  const failedFor = (leadId: number, intent: "confirm" | "dismiss") =>
    failed && failed.leadId === leadId && failed.intent === intent
      ? failed
      : null;
  const country = (lead: ShownLead) =>
    lead.countryName ?? t("leads.noParticipant");
  return (
    <OrganizerPage lng={lng} title={t("leads.title")}>
      <p>{t("leads.intro")}</p>
      {done ? (
        <p role="status" className="note">
          {t(`leads.done.${done}`)}
        </p>
      ) : null}
      {failed?.message ? (
        <p role="alert" className="field-error">
          {t(failed.message)}
        </p>
      ) : null}
      <section aria-labelledby="open-title">
        <h2 id="open-title">{t("leads.open", { n: open.length })}</h2>
        {open.length === 0 ? <p>{t("leads.noneOpen")}</p> : null}
        {open.map((lead) => {
          const confirmFailed = failedFor(lead.id, "confirm");
          const dismissFailed = failedFor(lead.id, "dismiss");
          const confirmValues = confirmFailed?.values ?? {
            action: isTreatyFactKind(lead.kind) ? lead.kind : "",
            date: lead.occurredOn ?? "",
          };
          return (
            <article
              key={lead.id}
              id={`lead-${lead.id}`}
              aria-labelledby={`lead-${lead.id}-title`}
            >
              <h3 id={`lead-${lead.id}-title`}>
                {country(lead)} — {t(`leads.kinds.${lead.kind}`)}
              </h3>
              <LeadSummary lead={lead} lng={lng} />
              {canEdit ? (
                <>
                  <details open={confirmFailed !== null}>
                    <summary id={`lead-${lead.id}-confirm-title`}>
                      {t("leads.confirm")}
                    </summary>
                    <Form
                      method="post"
                      className="sign-form"
                      aria-labelledby={`lead-${lead.id}-confirm-title`}
                    >
                      <p className="hint">
                        {lead.namesParticipant
                          ? t("leads.confirmHint")
                          : t("leads.confirmNoteHint")}
                      </p>
                      <input type="hidden" name="csrf" value={csrf} />
                      <input type="hidden" name="intent" value="confirm" />
                      <input type="hidden" name="leadId" value={lead.id} />
                      {lead.namesParticipant ? (
                        <TreatyFactFields
                          form={`lead-${lead.id}-confirm`}
                          errors={confirmFailed?.errors ?? {}}
                          values={confirmValues}
                        />
                      ) : (
                        <>
                          <FactField
                            form={`lead-${lead.id}-confirm`}
                            name="sourceUrl"
                            label={t("leads.betterSource")}
                            errors={confirmFailed?.errors ?? {}}
                            values={confirmValues}
                            kind="url"
                          />
                          <FactField
                            form={`lead-${lead.id}-confirm`}
                            name="notes"
                            label={t("leads.note")}
                            errors={confirmFailed?.errors ?? {}}
                            values={confirmValues}
                            kind="textarea"
                          />
                        </>
                      )}
                      <button type="submit">{t("leads.confirmButton")}</button>
                    </Form>
                  </details>
                  <details open={dismissFailed !== null}>
                    <summary id={`lead-${lead.id}-dismiss-title`}>
                      {t("leads.dismiss")}
                    </summary>
                    <Form
                      method="post"
                      className="sign-form"
                      aria-labelledby={`lead-${lead.id}-dismiss-title`}
                    >
                      <input type="hidden" name="csrf" value={csrf} />
                      <input type="hidden" name="intent" value="dismiss" />
                      <input type="hidden" name="leadId" value={lead.id} />
                      <FactField
                        form={`lead-${lead.id}-dismiss`}
                        name="notes"
                        label={t("leads.dismissNote")}
                        errors={dismissFailed?.errors ?? {}}
                        values={dismissFailed?.values ?? {}}
                        kind="textarea"
                      />
                      <button type="submit">{t("leads.dismissButton")}</button>
                    </Form>
                  </details>
                </>
              ) : null}
            </article>
          );
        })}
      </section>
      <section aria-labelledby="resolved-title">
        <h2 id="resolved-title">{t("leads.resolved")}</h2>
        {resolved.length === 0 ? (
          <p>{t("leads.noneResolved")}</p>
        ) : (
          <Table
            columns={[
              t("leads.country"),
              t("leads.kind"),
              t("leads.detail"),
              t("leads.outcome"),
              t("leads.who"),
              t("leads.when"),
              t("leads.betterSource"),
              t("leads.note"),
            ]}
          >
            {resolved.map((lead) => (
              <tr key={lead.id}>
                <td>{country(lead)}</td>
                <td>{t(`leads.kinds.${lead.kind}`)}</td>
                <td lang="en">{lead.detail}</td>
                <td>{t(`leads.outcomes.${lead.status}`)}</td>
                <td>{lead.resolvedByEmail}</td>
                <td>
                  {lead.resolvedAt
                    ? `${lead.resolvedAt.replace("T", " ").slice(0, 16)} UTC`
                    : ""}
                </td>
                <td>
                  {lead.confirmedSourceUrl ? (
                    <a href={lead.confirmedSourceUrl}>
                      {lead.confirmedSourceUrl}
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
                <td>{lead.resolutionNote}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </OrganizerPage>
  );
}
