import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { Table } from "~/components/organize/Table";
import { privatePageHeaders } from "~/lib/cache-headers";
import { organizerMeta } from "~/lib/organizer-page";
import { readForm } from "~/lib/form.server";
import { formatNumber } from "~/lib/i18n/format";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { serverT } from "~/lib/i18n/translate.server";
import { readBulkFilter, type BulkFilterField } from "~/modules/petition/moderation";
import { decideSignature, previewBulkRejection, rejectInBulk, suspectSignatures } from "~/modules/petition/moderation.service.server";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });
const FILTER_FIELDS = ["ipHash", "emailDomain", "country", "from", "to"] as const;

/**
 * Moderation of one petition: suspect signatures one by one (release or
 * reject), and bulk rejection by client-address hash, email domain, country
 * or time, previewed (a GET) before it is done (a POST that must match it).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "moderate");
  const slug = params.slug ?? "";
  const suspects = await suspectSignatures(context.db, slug);
  if (!suspects) throw notFound();
  const query = new URL(request.url).searchParams;
  const asked = FILTER_FIELDS.some((f) => query.get(f));
  const read = asked ? readBulkFilter((name) => query.get(name)) : null;
  const preview = read?.ok ? await previewBulkRejection(context.db, slug, read.filter) : null;
  return {
    lng,
    slug,
    csrf: organizer.csrfToken,
    suspects,
    filterValues: Object.fromEntries(FILTER_FIELDS.map((f) => [f, query.get(f) ?? ""])),
    filterErrors: read && !read.ok ? read.errors : {},
    preview,
    done: query.get("done"),
    title: `${serverT(lng)("organize:moderation.title")} · ${slug}`,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "moderate", form);
  const slug = params.slug ?? "";
  const actor = { id: organizer.id, email: organizer.email };
  const text = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : null);
  const back = `/${lng}/organize/petitions/${encodeURIComponent(slug)}/moderation`;
  if (text("intent") === "bulk") {
    const read = readBulkFilter(text);
    const expected = Number(text("expected"));
    if (!read.ok || !Number.isInteger(expected)) return data({ error: "moderation.errors.stale" }, { status: 400 });
    const outcome = await rejectInBulk(context.db, { slug, filter: read.filter, expected, actor });
    if (outcome.kind === "not_found") throw notFound();
    if (outcome.kind === "changed") return data({ error: "moderation.errors.changed" }, { status: 409 });
    throw redirect(`${back}?done=bulk`, 303);
  }
  const decision = text("decision");
  if (decision !== "release" && decision !== "reject") return data({ error: "moderation.errors.stale" }, { status: 400 });
  const outcome = await decideSignature(context.db, { slug, signatureId: text("signature") ?? "", decision, actor }, context.config.signing);
  if (outcome === "not_found") throw notFound();
  throw redirect(`${back}?done=${outcome === "counted" ? "releaseHeld" : outcome === "done" ? decision : "stale"}`, 303);
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function Moderation() {
  const { lng, slug, csrf, suspects, filterValues, filterErrors, preview, done } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation("organize");
  const errors = filterErrors as Partial<Record<BulkFilterField, string>>;
  return (
    <OrganizerPage lng={lng} title={t("moderation.title")}>
      <p className="lead">{slug}</p>
      {done ? (
        <p role="status" className="note">
          {t(`moderation.done.${done}`)}
        </p>
      ) : null}
      {failed ? (
        <p role="alert" className="field-error">
          {t(failed.error)}
        </p>
      ) : null}

      <section aria-labelledby="suspects-title">
        <h2 id="suspects-title">{t("moderation.suspects", { count: suspects.filter((s) => s.status === "suspect").length })}</h2>
        {suspects.some((s) => s.status === "held") ? <p>{t("moderation.heldCount", { number: formatNumber(lng, suspects.filter((s) => s.status === "held").length) })}</p> : null}
        <Table columns={[t("moderation.name"), t("moderation.country"), t("moderation.domain"), t("moderation.reason"), t("moderation.ipHash"), t("moderation.decide")]}>
          {suspects.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.name}</th>
              <td>{s.country_code}</td>
              <td>{s.domain}</td>
              <td>{s.status === "held" ? t(`moderation.reasons.held_${s.trending ?? "domain"}`) : s.suspect_reason ? t(`moderation.reasons.${s.suspect_reason}`) : "—"}</td>
              <td>
                <code>{s.ip_hash ?? "—"}</code>
              </td>
              <td>
                <Form method="post">
                  <input type="hidden" name="csrf" value={csrf} />
                  <input type="hidden" name="signature" value={s.id} />
                  <button type="submit" name="decision" value="release" aria-label={t("moderation.releaseOne", { name: s.name })}>
                    {t("moderation.release")}
                  </button>{" "}
                  <button type="submit" name="decision" value="reject" aria-label={t("moderation.rejectOne", { name: s.name })}>
                    {t("moderation.reject")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </Table>
      </section>

      <section aria-labelledby="bulk-title">
        <h2 id="bulk-title">{t("moderation.bulk.title")}</h2>
        <p>{t("moderation.bulk.explain")}</p>
        {errors.form ? <p className="field-error">{t(errors.form)}</p> : null}
        <Form method="get" className="sign-form">
          {FILTER_FIELDS.map((field) => (
            <div className="form-field" key={field}>
              <label htmlFor={`bulk-${field}`}>{t(`moderation.bulk.${field}`)}</label>
              {errors[field] ? (
                <p className="field-error" id={`bulk-${field}-error`}>
                  {t(errors[field]!)}
                </p>
              ) : null}
              <input
                id={`bulk-${field}`}
                name={field}
                type={field === "from" || field === "to" ? "date" : "text"}
                defaultValue={filterValues[field]}
                {...(errors[field] ? { "aria-invalid": true, "aria-describedby": `bulk-${field}-error` } : {})}
              />
            </div>
          ))}
          <button type="submit">{t("moderation.bulk.preview")}</button>
        </Form>
        {preview ? (
          <Form method="post">
            <p role="status">
              {t("moderation.bulk.matches", { count: preview.total, confirmed: formatNumber(lng, preview.confirmed), pending: formatNumber(lng, preview.pending), suspect: formatNumber(lng, preview.suspect) })}{" "}
              {preview.held > 0 ? t("moderation.bulk.matchesHeld", { held: formatNumber(lng, preview.held) }) : null}
            </p>
            <input type="hidden" name="csrf" value={csrf} />
            <input type="hidden" name="intent" value="bulk" />
            <input type="hidden" name="expected" value={preview.total} />
            {FILTER_FIELDS.map((field) => (
              <input key={field} type="hidden" name={field} value={filterValues[field]} />
            ))}
            <button type="submit" disabled={preview.total === 0}>
              {t("moderation.bulk.apply", { count: preview.total })}
            </button>
          </Form>
        ) : null}
      </section>
    </OrganizerPage>
  );
}
