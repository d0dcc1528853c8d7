import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { Table } from "~/components/organize/Table";
import { PartnerFields } from "~/components/partner/PartnerFields";
import { privatePageHeaders } from "~/lib/cache-headers";
import { readForm } from "~/lib/form.server";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { organizerMeta } from "~/lib/organizer-page";
import { addPartner, listPartners } from "~/modules/partner/partner-admin.service.server";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";
import { checkPartnerForm, logoError, logoUpload, type PartnerFormField } from "~/web/partner-admin-route.server";

/** The partner organizations (admins only): the list, and a form to add one. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "manage_partners");
  const done = new URL(request.url).searchParams.get("done");
  return {
    lng,
    csrf: organizer.csrfToken,
    done: done === "added" ? done : null,
    partners: await listPartners(context.db),
    title: pageTitle(lng, "organizePartners:partners.title"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "manage_partners", form);
  const checked = checkPartnerForm(form);
  if (!checked.ok) return data(checked.refusal, { status: 400 });
  const outcome = await addPartner(context.db, checked.partner, await logoUpload(form), { id: organizer.id, email: organizer.email });
  switch (outcome.kind) {
    case "code_taken":
      return data({ values: checked.values, errors: { code: "partners.errors.codeTaken" } }, { status: 409 });
    case "logo":
      return data({ values: checked.values, errors: { logo: logoError(outcome.problem) } }, { status: 400 });
    case "not_found":
    case "saved":
      throw redirect(`/${lng}/organize/partners?done=added`, 303);
  }
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function Partners() {
  const { lng, csrf, done, partners } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useTranslation("organizePartners");
  return (
    <OrganizerPage lng={lng} title={t("partners.title")}>
      <p className="hint">{t("partners.intro")}</p>
      {done ? (
        <p role="status" className="note">
          {t("partners.done.added")}
        </p>
      ) : null}
      <h2 id="partners-list-title">{t("partners.listTitle")}</h2>
      {partners.length === 0 ? (
        <p>{t("partners.none")}</p>
      ) : (
        <Table columns={[t("partners.fields.name"), t("partners.fields.code"), t("partners.columns.logo"), t("partners.columns.campaigns"), t("partners.columns.state")]} region={{ labelledBy: "partners-list-title" }}>
          {partners.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={`/${lng}/organize/partners/${p.code}`}>
                  <bdi>{p.name}</bdi>
                </Link>
              </th>
              <td>
                <code>{p.code}</code>
              </td>
              <td>{p.hasLogo ? <img src={`/partners/${p.code}/logo.png?v=${p.logoVersion ?? ""}`} alt={p.name} height={32} /> : "—"}</td>
              <td>{p.campaigns}</td>
              <td>{p.active ? t("partners.state.active") : t("partners.state.inactive")}</td>
            </tr>
          ))}
        </Table>
      )}
      <h2>{t("partners.addTitle")}</h2>
      <Form method="post" encType="multipart/form-data" className="sign-form" noValidate>
        <input type="hidden" name="csrf" value={csrf} />
        <PartnerFields values={refused?.values ?? {}} errors={(refused?.errors ?? {}) as Partial<Record<PartnerFormField, string>>} withLogo />
        <button type="submit">{t("partners.add")}</button>
      </Form>
    </OrganizerPage>
  );
}
