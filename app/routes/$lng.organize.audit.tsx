import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { privatePageHeaders } from "~/lib/cache-headers";
import { organizerMeta } from "~/lib/organizer-page";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { latestAuditEntries } from "~/modules/audit/audit.repo.server";
import { requireOrganizer } from "~/web/organizer-session.server";

/** Every organizer action, newest first: for admins only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  await requireOrganizer(request, context, lng, "read_audit_log");
  const entries = await latestAuditEntries(context.db);
  return {
    lng,
    entries: entries.map((e) => ({ ...e, created_at: new Date(e.created_at).toISOString(), details: JSON.stringify(e.details) })),
    title: pageTitle(lng, "organize:audit.title"),
  };
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function AuditLog() {
  const { lng, entries } = useLoaderData<typeof loader>();
  const { t } = useTranslation("organize");
  return (
    <OrganizerPage lng={lng} title={t("audit.title")}>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t("audit.title")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.who")}</th>
              <th scope="col">{t("audit.what")}</th>
              <th scope="col">{t("audit.subject")}</th>
              <th scope="col">{t("audit.details")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.created_at}>{e.created_at.replace("T", " ").slice(0, 19)} UTC</time>
                </td>
                <td>{e.actor_email}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.subject ?? "—"}</td>
                <td>
                  <code>{e.details}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </OrganizerPage>
  );
}
