import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { Table } from "~/components/organize/Table";
import { privatePageHeaders } from "~/lib/cache-headers";
import { readForm } from "~/lib/form.server";
import { formatMoment } from "~/lib/i18n/format";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { organizerMeta } from "~/lib/organizer-page";
import { partnerByCode } from "~/modules/partner/partner.repo.server";
import { WEBHOOK_EVENTS } from "~/modules/webhooks/webhook-events";
import { createSubscription, deleteSubscription, listSubscriptions, reenableSubscription } from "~/modules/webhooks/webhook-subscriptions.service.server";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";

const DONE = ["deleted", "reenabled"] as const;

/** Webhook subscriptions: list, add (the secret shown once, in the answer to the POST), delete, switch back on. Admins only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "manage_webhooks");
  const subscriptions = await listSubscriptions(context.db, { kind: "all" });
  const done = new URL(request.url).searchParams.get("done");
  return {
    lng,
    csrf: organizer.csrfToken,
    done: (DONE as readonly string[]).includes(done ?? "") ? (done as (typeof DONE)[number]) : null,
    subscriptions: subscriptions.map((s) => ({
      id: s.id,
      url: s.url,
      events: s.events,
      partner: s.partnerCode,
      owner: s.ownerEmail,
      active: s.active,
      disabledAt: s.disabledAt?.toISOString() ?? null,
      disabledReason: s.disabledReason,
    })),
    title: pageTitle(lng, "organizeApi:webhooks.title"),
  };
}

type Typed = { url: string; events: string[]; ownerEmail: string; partner: string };
type Answer =
  | { kind: "created"; id: string; secret: string }
  | { kind: "refused"; errors: Partial<Record<"url" | "events" | "ownerEmail" | "partner", string>>; typed: Typed }
  | { kind: "row"; error: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "manage_webhooks", form);
  const actor = { id: organizer.id, email: organizer.email };
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const intent = text("intent");
  if (intent === "add") {
    const typed: Typed = { url: text("url"), events: form.getAll("events").filter((e): e is string => typeof e === "string"), ownerEmail: text("ownerEmail"), partner: text("partner").trim() };
    const partner = typed.partner === "" ? null : await partnerByCode(context.db, typed.partner);
    if (typed.partner !== "" && !partner) return data<Answer>({ kind: "refused", errors: { partner: "partner_unknown" }, typed }, { status: 400 });
    const created = await createSubscription(
      context.db,
      { url: typed.url, events: typed.events, ownerEmail: typed.ownerEmail, language: lng },
      { actor, partnerId: partner?.id ?? null },
      { allowPrivate: context.config.webhooks.allowPrivate, sessionSecrets: context.config.server.sessionSecrets },
    );
    if (!created.ok) return data<Answer>({ kind: "refused", errors: created.errors as Record<string, string>, typed }, { status: 400 });
    // Not a redirect: the secret must not travel in a URL. This answer is the only place it is shown.
    return data<Answer>({ kind: "created", id: created.id, secret: created.secret }, { headers: { "Cache-Control": "no-store" } });
  }
  const id = text("id");
  const ok = intent === "delete" ? await deleteSubscription(context.db, id, { kind: "all" }, actor) : intent === "reenable" ? await reenableSubscription(context.db, id, { kind: "all" }, actor) : false;
  if (!ok) return data<Answer>({ kind: "row", error: "not_found" }, { status: 404 });
  throw redirect(`/${lng}/organize/webhooks?done=${intent === "delete" ? "deleted" : "reenabled"}`, 303);
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

const eventKey = (event: string) => `webhooks.eventNames.${event.replace(".", "_")}`;

export default function Webhooks() {
  const { lng, csrf, done, subscriptions } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation("organizeApi");
  const refused = answer?.kind === "refused" ? answer : null;
  const error = (field: "url" | "events" | "ownerEmail" | "partner") =>
    refused?.errors[field] ? (
      <p className="field-error" id={`webhook-${field}-error`}>
        {t(`webhooks.errors.${refused.errors[field]}`)}
      </p>
    ) : null;
  const described = (field: "url" | "events" | "ownerEmail" | "partner", hint?: string) =>
    [refused?.errors[field] ? `webhook-${field}-error` : null, hint].filter(Boolean).join(" ") || undefined;
  const textField = (field: "url" | "ownerEmail" | "partner", type: "url" | "email" | "text", hint?: string) => (
    <div className="form-field">
      <label htmlFor={`webhook-${field}`}>{t(`webhooks.${field}`)}</label>
      {hint ? (
        <p className="hint" id={`webhook-${field}-hint`}>
          {t(hint)}
        </p>
      ) : null}
      {error(field)}
      <input
        id={`webhook-${field}`}
        name={field}
        type={type}
        autoComplete="off"
        defaultValue={refused?.typed[field] ?? ""}
        aria-invalid={refused?.errors[field] ? true : undefined}
        aria-describedby={described(field, hint ? `webhook-${field}-hint` : undefined)}
      />
    </div>
  );
  return (
    <OrganizerPage lng={lng} title={t("webhooks.title")}>
      <p className="hint">{t("webhooks.intro")}</p>
      {done ? (
        <p role="status" className="note">
          {t(`webhooks.done.${done}`)}
        </p>
      ) : null}
      {answer?.kind === "created" ? (
        <section role="status" className="note" aria-labelledby="webhook-secret-title">
          <h2 id="webhook-secret-title">{t("webhooks.secretTitle")}</h2>
          <p>
            <code data-testid="webhook-secret">{answer.secret}</code>
          </p>
          <p className="hint">{t("webhooks.secretHint")}</p>
        </section>
      ) : null}
      {answer?.kind === "row" ? (
        <p role="alert" className="field-error">
          {t(`webhooks.errors.${answer.error}`)}
        </p>
      ) : null}

      <h2>{t("webhooks.addTitle")}</h2>
      <Form method="post" className="sign-form" noValidate>
        <input type="hidden" name="csrf" value={csrf} />
        {textField("url", "url")}
        <fieldset className="form-field" aria-describedby={described("events")}>
          <legend>{t("webhooks.events")}</legend>
          {error("events")}
          {WEBHOOK_EVENTS.map((event) => (
            <div key={event} className="form-check">
              <input type="checkbox" id={`webhook-event-${event}`} name="events" value={event} defaultChecked={refused?.typed.events.includes(event) ?? false} />{" "}
              <label htmlFor={`webhook-event-${event}`}>
                {t(eventKey(event))} (<code>{event}</code>)
              </label>
            </div>
          ))}
        </fieldset>
        {textField("ownerEmail", "email", "webhooks.ownerHint")}
        {textField("partner", "text", "webhooks.partnerHint")}
        <button type="submit" name="intent" value="add">
          {t("webhooks.add")}
        </button>
      </Form>

      <h2 id="webhooks-list-title">{t("webhooks.listTitle")}</h2>
      {subscriptions.length === 0 ? (
        <p>{t("webhooks.none")}</p>
      ) : (
        <Table columns={[t("webhooks.url"), t("webhooks.events"), t("webhooks.partner"), t("webhooks.status"), t("webhooks.log")]} region={{ labelledBy: "webhooks-list-title" }}>
          {subscriptions.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <code>{s.url}</code>
              </th>
              <td>{s.events.map((e) => t(eventKey(e))).join(", ")}</td>
              <td>{s.partner ?? t("webhooks.platform")}</td>
              <td>
                {s.active ? t("webhooks.active") : t("webhooks.disabled")}
                {s.disabledAt ? (
                  <>
                    <br />
                    <small>{t("webhooks.disabledAt", { date: formatMoment(lng, s.disabledAt), reason: s.disabledReason ?? "" })}</small>
                  </>
                ) : null}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="csrf" value={csrf} />
                  <input type="hidden" name="id" value={s.id} />
                  {s.active ? null : (
                    <button type="submit" name="intent" value="reenable">
                      {t("webhooks.reenable")}
                    </button>
                  )}{" "}
                  <button type="submit" name="intent" value="delete" aria-label={t("webhooks.deleteFor", { url: s.url })}>
                    {t("webhooks.delete")}
                  </button>
                </Form>
              </td>
              <td>
                <Link to={`/${lng}/organize/webhooks/${s.id}`}>{t("webhooks.log")}</Link>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </OrganizerPage>
  );
}
