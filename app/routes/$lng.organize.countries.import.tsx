import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { Table } from "~/components/organize/Table";
import { privatePageHeaders } from "~/lib/cache-headers";
import { readForm } from "~/lib/form.server";
import { formatDay, formatNumber } from "~/lib/i18n/format";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { countryNameOverrides, pageTitle } from "~/lib/i18n/translate.server";
import { organizerMeta } from "~/lib/organizer-page";
import { countryName } from "~/modules/country/country-names";
import {
  applyDepositaryImport,
  countryCode2s,
  depositaryImportDefaults,
  depositaryImportReport,
  previewDepositaryImport,
  type DepositaryImportPreview,
  type ImportErrors,
  type ImportField,
  type ImportFormat,
} from "~/modules/country/depositary-import.service.server";
import type { DepositaryTableError } from "~/modules/country/depositary-table";
import { isoDay } from "~/modules/country/treaty-standing.server";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";

type Values = Record<ImportField, string>;
/** The service's IMPORT_FORMATS: a server module's values do not reach the browser. */
const FORMATS = ["auto", "text", "html", "csv"] as const satisfies readonly ImportFormat[];

const names = (lng: ReturnType<typeof requireLanguage>, code2: Record<string, string>) => {
  const overrides = countryNameOverrides(lng);
  return Object.fromEntries(Object.entries(code2).map(([code3, c2]) => [code3, countryName(lng, c2, overrides)]));
};

