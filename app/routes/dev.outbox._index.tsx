import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatMoment } from "~/lib/i18n/format";
import { negotiateLanguage } from "~/lib/i18n/negotiate.server";
import { listLocalMails } from "~/lib/mail/local-outbox.server";
import { sendTestMail } from "~/modules/mail/test-mail.service.server";

/** Only a local trial has an outbox to show; everywhere else this page does not exist. */
function requireLocalOutbox(localOutbox: boolean) {
  if (!localOutbox) throw new Response(null, { status: 404, statusText: "Not Found" });
}

export async function loader({ context }: LoaderFunctionArgs) {
  requireLocalOutbox(context.localOutbox);
  return { mails: listLocalMails(context.config.mail.outboxDir) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireLocalOutbox(context.localOutbox);
  const form = await request.formData();
  const to = String(form.get("to") ?? "");
  const result = await sendTestMail(context.db, { to, lng: negotiateLanguage(request.headers) });
  if (!result.ok) return { to, error: result.code };
  return redirect("/dev/outbox?sent=1");
}

export default function DevOutbox() {
  const { mails } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  return (
    <>
      <h1>{t("devOutbox.title")}</h1>
      <p className="lead">{t("devOutbox.intro")}</p>
      <Form method="post" className="test-mail-form" noValidate>
        <label htmlFor="to">{t("devOutbox.to")}</label>
        <div className="country-search__row">
          <input
            id="to"
            name="to"
            type="email"
            defaultValue={failed?.to ?? ""}
            aria-invalid={failed ? true : undefined}
            aria-describedby={failed ? "to-error" : undefined}
          />
          <button type="submit">{t("devOutbox.send")}</button>
        </div>
        {failed ? (
          <p id="to-error" className="field-error">
            {t(`devOutbox.errors.${failed.error}`)}
          </p>
        ) : null}
      </Form>
      {mails.length === 0 ? (
        <p>{t("devOutbox.empty")}</p>
      ) : (
        <table>
          <caption>{t("devOutbox.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("devOutbox.subject")}</th>
              <th scope="col">{t("devOutbox.to")}</th>
              <th scope="col">{t("devOutbox.date")}</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((mail) => (
              <tr key={mail.name}>
                <th scope="row">
                  <Link to={`/dev/outbox/${mail.name}`}>{mail.subject}</Link>
                </th>
                <td>{mail.to}</td>
                <td><time dateTime={mail.date} suppressHydrationWarning>
                  {formatMoment(i18n.language, mail.date)}
                </time></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
