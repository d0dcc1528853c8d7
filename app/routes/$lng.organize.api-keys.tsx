import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { Table } from "~/components/organize/Table";
import { privatePageHeaders } from "~/lib/cache-headers";
import { readForm } from "~/lib/form.server";
import { formatMoment } from "~/lib/i18n/format";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { organizerMeta } from "~/lib/organizer-page";
import { readKeyForm, type KeyFormError } from "~/modules/api/api-key-form";
import { issueApiKey, keyPartners, listApiKeys, revokeApiKey } from "~/modules/api/api-keys.server";
import { API_SCOPES } from "~/modules/api/api-scopes";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** API keys for /api/osdi/v1 (admins only): create (the key is shown once), list, revoke. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "manage_api_keys");
  const [keys, partners] = await Promise.all([listApiKeys(context.db), keyPartners(context.db)]);
  const done = new URL(request.url).searchParams.get("done");
  return {
    lng,
    csrf: organizer.csrfToken,
    done: done === "revoked" ? done : null,
    partners,
    keys: keys.map((k) => ({
      id: k.id,
      label: k.label,
      hint: k.key_hint,
      scopes: k.scopes,
      partner: k.partner_name,
      createdAt: iso(k.created_at)!,
      createdBy: k.created_by,
      lastUsedAt: iso(k.last_used_at),
      revokedAt: iso(k.revoked_at),
    })),
    title: pageTitle(lng, "organizeApi:keys.title"),
  };
}

type ActionResult =
  | { kind: "created"; key: string; label: string }
  | { kind: "invalid"; errors: Partial<Record<KeyFormError["field"], string>>; values: { label: string; partner: string; scopes: string[] } };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "manage_api_keys", form);
  const actor = { id: organizer.id, email: organizer.email };
  if (form.get("intent") === "revoke") {
    const id = typeof form.get("id") === "string" ? (form.get("id") as string) : "";
    if (!(await revokeApiKey(context.db, id, actor, new Date()))) throw new Response(null, { status: 404, statusText: "Not Found" });
    throw redirect(`/${lng}/organize/api-keys?done=revoked`, 303);
  }
  const partners = await keyPartners(context.db);
  const read = readKeyForm(form, new Set(partners.map((p) => p.id)));
  if (!read.ok) return data<ActionResult>({ kind: "invalid", errors: read.errors, values: read.values }, { status: 400 });
  const created = await issueApiKey(context.db, { ...read.key, createdBy: organizer.email }, actor);
  // The key itself is in this answer only: never stored, never in a URL, not cached.
  return data<ActionResult>({ kind: "created", key: created.key, label: read.key.label }, { status: 201, headers: { "Cache-Control": "no-store" } });
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function ApiKeys() {
  const { lng, csrf, done, partners, keys } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const { t } = useTranslation("organizeApi");
  const invalid = result?.kind === "invalid" ? result : null;
  const fieldError = (field: KeyFormError["field"]) =>
    invalid?.errors[field] ? (
      <p className="field-error" id={`key-${field}-error`}>
        {t(invalid.errors[field]!)}
      </p>
    ) : null;
  return (
    <OrganizerPage lng={lng} title={t("keys.title")}>
      <p className="hint">{t("keys.intro")}</p>
      {done ? (
        <p role="status" className="note">
          {t("keys.revoked")}
        </p>
      ) : null}
      {result?.kind === "created" ? (
        <div role="status" className="note">
          <p>{t("keys.created", { label: result.label })}</p>
          <p>
            <code id="new-api-key">{result.key}</code>
          </p>
          <p>{t("keys.shownOnce")}</p>
        </div>
      ) : null}

      <h2>{t("keys.addTitle")}</h2>
      <Form method="post" className="sign-form">
        <input type="hidden" name="csrf" value={csrf} />
        <div className="form-field">
          <label htmlFor="key-label">{t("keys.label")}</label>
          {fieldError("label")}
          <input id="key-label" name="label" maxLength={100} required defaultValue={invalid?.values.label ?? ""} aria-invalid={invalid?.errors.label ? true : undefined} aria-describedby={invalid?.errors.label ? "key-label-error" : undefined} />
        </div>
        <div className="form-field">
          <label htmlFor="key-partner">{t("keys.partner")}</label>
          {fieldError("partner")}
          <select id="key-partner" name="partner" defaultValue={invalid?.values.partner ?? ""}>
            <option value="">{t("keys.platform")}</option>
            {partners.map((p) => (
              <option key={p.id} value={String(p.id)}>
                {p.name} ({p.code})
              </option>
            ))}
          </select>
        </div>
        <fieldset className="form-field" aria-describedby={invalid?.errors.scopes ? "key-scopes-error" : undefined}>
          <legend>{t("keys.scopes")}</legend>
          {fieldError("scopes")}
          {API_SCOPES.map((scope) => (
            <p key={scope} className="form-check">
              <input type="checkbox" id={`scope-${scope}`} name="scopes" value={scope} defaultChecked={invalid?.values.scopes.includes(scope) ?? false} />{" "}
              <label htmlFor={`scope-${scope}`}>
                <code>{scope}</code> — {t(`keys.scope.${scope.replace(":", "_")}`)}
              </label>
            </p>
          ))}
        </fieldset>
        <button type="submit" name="intent" value="create">
          {t("keys.create")}
        </button>
      </Form>

      <h2 id="api-keys-list-title">{t("keys.listTitle")}</h2>
      {keys.length === 0 ? (
        <p>{t("keys.none")}</p>
      ) : (
        <Table columns={[t("keys.label"), t("keys.scopes"), t("keys.partner"), t("keys.createdAt"), t("keys.lastUsedAt"), t("keys.state")]} region={{ labelledBy: "api-keys-list-title" }}>
          {keys.map((k) => (
            <tr key={k.id}>
              <th scope="row">
                {k.label} <code>…{k.hint}</code>
              </th>
              <td>{k.scopes.join(", ")}</td>
              <td>{k.partner ?? t("keys.platform")}</td>
              <td>
                {formatMoment(lng, k.createdAt)} ({k.createdBy})
              </td>
              <td>{k.lastUsedAt ? formatMoment(lng, k.lastUsedAt) : t("keys.never")}</td>
              <td>
                {k.revokedAt ? (
                  t("keys.revokedAt", { when: formatMoment(lng, k.revokedAt) })
                ) : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="csrf" value={csrf} />
                    <input type="hidden" name="id" value={k.id} />
                    <button type="submit" name="intent" value="revoke" aria-label={t("keys.revokeFor", { label: k.label })}>
                      {t("keys.revoke")}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </OrganizerPage>
  );
}
