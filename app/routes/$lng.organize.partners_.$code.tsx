import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { LogoField, PartnerFields } from "~/components/partner/PartnerFields";
import { privatePageHeaders } from "~/lib/cache-headers";
import { readForm } from "~/lib/form.server";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { organizerMeta } from "~/lib/organizer-page";
import { partnerForEditing, setPartnerLogo, updatePartner } from "~/modules/partner/partner-admin.service.server";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";
import { checkPartnerForm, logoError, logoUpload, type PartnerFormField } from "~/web/partner-admin-route.server";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });

/** One partner's details and logo (admins only). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "manage_partners");
  const partner = await partnerForEditing(context.db, params.code ?? "");
  if (!partner) throw notFound();
  const done = new URL(request.url).searchParams.get("done");
  return {
    lng,
    csrf: organizer.csrfToken,
    partner,
    done: done === "saved" || done === "logo" ? done : null,
    title: pageTitle(lng, "organizePartners:partners.editTitle", { name: partner.name }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const code = params.code ?? "";
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "manage_partners", form);
  const actor = { id: organizer.id, email: organizer.email };
  const intent = form.get("intent");
  if (intent === "logo" || intent === "removeLogo") {
    const upload = intent === "logo" ? await logoUpload(form) : null;
    if (intent === "logo" && upload === null) return data({ values: undefined, errors: { logo: "partners.errors.logoMissing" } }, { status: 400 });
    const outcome = await setPartnerLogo(context.db, code, upload, actor);
    if (outcome.kind === "not_found") throw notFound();
    if (outcome.kind === "logo") return data({ values: undefined, errors: { logo: logoError(outcome.problem) } }, { status: 400 });
    throw redirect(`/${lng}/organize/partners/${code}?done=logo`, 303);
  }
  const checked = checkPartnerForm(form);
  if (!checked.ok) return data(checked.refusal, { status: 400 });
  const outcome = await updatePartner(context.db, code, checked.partner, actor);
  switch (outcome.kind) {
    case "not_found":
      throw notFound();
    case "code_taken":
      return data({ values: checked.values, errors: { code: "partners.errors.codeTaken" } }, { status: 409 });
    case "logo":
    case "saved":
      throw redirect(`/${lng}/organize/partners/${checked.partner.code}?done=saved`, 303);
  }
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function PartnerEditor() {
  const { lng, csrf, partner, done } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useTranslation("organizePartners");
  const errors: Partial<Record<PartnerFormField, string>> = refused?.errors ?? {};
  const detailErrors = { ...errors, logo: undefined };
  return (
    <OrganizerPage
      lng={lng}
      title={t("partners.editTitle", { name: partner.name })}
      crumbs={
        <>
          {" › "}
          <Link to={`/${lng}/organize/partners`}>{t("partners.title")}</Link>
        </>
      }
    >
      {done ? (
        <p role="status" className="note">
          {t(`partners.done.${done}`)}
        </p>
      ) : null}
      <p className="hint">{t("partners.linkHint", { code: partner.code })}</p>
      <Form method="post" className="sign-form" noValidate aria-labelledby="partner-details-title">
        <h2 id="partner-details-title">{t("partners.detailsTitle")}</h2>
        <input type="hidden" name="csrf" value={csrf} />
        <PartnerFields values={refused?.values ?? partner} errors={detailErrors} withLogo={false} />
        <button type="submit" name="intent" value="details">
          {t("partners.save")}
        </button>
      </Form>
      <Form method="post" encType="multipart/form-data" className="sign-form" noValidate aria-labelledby="partner-logo-title">
        <h2 id="partner-logo-title">{t("partners.logoTitle")}</h2>
        <input type="hidden" name="csrf" value={csrf} />
        {partner.hasLogo ? (
          <p>
            <img src={`/partners/${partner.code}/logo.png?v=${partner.logoVersion ?? ""}`} alt={partner.name} className="partner-logo-preview" />
          </p>
        ) : (
          <p>{t("partners.noLogo")}</p>
        )}
        <LogoField error={errors.logo ? t(errors.logo) : undefined} />
        <button type="submit" name="intent" value="logo">
          {t("partners.uploadLogo")}
        </button>{" "}
        {partner.hasLogo ? (
          <button type="submit" name="intent" value="removeLogo" formEncType="application/x-www-form-urlencoded">
            {t("partners.removeLogo")}
          </button>
        ) : null}
      </Form>
    </OrganizerPage>
  );
}
