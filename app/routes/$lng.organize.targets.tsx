import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { privatePageHeaders } from "~/lib/cache-headers";
import { readForm } from "~/lib/form.server";
import { organizerMeta } from "~/lib/organizer-page";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { demandWithoutTargets } from "~/modules/letter/letter-events.repo.server";
import { importTargets } from "~/modules/letter/target-import.service.server";
import { listTargets } from "~/modules/letter/targets.repo.server";
import { recordAudit } from "~/modules/audit/audit.repo.server";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";
import { can } from "~/modules/organizer/roles";

/**
 * The people letters go to: list by country, CSV export, CSV import with a
 * dry run and a report per row, and the countries where people wanted to
 * write but found no one.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "read_dashboards");
  const raw = (new URL(request.url).searchParams.get("country") ?? "").trim().toUpperCase();
  const country = /^[A-Z]{3}$/u.test(raw) ? raw : null;
  const campaigns = await context.db.selectFrom("letter_campaigns").select(["id", "slug"]).where("status", "=", "live").orderBy("id").execute();
  const demand = await Promise.all(campaigns.map(async (c) => ({ slug: c.slug, countries: await demandWithoutTargets(context.db, c.id) })));
  return {
    lng,
    country: raw,
    targets: await listTargets(context.db, country),
    demand,
    csrf: organizer.csrfToken,
    canEdit: can(organizer.role, "edit_campaigns"),
    title: pageTitle(lng, "organize:targets.title"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "edit_campaigns", form);
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return data({ error: "targets.errors.noFile" as const, report: null }, { status: 400 });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return data({ error: "targets.errors.encoding" as const, report: null }, { status: 400 });
  }
  const dryRun = form.get("dryRun") === "yes";
  const report = await importTargets(context.db, text, { dryRun });
  if (report.applied) {
    await recordAudit(context.db, {
      actor: { id: organizer.id, email: organizer.email },
      action: "targets.import",
      subject: file.name.slice(0, 200),
      details: { rows: report.rows, inserted: report.inserted, updated: report.updated, unchanged: report.unchanged },
    });
  }
  return data({ error: null, report: { ...report, dryRun } }, { status: report.problems.length > 0 ? 400 : 200 });
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function Targets() {
  const { lng, country, targets, demand, csrf, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("organize");
  const report = result?.report;
  return (
    <OrganizerPage lng={lng} title={t("targets.title")}>

      {canEdit ? (
        <section aria-labelledby="import-title">
          <h2 id="import-title">{t("targets.import.title")}</h2>
          <p>{t("targets.import.explain")}</p>
          {result?.error ? (
            <p role="alert" className="field-error">
              {t(result.error)}
            </p>
          ) : null}
          {report ? (
            <div role="status" className="note">
              {report.problems.length > 0 ? (
                <>
                  <p>{t("targets.import.refused", { count: report.problems.length })}</p>
                  <ul>
                    {report.problems.map((p) => (
                      <li key={`${p.line}-${p.column}-${p.problem}`}>
                        {t("targets.import.problem", { line: p.line, column: p.column, problem: t(`targets.problems.${p.problem}`) })}
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p>{t(report.dryRun ? "targets.import.wouldChange" : "targets.import.changed", { inserted: report.inserted, updated: report.updated, unchanged: report.unchanged })}</p>
              )}
            </div>
          ) : null}
          <Form method="post" encType="multipart/form-data" className="sign-form">
            <input type="hidden" name="csrf" value={csrf} />
            <div className="form-field">
              <label htmlFor="targets-file">{t("targets.import.file")}</label>
              <input id="targets-file" name="file" type="file" accept=".csv,text/csv" required />
            </div>
            <p className="form-check">
              <input id="targets-dry-run" type="checkbox" name="dryRun" value="yes" defaultChecked />
              <label htmlFor="targets-dry-run">{t("targets.import.dryRun")}</label>
            </p>
            <button type="submit">{t("targets.import.submit")}</button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="demand-title">
        <h2 id="demand-title">{t("targets.demand.title")}</h2>
        {demand.every((d) => d.countries.length === 0) ? <p>{t("targets.demand.none")}</p> : null}
        {demand
          .filter((d) => d.countries.length > 0)
          .map((d) => (
            <p key={d.slug}>
              {d.slug}: {d.countries.map((c) => t("targets.demand.entry", { country: c.countryCode, count: c.visits })).join(", ")}
            </p>
          ))}
      </section>

      <section aria-labelledby="list-title">
        <h2 id="list-title">{t("targets.list.title", { count: targets.length })}</h2>
        {canEdit ? (
          <p>
            <Link to={`/${lng}/organize/targets/new`}>{t("targets.form.newTitle")}</Link>
          </p>
        ) : null}
        <Form method="get" className="country-step">
          <div className="form-field">
            <label htmlFor="targets-country">{t("targets.list.country")}</label>
            <input id="targets-country" name="country" defaultValue={country} maxLength={3} />
          </div>
          <button type="submit">{t("targets.list.filter")}</button>{" "}
          <a href={`/${lng}/organize/targets.csv`} download>
            {t("targets.list.export")}
          </a>
        </Form>
        <table>
          <thead>
            <tr>
              {(["country", "name", "role", "organization", "email", "emailPublic", "language", "active", "source"] as const).map((c) => (
                <th scope="col" key={c}>
                  {t(`targets.list.columns.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {targets.map((target) => (
              <tr key={target.id}>
                <td>{target.country_code}</td>
                <th scope="row">
                  {canEdit ? <Link to={`/${lng}/organize/targets/${target.id}`}>{target.name}</Link> : target.name}
                  {target.is_demo ? ` (${t("targets.list.demo")})` : ""}
                </th>
                <td>{target.role}</td>
                <td>{target.organization}</td>
                <td>{target.email}</td>
                <td>{target.email_public ? t("targets.list.yes") : t("targets.list.no")}</td>
                <td>{target.language}</td>
                <td>{target.active ? t("targets.list.yes") : t("targets.list.no")}</td>
                <td>
                  <a href={target.source_url} rel="noreferrer">
                    {t("targets.list.sourceLink")}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </OrganizerPage>
  );
}
