import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { Table } from "~/components/organize/Table";
import { privatePageHeaders } from "~/lib/cache-headers";
import { readForm } from "~/lib/form.server";
import { formatMoment, formatNumber } from "~/lib/i18n/format";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { organizerMeta } from "~/lib/organizer-page";
import { readTrustChange } from "~/modules/petition/trending";
import { changeTrustedDomain, trustedDomainsPage } from "~/modules/petition/trending.service.server";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";

/** The allow-list of email domains that never trend (admins only), and every change to it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "manage_trusted_domains");
  const page = await trustedDomainsPage(context.db);
  const query = new URL(request.url).searchParams;
  const done = query.get("done");
  return {
    lng,
    csrf: organizer.csrfToken,
    ...page,
    done: done === "added" || done === "removed" || done === "unchanged" ? { kind: done, released: Math.max(0, Number(query.get("released")) || 0) } : null,
    title: pageTitle(lng, "organize:trending.trustedDomains.title"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "manage_trusted_domains", form);
  const text = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : null);
  const read = readTrustChange(text);
  if (!read.ok) return data({ errors: read.errors, domain: text("domain") ?? "", note: text("note") ?? "" }, { status: 400 });
  const outcome = await changeTrustedDomain(context.db, { change: read.change, domain: read.domain, note: read.note, actor: { id: organizer.id, email: organizer.email } });
  const released = outcome.kind === "added" ? `&released=${outcome.released}` : "";
  throw redirect(`/${lng}/organize/trusted-domains?done=${outcome.kind}${released}`, 303);
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function TrustedDomains() {
  const { lng, csrf, domains, history, done } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation("organize");
  const errors = failed?.errors ?? {};
  return (
    <OrganizerPage lng={lng} title={t("trending.trustedDomains.title")}>
      <p className="lead">{t("trending.trustedDomains.explain")}</p>
      {done ? (
        <p role="status" className="note">
          {t(`trending.trustedDomains.done.${done.kind}`, { number: formatNumber(lng, done.released) })}
        </p>
      ) : null}
      {errors.form ? (
        <p role="alert" className="field-error">
          {t(errors.form)}
        </p>
      ) : null}

      <section aria-labelledby="add-title">
        <h2 id="add-title">{t("trending.trustedDomains.add")}</h2>
        <Form method="post" className="sign-form">
          <input type="hidden" name="csrf" value={csrf} />
          <input type="hidden" name="change" value="add" />
          <div className="form-field">
            <label htmlFor="trusted-domain">{t("trending.trustedDomains.domain")}</label>
            {errors.domain ? (
              <p className="field-error" id="trusted-domain-error">
                {t(errors.domain)}
              </p>
            ) : null}
            <input
              id="trusted-domain"
              name="domain"
              required
              defaultValue={failed?.domain ?? ""}
              {...(errors.domain ? { "aria-invalid": true, "aria-describedby": "trusted-domain-error" } : {})}
            />
          </div>
          <div className="form-field">
            <label htmlFor="trusted-note">{t("trending.trustedDomains.note")}</label>
            {errors.note ? (
              <p className="field-error" id="trusted-note-error">
                {t(errors.note)}
              </p>
            ) : null}
            <input id="trusted-note" name="note" maxLength={500} defaultValue={failed?.note ?? ""} {...(errors.note ? { "aria-invalid": true, "aria-describedby": "trusted-note-error" } : {})} />
          </div>
          <button type="submit">{t("trending.trustedDomains.addButton")}</button>
        </Form>
      </section>

      <section aria-labelledby="list-title">
        <h2 id="list-title">{t("trending.trustedDomains.list")}</h2>
        {domains.length === 0 ? (
          <p>{t("trending.trustedDomains.empty")}</p>
        ) : (
          <Table columns={[t("trending.trustedDomains.domain"), t("trending.trustedDomains.note"), t("trending.trustedDomains.since"), t("trending.trustedDomains.remove")]}>
            {domains.map((d) => (
              <tr key={d.domain}>
                <th scope="row">
                  <code>{d.domain}</code>
                </th>
                <td>{d.note}</td>
                <td>{formatMoment(lng, d.added_at)}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="csrf" value={csrf} />
                    <input type="hidden" name="change" value="remove" />
                    <input type="hidden" name="domain" value={d.domain} />
                    <button type="submit" aria-label={t("trending.trustedDomains.removeOne", { domain: d.domain })}>
                      {t("trending.trustedDomains.remove")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </Table>
        )}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("trending.trustedDomains.history")}</h2>
        {history.length === 0 ? (
          <p>{t("trending.trustedDomains.noHistory")}</p>
        ) : (
          <Table columns={[t("trending.trustedDomains.when"), t("trending.trustedDomains.who"), t("trending.trustedDomains.change"), t("trending.trustedDomains.domain"), t("trending.trustedDomains.note")]}>
            {history.map((h) => (
              <tr key={h.id}>
                <td>{formatMoment(lng, h.changed_at)}</td>
                <td>{h.changed_by_email}</td>
                <td>{t(`trending.trustedDomains.changes.${h.change}`)}</td>
                <th scope="row">
                  <code>{h.domain}</code>
                </th>
                <td>{h.note}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </OrganizerPage>
  );
}
