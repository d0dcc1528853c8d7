import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerEmailField } from "~/components/organize/OrganizerEmailField";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { Table } from "~/components/organize/Table";
import { privatePageHeaders } from "~/lib/cache-headers";
import { readForm } from "~/lib/form.server";
import { formatMoment } from "~/lib/i18n/format";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { organizerMeta } from "~/lib/organizer-page";
import { isValidEmailAddress } from "~/modules/mail/mail-address";
import { changeOrganizer, inviteOrganizer, listOrganizers, partnerOfRole } from "~/modules/organizer/organizer-admin.service.server";
import { partnerChoices } from "~/modules/partner/partner-scope.server";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";
import { isRole, ROLES } from "~/modules/organizer/roles";

/** Who may use the workspace, with which role (admins only). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "manage_organizers");
  const [organizers, partners] = await Promise.all([listOrganizers(context.db), partnerChoices(context.db)]);
  const done = new URL(request.url).searchParams.get("done");
  return {
    lng,
    csrf: organizer.csrfToken,
    me: organizer.id,
    done: done === "added" || done === "changed" ? done : null,
    organizers: organizers.map((o) => ({
      id: o.id,
      email: o.email,
      role: o.role,
      partner: o.partner_code,
      active: o.active,
      lastSignIn: o.last_sign_in ? new Date(o.last_sign_in).toISOString() : null,
    })),
    partners: partners.map((p) => ({ code: p.code, name: p.name })),
    title: pageTitle(lng, "organize:organizers.title"),
  };
}

type Refusal = { error: string; field: "email" | "role" | "partner" | "row"; id?: number; email?: string; role?: string; partner?: string };
const refuse = (refusal: Refusal, status: number) => data(refusal, { status });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "manage_organizers", form);
  const actor = { id: organizer.id, email: organizer.email };
  const role = form.get("role");
  const partnerCode = typeof form.get("partner") === "string" ? (form.get("partner") as string) : "";
  const back = (done: string) => redirect(`/${lng}/organize/organizers?done=${done}`, 303);
  if (form.get("intent") === "add") {
    const email = typeof form.get("email") === "string" ? (form.get("email") as string).trim() : "";
    if (!isValidEmailAddress(email)) return refuse({ error: "organizers.errors.email", field: "email", email }, 400);
    if (!isRole(role)) return refuse({ error: "organizers.errors.role", field: "role", email }, 400);
    const partner = await partnerOfRole(context.db, role, partnerCode);
    if (!partner.ok) return refuse({ error: `organizePartners:scope.errors.${partner.error}`, field: "partner", email, role, partner: partnerCode }, 400);
    const outcome = await inviteOrganizer(context.db, email, role, actor, partner.partnerId);
    if (outcome === "exists") return refuse({ error: "organizers.errors.exists", field: "email", email }, 409);
    throw back("added");
  }
  const rawId = form.get("id");
  // An organizer id is a PostgreSQL integer: a longer number is bad input, not a database error.
  const id = typeof rawId === "string" && /^\d{1,9}$/u.test(rawId) ? Number(rawId) : NaN;
  if (Number.isNaN(id) || !isRole(role)) return refuse({ error: "organizers.errors.role", field: "row" }, 400);
  const partner = await partnerOfRole(context.db, role, partnerCode);
  if (!partner.ok) return refuse({ error: `organizePartners:scope.errors.${partner.error}`, field: "row", id }, 400);
  const outcome = await changeOrganizer(context.db, id, { role, active: form.get("active") === "yes", partnerId: partner.partnerId }, actor, new Date());
  if (outcome === "not_found") throw new Response(null, { status: 404, statusText: "Not Found" });
  if (outcome === "last_admin") return refuse({ error: "organizers.errors.lastAdmin", field: "row", id }, 409);
  throw back("changed");
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function Organizers() {
  const { lng, csrf, me, done, organizers, partners } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useTranslation("organize");
  const roleOptions = ROLES.map((r) => (
    <option key={r} value={r}>
      {r === "partner" ? t("organizePartners:scope.role") : t(`roles.${r}`)}
    </option>
  ));
  const partnerOptions = [
    <option key="" value="">
      {t("organizePartners:scope.organizers.noPartner")}
    </option>,
    ...partners.map((p) => (
      <option key={p.code} value={p.code}>
        {p.name} ({p.code})
      </option>
    )),
  ];
  return (
    <OrganizerPage lng={lng} title={t("organizers.title")}>
      <p className="hint">{t("organizers.intro")}</p>
      {done ? (
        <p role="status" className="note">
          {t(`organizers.done.${done}`)}
        </p>
      ) : null}

      <h2>{t("organizers.addTitle")}</h2>
      <Form method="post" className="sign-form">
        <input type="hidden" name="csrf" value={csrf} />
        <OrganizerEmailField label={t("organizers.email")} error={refused?.field === "email" ? t(refused.error) : null} defaultValue={refused?.email ?? ""} autoComplete="off" />
        <div className="form-field">
          <label htmlFor="organizer-role">{t("organizers.role")}</label>
          {refused?.field === "role" ? (
            <p className="field-error" id="organizer-role-error">
              {t(refused.error)}
            </p>
          ) : null}
          <select id="organizer-role" name="role" defaultValue={refused?.role ?? "viewer"}>
            {roleOptions}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="organizer-partner">{t("organizePartners:scope.organizers.partner")}</label>
          <p className="hint" id="organizer-partner-hint">
            {t("organizePartners:scope.organizers.hint")}
          </p>
          {refused?.field === "partner" ? (
            <p className="field-error" id="organizer-partner-error">
              {t(refused.error)}
            </p>
          ) : null}
          <select
            id="organizer-partner"
            name="partner"
            defaultValue={refused?.partner ?? ""}
            aria-describedby={refused?.field === "partner" ? "organizer-partner-hint organizer-partner-error" : "organizer-partner-hint"}
            aria-invalid={refused?.field === "partner" ? true : undefined}
          >
            {partnerOptions}
          </select>
        </div>
        <button type="submit" name="intent" value="add">
          {t("organizers.add")}
        </button>
      </Form>

      <h2 id="organizers-list-title">{t("organizers.listTitle")}</h2>
      {refused?.field === "row" ? (
        <p role="alert" className="field-error">
          {t(refused.error)}
        </p>
      ) : null}
      <Table columns={[t("organizers.email"), t("organizers.lastSignIn"), t("organizers.access")]} region={{ labelledBy: "organizers-list-title" }}>
        {organizers.map((o) => (
          <tr key={o.id}>
            <th scope="row">
              {o.email}
              {o.id === me ? ` (${t("organizers.you")})` : ""}
            </th>
            <td>{o.lastSignIn ? formatMoment(lng, o.lastSignIn) : "—"}</td>
            <td>
              <Form method="post" className="inline-form">
                <input type="hidden" name="csrf" value={csrf} />
                <input type="hidden" name="id" value={o.id} />
                <label htmlFor={`role-${o.id}`} className="visually-hidden">
                  {t("organizers.roleOf", { email: o.email })}
                </label>
                <select id={`role-${o.id}`} name="role" defaultValue={o.role}>
                  {roleOptions}
                </select>{" "}
                <label htmlFor={`partner-${o.id}`} className="visually-hidden">
                  {t("organizePartners:scope.organizers.partnerOf", { email: o.email })}
                </label>
                <select id={`partner-${o.id}`} name="partner" defaultValue={o.partner ?? ""}>
                  {partnerOptions}
                </select>{" "}
                <input type="checkbox" id={`active-${o.id}`} name="active" value="yes" defaultChecked={o.active} />{" "}
                <label htmlFor={`active-${o.id}`}>{t("organizers.active")}</label>{" "}
                <button type="submit" name="intent" value="change" aria-label={t("organizers.saveFor", { email: o.email })}>
                  {t("organizers.save")}
                </button>
              </Form>
            </td>
          </tr>
        ))}
      </Table>
    </OrganizerPage>
  );
}
