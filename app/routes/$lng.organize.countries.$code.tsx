import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
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
import { countryFactsForEditing, recordCountryVote, recordStatement, recordTreatyFact, removeTreatyFact } from "~/modules/country/country-facts.service.server";
import { readStatementFact, readTreatyFact, readVoteFact } from "~/modules/country/fact-form";
import { TREATY_FACT_KINDS } from "~/modules/country/treaty-facts";
import { listOpenLeads } from "~/modules/country/treaty-leads.service.server";
import { isoDay, loadParticipantStanding } from "~/modules/country/treaty-standing.server";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";
import { can } from "~/modules/organizer/roles";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });
const codeOf = (raw: string | undefined) => (raw ?? "").toUpperCase();
const FIELDS = ["action", "date", "sourceUrl", "notes", "confidence", "declarationText", "declarationUrl", "stance", "summary", "recordedVote", "vote"] as const;

/**
 * One country's facts for organizers: every kind of the depositary's vocabulary with its
 * confidence, where that leaves the country (confirmed and reported), the leads still to
 * verify (never public), and forms to add or correct facts; every change is kept.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "read_dashboards");
  const code3 = codeOf(params.code);
  const treatySlug = context.config.treaty.slug;
  const today = isoDay(new Date());
  const [facts, onRecord, leads] = await Promise.all([
    countryFactsForEditing(context.db, treatySlug, code3),
    loadParticipantStanding(context.db, treatySlug, code3, today),
    listOpenLeads(context.db, treatySlug, code3),
  ]);
  if (!facts || !onRecord) throw notFound();
  const iso = (d: Date | string) => new Date(d).toISOString();
  const { standing, participant } = onRecord;
  return {
    lng,
    csrf: organizer.csrfToken,
    canEdit: can(organizer.role, "edit_campaigns"),
    saved: new URL(request.url).searchParams.has("saved"),
    removed: new URL(request.url).searchParams.has("removed"),
    country: facts.country,
    standing: { confirmed: standing.confirmed, reported: standing.reported, inForceOn: standing.inForceOn, flagged: standing.flagged.map((f) => ({ id: f.fact.id, problem: f.problem })) },
    treatyFacts: participant.facts.map((f) => ({ ...f, updatedAt: iso(f.updatedAt) })),
    leads: leads.map((l) => ({ id: l.id, kind: l.kind, occurredOn: l.occurredOn, detail: l.detail, sourceUrl: l.sourceUrl, sourceTitle: l.sourceTitle, notes: l.notes, confidence: l.confidence })),
    statements: facts.statements.map((s) => ({ ...s, updated_at: iso(s.updated_at) })),
    votes: facts.votes,
    history: facts.history.map((h) => ({ ...h, created_at: iso(h.created_at), before: h.before ? JSON.stringify(h.before) : null, after: h.after ? JSON.stringify(h.after) : null })),
    title: `${facts.country.reference_name} · ${serverT(lng)("organize:facts.title")}`,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "edit_campaigns", form);
  const code3 = codeOf(params.code);
  const get = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : "");
  const today = isoDay(new Date());
  const actor = { id: organizer.id, email: organizer.email };
  const treatySlug = context.config.treaty.slug;
  if (get("intent") === "remove") {
    const factId = Number(get("factId"));
    if (!Number.isSafeInteger(factId) || !(await removeTreatyFact(context.db, { treatySlug, code3, factId, actor, today }))) throw notFound();
    throw redirect(`/${lng}/organize/countries/${code3.toLowerCase()}?removed`, 303);
  }
  const intent = get("intent") === "statement" ? "statement" : get("intent") === "vote" ? "vote" : "action";
  const values = Object.fromEntries(FIELDS.map((k) => [k, get(k)]));
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
    const read = readTreatyFact(get, today);
    if (!read.ok) return data({ intent, errors: read.errors, values }, { status: 400 });
    if (!(await recordTreatyFact(context.db, { treatySlug, code3, fact: read.fact, actor, today }))) throw notFound();
  }
  throw redirect(`/${lng}/organize/countries/${code3.toLowerCase()}?saved`, 303);
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function CountryFacts() {
  const { lng, csrf, canEdit, saved, removed, country, standing, treatyFacts, leads, statements, votes, history } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation("organize");
  const errorsFor = (intent: string) => (failed && failed.intent === intent ? failed.errors : {});
  const valuesFor = (intent: string): Record<string, string> => (failed && failed.intent === intent ? failed.values : {});
  const flagged = new Map(standing.flagged.map((f) => [f.id, f.problem]));
  const groups = TREATY_FACT_KINDS.map((kind) => ({ kind, facts: treatyFacts.filter((f) => f.kind === kind) })).filter((g) => g.facts.length > 0);
  return (
    <OrganizerPage
      lng={lng}
      title={`${country.reference_name} (${country.code3})`}
      crumbs={
        <>
          {" · "}
          <Link to={`/${lng}/organize/countries`}>{t("facts.title")}</Link> · <Link to={`/${lng}/countries/${country.code3.toLowerCase()}`}>{t("facts.publicPage")}</Link>
        </>
      }
    >
      {saved || removed ? (
        <p role="status" className="note">
          {t(removed ? "facts.removedNotice" : "facts.saved")}
        </p>
      ) : null}
      <section aria-labelledby="standing-title">
        <h2 id="standing-title">{t("facts.standing.title")}</h2>
        <p>{t("facts.standing.confirmed", { status: t(`facts.statuses.${standing.confirmed}`) })}</p>
        {standing.reported ? <p>{t("facts.standing.reported", { status: t(`facts.statuses.${standing.reported}`) })}</p> : null}
        {standing.inForceOn ? <p>{t("facts.standing.inForceOn", { date: standing.inForceOn })}</p> : null}
        <p className="hint">{t("facts.standing.explained")}</p>
      </section>
      <section aria-labelledby="current-title">
        <h2 id="current-title">{t("facts.current")}</h2>
        {groups.length === 0 ? <p>{t("facts.noFacts")}</p> : null}
        {canEdit && groups.length > 0 ? (
          <p id="remove-hint" className="hint">
            {t("facts.removeHint")}
          </p>
        ) : null}
        {groups.map((group) => (
          <section key={group.kind} aria-labelledby={`kind-${group.kind}`}>
            <h3 id={`kind-${group.kind}`}>{t(`facts.actions.${group.kind}`)}</h3>
            <ul>
              {group.facts.map((f) => (
                <li key={f.id}>
                  {f.date ?? t("facts.noDate")} · <strong>{t(`facts.confidences.${f.confidence}`)}</strong> — <a href={f.sourceUrl}>{f.sourceUrl}</a>
                  {f.notes ? (
                    <>
                      {" "}
                      — <span lang="en">{f.notes}</span>
                    </>
                  ) : null}
                  {f.declarationText ? (
                    <blockquote lang="en" className="declaration">
                      {f.declarationText}
                    </blockquote>
                  ) : null}
                  {f.declarationUrl ? (
                    <p>
                      {t("facts.fields.declarationUrl")}: <a href={f.declarationUrl}>{f.declarationUrl}</a>
                    </p>
                  ) : null}
                  {flagged.has(f.id) ? <p className="field-error">{t(`facts.problems.${flagged.get(f.id)!}`)}</p> : null}
                  {canEdit ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="csrf" value={csrf} />
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="factId" value={f.id} />
                      <button type="submit" className="link-button" aria-describedby="remove-hint">
                        {t("facts.remove")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
        <ul>
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
      <section aria-labelledby="leads-title">
        <h2 id="leads-title">{t("leads.notPublic")}</h2>
        {leads.length === 0 ? <p>{t("leads.noneForCountry")}</p> : null}
        <ul>
          {leads.map((l) => (
            <li key={l.id}>
              {t(`leads.kinds.${l.kind}`)} ({l.occurredOn ?? t("facts.noDate")}): <span lang="en">{l.detail}</span> — <a href={l.sourceUrl}>{l.sourceTitle || l.sourceUrl}</a> ·{" "}
              {t(`leads.confidences.${l.confidence}`)}
              {l.notes ? (
                <>
                  {" "}
                  — <span lang="en">{l.notes}</span>
                </>
              ) : null}{" "}
              · <Link to={`/${lng}/organize/leads#lead-${l.id}`}>{canEdit ? t("leads.resolveThere") : t("leads.seeThere")}</Link>
            </li>
          ))}
        </ul>
      </section>
      {canEdit ? (
        <>
          <section aria-labelledby="action-title">
            <h2 id="action-title">{t("facts.actionForm")}</h2>
            <p className="hint">{t("facts.actionFormHint")}</p>
            <Form method="post" className="sign-form">
              <input type="hidden" name="csrf" value={csrf} />
              <input type="hidden" name="intent" value="action" />
              <TreatyFactFields form="action" errors={errorsFor("action")} values={valuesFor("action")} />
              <button type="submit">{t("facts.save")}</button>
            </Form>
          </section>
          {votes.length > 0 ? (
            <section aria-labelledby="vote-title">
              <h2 id="vote-title">{t("facts.voteForm")}</h2>
              <Form method="post" className="sign-form">
                <input type="hidden" name="csrf" value={csrf} />
                <input type="hidden" name="intent" value="vote" />
                <FactField form="vote" name="recordedVote" label={t("facts.fields.recordedVote")} errors={errorsFor("vote")} values={valuesFor("vote")} kind="select">
                  {votes.map((v) => (
                    <option key={v.id} value={v.id}>
                      {t("facts.voteIn", { reference: v.reference, body: v.body, date: v.voted_on })}
                    </option>
                  ))}
                </FactField>
                <FactField form="vote" name="vote" label={t("facts.fields.vote")} errors={errorsFor("vote")} values={valuesFor("vote")} kind="select">
                  {(["yes", "no", "abstain", "absent"] as const).map((v) => (
                    <option key={v} value={v}>
                      {t(`facts.votes.${v}`)}
                    </option>
                  ))}
                </FactField>
                <FactField form="vote" name="sourceUrl" label={t("facts.fields.sourceUrl")} errors={errorsFor("vote")} values={valuesFor("vote")} kind="url" />
                <button type="submit">{t("facts.save")}</button>
              </Form>
            </section>
          ) : null}
          <section aria-labelledby="statement-title">
            <h2 id="statement-title">{t("facts.statementForm")}</h2>
            <Form method="post" className="sign-form">
              <input type="hidden" name="csrf" value={csrf} />
              <input type="hidden" name="intent" value="statement" />
              <FactField form="statement" name="date" label={t("facts.fields.date")} errors={errorsFor("statement")} values={valuesFor("statement")} kind="date" />
              <FactField form="statement" name="stance" label={t("facts.fields.stance")} errors={errorsFor("statement")} values={valuesFor("statement")} kind="select">
                {(["supports", "opposes", "mixed", "unknown"] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`facts.stances.${s}`)}
                  </option>
                ))}
              </FactField>
              <FactField form="statement" name="summary" label={t("facts.fields.summary")} errors={errorsFor("statement")} values={valuesFor("statement")} kind="textarea" />
              <FactField form="statement" name="sourceUrl" label={t("facts.fields.sourceUrl")} errors={errorsFor("statement")} values={valuesFor("statement")} kind="url" />
              <button type="submit">{t("facts.save")}</button>
            </Form>
          </section>
        </>
      ) : null}
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("facts.history")}</h2>
        <Table columns={[t("audit.when"), t("audit.who"), t("audit.what"), t("facts.before"), t("facts.after")]}>
          {history.map((h) => (
            <tr key={h.id}>
              <td>{h.created_at.replace("T", " ").slice(0, 19)} UTC</td>
              <td>{h.actor_email}</td>
              <td>
                {t(`facts.kinds.${h.kind}`)} · {t(`facts.causes.${h.cause}`)}
              </td>
              <td>
                <code>{h.before ?? "—"}</code>
              </td>
              <td>
                {h.after ? <code>{h.after}</code> : <em>{t("facts.removed")}</em>}
              </td>
            </tr>
          ))}
        </Table>
      </section>
    </OrganizerPage>
  );
}
