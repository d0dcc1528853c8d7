import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Table } from "~/components/organize/Table";
import { privatePageHeaders } from "~/lib/cache-headers";
import { organizerMeta } from "~/lib/organizer-page";
import { readForm } from "~/lib/form.server";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { serverT } from "~/lib/i18n/translate.server";
import { countryFactsForEditing, recordCountryVote, recordStatement, recordTreatyAction } from "~/modules/country/country-facts.service.server";
import { readStatementFact, readTreatyActionFact, readVoteFact, type FactField } from "~/modules/country/fact-form";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";
import { can } from "~/modules/organizer/roles";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });
const codeOf = (raw: string | undefined) => (raw ?? "").toUpperCase();

/** One country's facts for organizers: correct or add them, each with a source and a date; every change is kept. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "read_dashboards");
  const facts = await countryFactsForEditing(context.db, context.config.treaty.slug, codeOf(params.code));
  if (!facts) throw notFound();
  const iso = (d: Date | string) => new Date(d).toISOString();
  return {
    lng,
    csrf: organizer.csrfToken,
    canEdit: can(organizer.role, "edit_campaigns"),
    saved: new URL(request.url).searchParams.has("saved"),
    country: facts.country,
    actions: facts.actions.map((a) => ({ ...a, updated_at: iso(a.updated_at) })),
    statements: facts.statements.map((s) => ({ ...s, updated_at: iso(s.updated_at) })),
    votes: facts.votes,
    history: facts.history.map((h) => ({ ...h, created_at: iso(h.created_at), before: h.before ? JSON.stringify(h.before) : null, after: JSON.stringify(h.after) })),
    title: `${facts.country.reference_name} · ${serverT(lng)("organize:facts.title")}`,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "edit_campaigns", form);
  const code3 = codeOf(params.code);
  const get = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : "");
  const today = new Date().toISOString().slice(0, 10);
  const actor = { id: organizer.id, email: organizer.email };
  const treatySlug = context.config.treaty.slug;
  const intent = get("intent") === "statement" ? "statement" : get("intent") === "vote" ? "vote" : "action";
  const values = Object.fromEntries(["action", "date", "sourceUrl", "notes", "stance", "summary", "recordedVote", "vote"].map((k) => [k, get(k)]));
  if (intent === "vote") {
    const facts = await countryFactsForEditing(context.db, context.config.treaty.slug, code3);
    if (!facts) throw notFound();
    const read = readVoteFact(
      get,
      facts.votes.map((v) => v.id),
    );
    if (!read.ok) return data({ intent, errors: read.errors, values }, { status: 400 });
    if (!(await recordCountryVote(context.db, { treatySlug, code3, fact: read.fact, actor, now: new Date() }))) throw notFound();
  } else if (intent === "statement") {
    const read = readStatementFact(get, today);
    if (!read.ok) return data({ intent, errors: read.errors, values }, { status: 400 });
    if (!(await recordStatement(context.db, { treatySlug, code3, fact: read.fact, actor }))) throw notFound();
  } else {
    const read = readTreatyActionFact(get, today);
    if (!read.ok) return data({ intent, errors: read.errors, values }, { status: 400 });
    if (!(await recordTreatyAction(context.db, { treatySlug, code3, fact: read.fact, actor, today }))) throw notFound();
  }
  throw redirect(`/${lng}/organize/countries/${code3.toLowerCase()}?saved`, 303);
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

function Field({ form, name, label, errors, values, children }: { form: string; name: FactField; label: string; errors: Partial<Record<FactField, string>>; values: Record<string, string>; children?: React.ReactNode }) {
  const { t } = useTranslation("organize");
  const id = `${form}-${name}`;
  const invalid = errors[name] ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {errors[name] ? (
        <p className="field-error" id={`${id}-error`}>
          {t(errors[name]!)}
        </p>
      ) : null}
      {children ? (
        <select id={id} name={name} defaultValue={values[name]} {...invalid}>
          {children}
        </select>
      ) : name === "summary" ? (
        <textarea id={id} name={name} rows={4} defaultValue={values[name]} {...invalid} />
      ) : (
        <input id={id} name={name} type={name === "date" ? "date" : name === "sourceUrl" ? "url" : "text"} defaultValue={values[name]} {...invalid} />
      )}
    </div>
  );
}

export default function CountryFacts() {
  const { lng, csrf, canEdit, saved, country, actions, statements, votes, history } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation("organize");
  const errorsFor = (intent: string) => (failed && failed.intent === intent ? failed.errors : {});
  const valuesFor = (intent: string): Record<string, string> => (failed && failed.intent === intent ? failed.values : {});
  return (
    <article className="organize">
      <p className="breadcrumb">
        <Link to={`/${lng}/organize`}>{t("home.title")}</Link> · <Link to={`/${lng}/countries/${country.code3.toLowerCase()}`}>{t("facts.publicPage")}</Link>
      </p>
      <h1>
        {country.reference_name} ({country.code3})
      </h1>
      {saved ? (
        <p role="status" className="note">
          {t("facts.saved")}
        </p>
      ) : null}
      <section aria-labelledby="current-title">
        <h2 id="current-title">{t("facts.current")}</h2>
        <ul>
          {actions.map((a) => (
            <li key={a.action}>
              {t(`facts.actions.${a.action}`)}: {a.acted_on ?? t("facts.noDate")} — <a href={a.source_url}>{a.source_url}</a>
            </li>
          ))}
          {votes
            .filter((v) => v.vote)
            .map((v) => (
              <li key={v.id}>
                {t("facts.voteIn", { reference: v.reference, body: v.body, date: v.voted_on })}: {t(`facts.votes.${v.vote}`)} — <a href={v.source_url ?? ""}>{v.source_url}</a>
              </li>
            ))}
          {statements.map((s) => (
            <li key={s.source_url}>
              {t("facts.statement")} ({s.stated_on ?? t("facts.noDate")}, {t(`facts.stances.${s.stance}`)}): {s.summary} — <a href={s.source_url}>{s.source_url}</a>
            </li>
          ))}
        </ul>
      </section>
      {canEdit ? (
        <>
          <section aria-labelledby="action-title">
            <h2 id="action-title">{t("facts.actionForm")}</h2>
            <Form method="post" className="sign-form">
              <input type="hidden" name="csrf" value={csrf} />
              <input type="hidden" name="intent" value="action" />
              <Field form="action" name="action" label={t("facts.fields.action")} errors={errorsFor("action")} values={valuesFor("action")}>
                <option value="signature">{t("facts.actions.signature")}</option>
                <option value="ratification">{t("facts.actions.ratification")}</option>
              </Field>
              <Field form="action" name="date" label={t("facts.fields.date")} errors={errorsFor("action")} values={valuesFor("action")} />
              <Field form="action" name="sourceUrl" label={t("facts.fields.sourceUrl")} errors={errorsFor("action")} values={valuesFor("action")} />
              <Field form="action" name="notes" label={t("facts.fields.notes")} errors={errorsFor("action")} values={valuesFor("action")} />
              <button type="submit">{t("facts.save")}</button>
            </Form>
          </section>
          {votes.length > 0 ? (
            <section aria-labelledby="vote-title">
              <h2 id="vote-title">{t("facts.voteForm")}</h2>
              <Form method="post" className="sign-form">
                <input type="hidden" name="csrf" value={csrf} />
                <input type="hidden" name="intent" value="vote" />
                <Field form="vote" name="recordedVote" label={t("facts.fields.recordedVote")} errors={errorsFor("vote")} values={valuesFor("vote")}>
                  {votes.map((v) => (
                    <option key={v.id} value={v.id}>
                      {t("facts.voteIn", { reference: v.reference, body: v.body, date: v.voted_on })}
                    </option>
                  ))}
                </Field>
                <Field form="vote" name="vote" label={t("facts.fields.vote")} errors={errorsFor("vote")} values={valuesFor("vote")}>
                  {(["yes", "no", "abstain", "absent"] as const).map((v) => (
                    <option key={v} value={v}>
                      {t(`facts.votes.${v}`)}
                    </option>
                  ))}
                </Field>
                <Field form="vote" name="sourceUrl" label={t("facts.fields.sourceUrl")} errors={errorsFor("vote")} values={valuesFor("vote")} />
                <button type="submit">{t("facts.save")}</button>
              </Form>
            </section>
          ) : null}
          <section aria-labelledby="statement-title">
            <h2 id="statement-title">{t("facts.statementForm")}</h2>
            <Form method="post" className="sign-form">
              <input type="hidden" name="csrf" value={csrf} />
              <input type="hidden" name="intent" value="statement" />
              <Field form="statement" name="date" label={t("facts.fields.date")} errors={errorsFor("statement")} values={valuesFor("statement")} />
              <Field form="statement" name="stance" label={t("facts.fields.stance")} errors={errorsFor("statement")} values={valuesFor("statement")}>
                {(["supports", "opposes", "mixed", "unknown"] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`facts.stances.${s}`)}
                  </option>
                ))}
              </Field>
              <Field form="statement" name="summary" label={t("facts.fields.summary")} errors={errorsFor("statement")} values={valuesFor("statement")} />
              <Field form="statement" name="sourceUrl" label={t("facts.fields.sourceUrl")} errors={errorsFor("statement")} values={valuesFor("statement")} />
              <button type="submit">{t("facts.save")}</button>
            </Form>
          </section>
        </>
      ) : null}
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("facts.history")}</h2>
        <Table columns={[t("audit.when"), t("audit.who"), t("audit.what"), t("facts.before"), t("facts.after")]}>
          {history.map((h) => (
            <tr key={h.created_at + h.kind}>
              <td>{h.created_at.replace("T", " ").slice(0, 19)} UTC</td>
              <td>{h.actor_email}</td>
              <td>{t(`facts.kinds.${h.kind}`)}</td>
              <td>
                <code>{h.before ?? "—"}</code>
              </td>
              <td>
                <code>{h.after}</code>
              </td>
            </tr>
          ))}
        </Table>
      </section>
    </article>
  );
}
