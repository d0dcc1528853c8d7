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
import { deliveryLog, sendAgain, subscriptionInScope } from "~/modules/webhooks/webhook-subscriptions.service.server";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";

/** One subscription's delivery log: each delivery with every attempt, and "send again" for finished ones. Admins only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "manage_webhooks");
  const subscription = await subscriptionInScope(context.db, params.id ?? "", { kind: "all" });
  if (!subscription) throw new Response(null, { status: 404, statusText: "Not Found" });
  const log = await deliveryLog(context.db, subscription.id);
  return {
    lng,
    csrf: organizer.csrfToken,
    sentAgain: new URL(request.url).searchParams.get("done") === "sentAgain",
    subscription: { id: subscription.id, url: subscription.url, active: subscription.active },
    deliveries: log.map((d) => ({
      id: d.id,
      event: d.event,
      status: d.status,
      createdAt: d.createdAt.toISOString(),
      canSendAgain: d.canSendAgain,
      attempts: d.attempts.map((a) => ({ ...a, startedAt: a.startedAt.toISOString() })),
    })),
    title: pageTitle(lng, "organizeApi:webhooks.log"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "manage_webhooks", form);
  const subscriptionId = params.id ?? "";
  const delivery = form.get("delivery");
  const outcome = await sendAgain(context.db, subscriptionId, typeof delivery === "string" ? delivery : "", { kind: "all" }, { id: organizer.id, email: organizer.email });
  if (!outcome.ok) return data({ error: outcome.code, delivery: typeof delivery === "string" ? delivery : "" }, { status: outcome.code === "not_found" ? 404 : 409 });
  throw redirect(`/${lng}/organize/webhooks/${subscriptionId}?done=sentAgain`, 303);
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function WebhookLog() {
  const { lng, csrf, sentAgain, subscription, deliveries } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useTranslation("organizeApi");
  return (
    <OrganizerPage lng={lng} title={t("webhooks.logTitle", { url: subscription.url })}>
      <p>
        <Link to={`/${lng}/organize/webhooks`}>{t("webhooks.back")}</Link>
      </p>
      {sentAgain ? (
        <p role="status" className="note">
          {t("webhooks.done.sentAgain")}
        </p>
      ) : null}
      {refused ? (
        <p role="alert" className="field-error">
          {t(`webhooks.errors.${refused.error}`)}
        </p>
      ) : null}
      {deliveries.length === 0 ? (
        <p>{t("webhooks.noDeliveries")}</p>
      ) : (
        <Table columns={[t("webhooks.event"), t("webhooks.delivery"), t("webhooks.status"), t("webhooks.attempts"), t("webhooks.time")]} region={{ label: t("webhooks.log") }}>
          {deliveries.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                <code>{d.event}</code>
              </th>
              <td>
                <code>{d.id}</code>
              </td>
              <td>
                {t(`webhooks.deliveryStatus.${d.status}`)}
                {d.canSendAgain ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="csrf" value={csrf} />
                    <input type="hidden" name="delivery" value={d.id} />
                    <button type="submit" name="intent" value="send_again">
                      {t("webhooks.sendAgain")}
                    </button>
                  </Form>
                ) : null}
              </td>
              <td>
                <ol>
                  {d.attempts.map((a) => (
                    <li key={a.attempt}>
                      {t("webhooks.attempt", { attempt: a.attempt, time: formatMoment(lng, a.startedAt), result: a.statusCode === null ? t("webhooks.noStatus") : `HTTP ${a.statusCode}`, duration: a.durationMs })}
                      {a.error ? (
                        <>
                          {" "}
                          <small>({a.error})</small>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ol>
              </td>
              <td>{formatMoment(lng, d.createdAt)}</td>
            </tr>
          ))}
        </Table>
      )}
    </OrganizerPage>
  );
}