/**
 * Import the treaty's participant table from the UN Treaty Collection: paste it, see what would
 * change, apply it (one transaction, audited), see what changed. Organizers who edit facts only.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "edit_campaigns");
  const applied = new URL(request.url).searchParams.get("applied");
  const report = applied === null ? null : await depositaryImportReport(context.db, Number(applied));
  if (applied !== null && !report) throw new Response(null, { status: 404, statusText: "Not Found" });
  const defaults = await depositaryImportDefaults(context.db, context.config.treaty.slug);
  const today = isoDay(new Date());
  const reportNames = report ? names(lng, await countryCode2s(context.db, [...report.statusChanges.map((c) => c.code3), ...report.unmatched.flatMap((u) => (u.code3 ? [u.code3] : []))])) : {};
  return {
    lng,
    csrf: organizer.csrfToken,
    today,
    lastCheckedOn: defaults.lastCheckedOn,
    values: { input: "", format: "auto", sourceUrl: defaults.sourceUrl, asOf: today } satisfies Values,
    report: report ? { ...report, at: report.at.toISOString() } : null,
    reportNames,
    title: pageTitle(lng, "organize:depositaryImport.title"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "edit_campaigns", form);
  const get = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : "");
  const values: Values = { input: get("input"), format: get("format") || "auto", sourceUrl: get("sourceUrl"), asOf: get("asOf") };
  const importRequest = { treatySlug: context.config.treaty.slug, ...values, today: isoDay(new Date()) };
  const previewed = (preview: DepositaryImportPreview, stale: boolean) => ({ step: "preview" as const, preview, names: names(lng, preview.code2), values, stale });
  const refused = (errors: ImportErrors, tableErrors: DepositaryTableError[]) => data({ step: "form" as const, errors, tableErrors, values }, { status: 400 });

  if (get("intent") === "apply") {
    const removeFactIds = form
      .getAll("remove")
      .map((v) => (typeof v === "string" && /^\d{1,12}$/u.test(v) ? Number(v) : NaN))
      .filter((n) => Number.isSafeInteger(n));
    const result = await applyDepositaryImport(context.db, { ...importRequest, actor: { id: organizer.id, email: organizer.email }, removeFactIds, expectedToken: get("token") });
    if (result.ok) throw redirect(`/${lng}/organize/countries/import?applied=${result.auditId}`, 303);
    if (result.reason === "stale") return data(previewed(result.preview, true), { status: 409 });
    return refused(result.errors, result.tableErrors);
  }
  const result = await previewDepositaryImport(context.db, importRequest);
  if (!result.ok) return refused(result.errors, result.tableErrors);
  return previewed(result, false);
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

function ImportForm({ csrf, values, errors, tableErrors, submit }: { csrf: string; values: Values; errors: ImportErrors; tableErrors: DepositaryTableError[]; submit: string }) {
  const { t } = useTranslation("organize");
  const described = (name: ImportField) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `import-${name}-error` } : {});
  const error = (name: ImportField) =>
    errors[name] ? (
      <p className="field-error" id={`import-${name}-error`}>
        {t(errors[name]!)}
      </p>
    ) : null;
  return (
    <Form method="post" className="sign-form">
      <input type="hidden" name="csrf" value={csrf} />
      <input type="hidden" name="intent" value="preview" />
      <div className="form-field">
        <label htmlFor="import-input">{t("depositaryImport.fields.input")}</label>
        {error("input")}
        {tableErrors.length > 0 ? (
          <ul className="field-error" aria-label={t("depositaryImport.tableProblems")}>
            {tableErrors.map((e, i) => (
              <li key={i}>{t(`depositaryImport.problems.${e.problem}`, { line: e.line, column: e.column ? t(`depositaryImport.columns.${e.column}`) : "", text: e.text ?? "", firstLine: e.firstLine ?? "" })}</li>
            ))}
          </ul>
        ) : null}
        <textarea id="import-input" name="input" dir="ltr" lang="en" rows={12} defaultValue={values.input} spellCheck={false} {...described("input")} />
      </div>
      <div className="form-field">
        <label htmlFor="import-format">{t("depositaryImport.fields.format")}</label>
        {error("format")}
        <select id="import-format" name="format" defaultValue={values.format} {...described("format")}>
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`depositaryImport.formats.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label htmlFor="import-sourceUrl">{t("depositaryImport.fields.sourceUrl")}</label>
        {error("sourceUrl")}
        <input id="import-sourceUrl" name="sourceUrl" type="url" dir="ltr" defaultValue={values.sourceUrl} {...described("sourceUrl")} />
      </div>
      <div className="form-field">
        <label htmlFor="import-asOf">{t("depositaryImport.fields.asOf")}</label>
        {error("asOf")}
        <input id="import-asOf" name="asOf" type="date" defaultValue={values.asOf} {...described("asOf")} />
      </div>
      <button type="submit">{submit}</button>
    </Form>
  );
}

function Preview({ lng, csrf, preview, names, values, stale }: { lng: string; csrf: string; preview: DepositaryImportPreview; names: Record<string, string>; values: Values; stale: boolean }) {
  const { t } = useTranslation("organize");
  const { diff } = preview;
  const country = (code3: string) => `${names[code3] ?? code3} (${code3})`;
  const day = (d: string | null) => (d ? formatDay(lng, d) : t("depositaryImport.noDate"));
  const kind = (k: string) => t(`depositaryImport.kinds.${k}`);
  const n = (value: number) => formatNumber(lng, value);
  return (
    <section aria-labelledby="diff-title">
      <h2 id="diff-title">{t("depositaryImport.diff.title")}</h2>
      {stale ? (
        <p role="alert" className="field-error">
          {t("depositaryImport.diff.stale")}
        </p>
      ) : null}
      <p>{t("depositaryImport.diff.summary", { n: n(preview.participants), format: t(`depositaryImport.formats.${preview.format}`), asOf: day(preview.asOf) })}</p>
      {preview.checkedOnAfter !== preview.asOf ? <p className="note">{t("depositaryImport.diff.asOfKept", { date: day(preview.checkedOnAfter) })}</p> : null}
      {preview.nothingToWrite ? (
        <p role="status" className="note">
          {t("depositaryImport.diff.nothingToWrite")}
        </p>
      ) : null}
      <Form method="post">
        <input type="hidden" name="csrf" value={csrf} />
        <input type="hidden" name="intent" value="apply" />
        <input type="hidden" name="token" value={preview.token} />
        <input type="hidden" name="input" value={values.input} />
        <input type="hidden" name="format" value={values.format} />
        <input type="hidden" name="sourceUrl" value={values.sourceUrl} />
        <input type="hidden" name="asOf" value={values.asOf} />
        {diff.newFacts.length > 0 ? (
          <>
            <h3 id="diff-new">{t("depositaryImport.diff.newFacts", { n: n(diff.newFacts.length) })}</h3>
            <Table region={{ labelledBy: "diff-new" }} columns={[t("depositaryImport.cols.line"), t("depositaryImport.cols.participant"), t("depositaryImport.cols.country"), t("depositaryImport.cols.fact"), t("depositaryImport.cols.date")]}>
              {diff.newFacts.map((f) => (
                <tr key={`${f.code3} ${f.kind}`}>
                  <td>{f.line}</td>
                  <td>{f.name}</td>
                  <td>{country(f.code3)}</td>
                  <td>{kind(f.kind)}</td>
                  <td>{day(f.date)}</td>
                </tr>
              ))}
            </Table>
          </>
        ) : null}
        {diff.changedDates.length > 0 ? (
          <>
            <h3 id="diff-changed">{t("depositaryImport.diff.changedDates", { n: n(diff.changedDates.length) })}</h3>
            <Table region={{ labelledBy: "diff-changed" }} columns={[t("depositaryImport.cols.line"), t("depositaryImport.cols.country"), t("depositaryImport.cols.fact"), t("depositaryImport.cols.before"), t("depositaryImport.cols.after")]}>
              {diff.changedDates.map((f) => (
                <tr key={`${f.code3} ${f.kind}`}>
                  <td>{f.line}</td>
                  <td>{country(f.code3)}</td>
                  <td>{kind(f.kind)}</td>
                  <td>{day(f.from)}</td>
                  <td>{day(f.date)}</td>
                </tr>
              ))}
            </Table>
          </>
        ) : null}
        {diff.confidenceUpgrades.length > 0 ? (
          <>
            <h3 id="diff-confirmed">{t("depositaryImport.diff.confirmed", { n: n(diff.confidenceUpgrades.length) })}</h3>
            <Table region={{ labelledBy: "diff-confirmed" }} columns={[t("depositaryImport.cols.line"), t("depositaryImport.cols.country"), t("depositaryImport.cols.fact"), t("depositaryImport.cols.date"), t("depositaryImport.cols.confidence")]}>
              {diff.confidenceUpgrades.map((f) => (
                <tr key={`${f.code3} ${f.kind}`}>
                  <td>{f.line}</td>
                  <td>{country(f.code3)}</td>
                  <td>{kind(f.kind)}</td>
                  <td>{day(f.date)}</td>
                  <td>{t(`depositaryImport.confidences.${f.from}`)}</td>
                </tr>
              ))}
            </Table>
          </>
        ) : null}
        {diff.unmatched.length > 0 ? (
          <>
            <h3 id="diff-unmatched">{t("depositaryImport.diff.unmatched", { n: n(diff.unmatched.length) })}</h3>
            <Table region={{ labelledBy: "diff-unmatched" }} columns={[t("depositaryImport.cols.line"), t("depositaryImport.cols.participant")]}>
              {diff.unmatched.map((u) => (
                <tr key={u.line}>
                  <td>{u.line}</td>
                  <td>{u.code3 ? `${u.name} (${u.code3})` : u.name}</td>
                </tr>
              ))}
            </Table>
          </>
        ) : null}
        {diff.noLongerInTable.length > 0 ? (
          <>
            <h3 id="diff-gone">{t("depositaryImport.diff.noLongerInTable", { n: n(diff.noLongerInTable.length) })}</h3>
            <Table region={{ labelledBy: "diff-gone" }} columns={[t("depositaryImport.cols.remove"), t("depositaryImport.cols.country"), t("depositaryImport.cols.fact"), t("depositaryImport.cols.date"), t("depositaryImport.cols.confidence")]}>
              {diff.noLongerInTable.map((h) => (
                <tr key={h.id ?? `${h.code3} ${h.kind}`}>
                  <td>
                    <input type="checkbox" name="remove" value={h.id} id={`remove-${h.id}`} aria-label={t("depositaryImport.diff.removeLabel", { fact: kind(h.kind), country: country(h.code3) })} />
                  </td>
                  <td>{country(h.code3)}</td>
                  <td>{kind(h.kind)}</td>
                  <td>{day(h.date)}</td>
                  <td>{t(`depositaryImport.confidences.${h.confidence ?? "depositary"}`)}</td>
                </tr>
              ))}
            </Table>
          </>
        ) : null}
        <p>{t("depositaryImport.diff.unchanged", { n: n(diff.unchanged) })}</p>
        <button type="submit">{t("depositaryImport.diff.apply")}</button>
      </Form>
    </section>
  );
}

export default function DepositaryImport() {
  const { lng, csrf, lastCheckedOn, values, report, reportNames } = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { t } = useTranslation("organize");
  const n = (value: number) => formatNumber(lng, value);
  const crumbs = (
    <>
      {" · "}
      <Link to={`/${lng}/organize/countries`}>{t("facts.title")}</Link>
    </>
  );
  if (report && !posted) {
    return (
      <OrganizerPage lng={lng} title={t("depositaryImport.result.title")} crumbs={crumbs}>
        <p role="status" className="note">
          {report.nothingChanged ? t("depositaryImport.result.nothingChanged", { asOf: formatDay(lng, report.asOf) }) : t("depositaryImport.result.applied", { asOf: formatDay(lng, report.asOf) })}
        </p>
        <ul>
          <li>{t("depositaryImport.result.added", { n: n(report.added) })}</li>
          <li>{t("depositaryImport.result.changedDates", { n: n(report.changedDates) })}</li>
          <li>{t("depositaryImport.result.confirmed", { n: n(report.confirmed) })}</li>
          <li>{t("depositaryImport.result.removed", { n: n(report.removed) })}</li>
          <li>{t("depositaryImport.result.kept", { n: n(report.kept) })}</li>
          <li>{t("depositaryImport.result.unchanged", { n: n(report.unchanged) })}</li>
        </ul>
        <p>{t("depositaryImport.result.checkedOn", { date: formatDay(lng, report.checkedOn) })}</p>
        <p>
          {t("depositaryImport.result.source")} <a href={report.sourceUrl}>{report.sourceUrl}</a>
        </p>
        {report.statusChanges.length > 0 ? (
          <section aria-labelledby="result-status">
            <h2 id="result-status">{t("depositaryImport.result.statusChanges", { n: n(report.statusChanges.length) })}</h2>
            <ul>
              {report.statusChanges.map((c) => (
                <li key={c.code3}>
                  <Link to={`/${lng}/countries/${c.code3.toLowerCase()}`}>{`${reportNames[c.code3] ?? c.code3} (${c.code3})`}</Link>
                  {": "}
                  {t(`depositaryImport.statuses.${c.from}`)} → {t(`depositaryImport.statuses.${c.to}`)}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {report.unmatched.length > 0 ? (
          <section aria-labelledby="result-unmatched">
            <h2 id="result-unmatched">{t("depositaryImport.result.unmatched", { n: n(report.unmatched.length) })}</h2>
            <ul>
              {report.unmatched.map((u) => (
                <li key={u.line}>{t("depositaryImport.result.unmatchedLine", { line: u.line, name: u.code3 ? `${u.name} (${u.code3})` : u.name })}</li>
              ))}
            </ul>
          </section>
        ) : null}
        <p>
          <Link to={`/${lng}/organize/countries/import`}>{t("depositaryImport.result.again")}</Link>
        </p>
      </OrganizerPage>
    );
  }
  const formValues = posted?.values ?? values;
  return (
    <OrganizerPage lng={lng} title={t("depositaryImport.title")} crumbs={crumbs}>
      <p>{t("depositaryImport.intro")}</p>
      <p>{lastCheckedOn ? t("depositaryImport.lastChecked", { date: formatDay(lng, lastCheckedOn) }) : t("depositaryImport.neverChecked")}</p>
      {posted?.step === "preview" ? <Preview lng={lng} csrf={csrf} preview={posted.preview} names={posted.names} values={posted.values} stale={posted.stale} /> : null}
      <section aria-labelledby="form-title">
        <h2 id="form-title">{posted?.step === "preview" ? t("depositaryImport.editTitle") : t("depositaryImport.formTitle")}</h2>
        <ImportForm
          key={posted?.step === "preview" ? posted.preview.token : "form"}
          csrf={csrf}
          values={formValues}
          errors={posted?.step === "form" ? posted.errors : {}}
          tableErrors={posted?.step === "form" ? posted.tableErrors : []}
          submit={t("depositaryImport.preview")}
        />
      </section>
    </OrganizerPage>
  );
}
