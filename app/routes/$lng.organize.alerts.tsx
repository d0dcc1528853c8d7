import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { Table } from "~/components/organize/Table";
import { privatePageHeaders } from "~/lib/cache-headers";
import { readForm } from "~/lib/form.server";
import { LANGUAGE_ENDONYMS, isSupportedLanguage, textDirection } from "~/lib/i18n/languages";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { serverT } from "~/lib/i18n/translate.server";
import { organizerMeta } from "~/lib/organizer-page";
import { PARTICIPANT_STATUSES, readAlertRequest } from "~/modules/alerts/alert-rules";
import { alertQueue, decideAlert, saveAlertSettings, type AlertView } from "~/modules/alerts/alerts.service.server";
import { can } from "~/modules/organizer/roles";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";

const DONE = ["sent", "discarded", "settings"] as const;

/** Alerts to review (what changed, its facts, the audience, the mail in each language), and the ones decided. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "read_dashboards");
  const queue = await alertQueue(context.db, {
    treatySlug: context.config.treaty.slug,
    lng,
    secrets: context.config.server.sessionSecrets,
    publicUrl: context.config.server.publicUrl,
  });
  const done = new URL(request.url).searchParams.get("done");
  return {
    lng,
    csrf: organizer.csrfToken,
    canEdit: can(organizer.role, "edit_campaigns"),
    done: (DONE as readonly string[]).includes(done ?? "") ? (done as (typeof DONE)[number]) : null,
    ...queue,
    title: serverT(lng)("organize:alerts.title"),
  };
}

type Failure = { alertId: string | null; message: "decision" | "noAlert" | "alreadyDecided" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "edit_campaigns", form);
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const read = readAlertRequest(
    (name) => text(form.get(name)),
    (name) => form.getAll(name).map(text),
  );
  const actor = { id: organizer.id, email: organizer.email };
  if (read.kind === "invalid") return data<Failure>({ alertId: null, message: read.message }, { status: 400 });
  if (read.kind === "settings") {
    await saveAlertSettings(context.db, { sendWithoutReview: read.sendWithoutReview, actor });
    throw redirect(`/${lng}/organize/alerts?done=settings`, 303);
  }
  const outcome = await decideAlert(
    context.db,
    { treatySlug: context.config.treaty.slug, alertId: read.alertId, decision: read.decision, actor, now: new Date() },
    { secrets: context.config.server.sessionSecrets },
  );
  if (!outcome.ok) {
    const message = outcome.reason === "not_found" ? "noAlert" : "alreadyDecided";
    return data<Failure>({ alertId: read.alertId, message }, { status: outcome.reason === "not_found" ? 404 : 409 });
  }
  throw redirect(`/${lng}/organize/alerts?done=${read.decision === "send" ? "sent" : "discarded"}`, 303);
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

const when = (iso: string | null) => (iso ? `${iso.replace("T", " ").slice(0, 16)}` : "");
const languageName = (lng: string) => (isSupportedLanguage(lng) ? LANGUAGE_ENDONYMS[lng] : lng);

function ChangeSummary({ alert }: { alert: AlertView }) {
  const { t } = useTranslation("organize");
  const status = (s: string | null) => (s ? t(`facts.statuses.${s}`) : t("alerts.nothingReported"));
  const { change } = alert;
  return (
    <>
      <h4>{t("alerts.what")}</h4>
      <ul>
        <li>
          {change.from === change.to
            ? t("alerts.confirmedSame", { status: status(change.to) })
            : t("alerts.confirmedMove", { from: status(change.from), to: status(change.to) })}
        </li>
        <li>{t("alerts.reportedMove", { from: status(change.reportedFrom), to: status(change.reportedTo) })}</li>
        <li>{t("alerts.recorded", { who: change.by, cause: t(`facts.causes.${change.cause}`), when: when(change.at) })}</li>
      </ul>
      <h4>{t("alerts.facts")}</h4>
      {alert.facts.length === 0 ? <p>{t("alerts.noFacts")}</p> : null}
      <ul>
        {alert.facts.map((fact, i) => (
          <li key={i}>
            {fact.removed
              ? t("alerts.factRemoved", { kind: t(`facts.kinds.${fact.kind}`) })
              : t("alerts.factLine", {
                  kind: t(`facts.kinds.${fact.kind}`),
                  date: fact.actedOn ?? t("alerts.noDate"),
                  confidence: fact.confidence ? t(`facts.confidences.${fact.confidence}`) : "—",
                })}
            {fact.sourceUrl ? (
              <>
                {" "}
                (<a href={fact.sourceUrl}>{t("alerts.source")}</a>)
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <h4>{t("alerts.claim")}</h4>
      <p>{t(`alerts.claims.${alert.claim.certainty}`)}</p>
    </>
  );
}

export default function Alerts() {
  const { lng, csrf, canEdit, done, open, decided, settings } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation("organize");
  return (
    <OrganizerPage lng={lng} title={t("alerts.title")}>
      <p>{t("alerts.intro")}</p>
      {done ? (
        <p role="status" className="note">
          {t(`alerts.done.${done}`)}
        </p>
      ) : null}
      {failed ? (
        <p role="alert" className="field-error">
          {t(`alerts.errors.${failed.message}`)}
        </p>
      ) : null}
      {!canEdit ? <p className="hint">{t("alerts.viewerNote")}</p> : null}
      <section aria-labelledby="open-title">
        <h2 id="open-title">{t("alerts.open", { n: open.length })}</h2>
        {open.length === 0 ? <p>{t("alerts.noneOpen")}</p> : null}
        {open.map((alert) => (
          <article key={alert.id} id={`alert-${alert.id}`} aria-labelledby={`alert-${alert.id}-title`}>
            <h3 id={`alert-${alert.id}-title`}>
              <Link to={`/${lng}/organize/countries/${alert.countryCode.toLowerCase()}`}>{alert.countryName}</Link>
              {" — "}
              {t(`facts.statuses.${alert.claim.status}`)}
            </h3>
            <ChangeSummary alert={alert} />
            {alert.status === "sending" ? (
              <p role="status">{t("alerts.sending", { count: alert.enqueued })}</p>
            ) : (
              <>
                <h4>{t("alerts.audience")}</h4>
                <p>{alert.audience && alert.audience.total > 0 ? t("alerts.audienceCount", { count: alert.audience.total - alert.audience.signers }) : t("alerts.audienceNone")}</p>
                {alert.audience && alert.audience.signers > 0 ? <p>{t("followers.audienceSigners", { count: alert.audience.signers })}</p> : null}
                <p className="hint">{t("followers.audienceHint")}</p>
                {alert.audience && alert.audience.byLanguage.length > 0 ? (
                  <ul>
                    {alert.audience.byLanguage.map((entry) => (
                      <li key={entry.lng}>{t("alerts.byLanguage", { language: languageName(entry.lng), count: entry.count })}</li>
                    ))}
                  </ul>
                ) : null}
                {alert.previews.map((preview) => (
                  <details key={preview.lng}>
                    <summary>{t("alerts.preview", { language: languageName(preview.lng) })}</summary>
                    <div lang={preview.lng} dir={textDirection(preview.lng)}>
                      <p>
                        <strong>{t("alerts.subject")}:</strong> {preview.subject}
                      </p>
                      <pre className="mail-text">{preview.text}</pre>
                    </div>
                  </details>
                ))}
                {canEdit ? (
                  <div className="actions">
                    <Form method="post">
                      <input type="hidden" name="csrf" value={csrf} />
                      <input type="hidden" name="alertId" value={alert.id} />
                      <input type="hidden" name="decision" value="send" />
                      <button type="submit">{t("alerts.send", { country: alert.countryName })}</button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="csrf" value={csrf} />
                      <input type="hidden" name="alertId" value={alert.id} />
                      <input type="hidden" name="decision" value="discard" />
                      <button type="submit">{t("alerts.discard", { country: alert.countryName })}</button>
                    </Form>
                  </div>
                ) : null}
              </>
            )}
          </article>
        ))}
      </section>
      <section aria-labelledby="decided-title">
        <h2 id="decided-title">{t("alerts.decided")}</h2>
        {decided.length === 0 ? (
          <p>{t("alerts.noneDecided")}</p>
        ) : (
          <Table
            region={{ labelledBy: "decided-title" }}
            columns={[t("alerts.country"), t("alerts.change"), t("alerts.outcome"), t("alerts.who"), t("alerts.when"), t("alerts.mails")]}
          >
            {decided.map((alert) => (
              <tr key={alert.id}>
                <td>{alert.countryName}</td>
                <td>
                  {t(`facts.statuses.${alert.claim.fromStatus}`)} → {t(`facts.statuses.${alert.claim.status}`)} ({t(`alerts.claims.${alert.claim.certainty}`)})
                </td>
                <td>{t(`alerts.outcomes.${alert.status}`)}</td>
                <td>{alert.automatic ? t("alerts.automatic") : alert.decidedByEmail}</td>
                <td>{when(alert.decidedAt)}</td>
                <td>{alert.enqueued}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <section aria-labelledby="settings-title">
        <h2 id="settings-title">{t("alerts.settings.title")}</h2>
        <p>{t("alerts.settings.intro")}</p>
        <Form method="post">
          <input type="hidden" name="csrf" value={csrf} />
          <input type="hidden" name="intent" value="settings" />
          <fieldset disabled={!canEdit}>
            <legend>{t("alerts.settings.title")}</legend>
            {PARTICIPANT_STATUSES.map((status) => (
              <div key={status} className="checkbox">
                <input
                  type="checkbox"
                  id={`auto-${status}`}
                  name="sendWithoutReview"
                  value={status}
                  defaultChecked={settings.find((s) => s.toStatus === status)?.sendWithoutReview ?? false}
                />
                <label htmlFor={`auto-${status}`}>{t(`facts.statuses.${status}`)}</label>
              </div>
            ))}
          </fieldset>
          {canEdit ? <button type="submit">{t("alerts.settings.save")}</button> : null}
        </Form>
      </section>
    </OrganizerPage>
  );
}
