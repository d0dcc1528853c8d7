import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { privatePageHeaders } from "~/lib/cache-headers";
import { organizerMeta } from "~/lib/organizer-page";
import { readForm } from "~/lib/form.server";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { isValidEmailAddress } from "~/modules/mail/mail-address";
import { requireOrganizer, requireOrganizerAction } from "~/web/organizer-session.server";
import { erasePerson } from "~/modules/privacy/privacy.service.server";

/** Data-subject requests (admins): everything about one address as JSON, or erased everywhere. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "privacy_operations");
  const invalid = new URL(request.url).searchParams.has("invalid");
  return { lng, csrf: organizer.csrfToken, invalid, title: pageTitle(lng, "organize:people.title") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const organizer = await requireOrganizerAction(request, context, lng, "privacy_operations", form);
  const email = typeof form.get("email") === "string" ? (form.get("email") as string).trim() : "";
  const actor = { id: organizer.id, email: organizer.email };
  if (!isValidEmailAddress(email)) return data({ kind: "invalid" as const, error: "people.errors.email", email }, { status: 400 });
  if (form.get("confirm") !== "yes") return data({ kind: "invalid" as const, error: "people.errors.confirm", email }, { status: 400 });
  const erased = await erasePerson(context.db, email, actor, context.config.server.sessionSecrets);
  return { kind: "erased" as const, ...erased };
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function People() {
  const { lng, csrf, invalid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("organize");
  const failed = result && "kind" in result && result.kind === "invalid" ? result : invalid ? { error: "people.errors.email", email: "" } : null;
  return (
    <OrganizerPage lng={lng} title={t("people.title")}>
      <p>{t("people.explain")}</p>
      {result && "kind" in result && result.kind === "erased" ? (
        <p role="status" className="note">
          {t("people.erased", { signatures: result.signatures, letters: result.letters, mails: result.mails })}
          {result.organizer ? ` ${t("people.organizerKept")}` : null}
        </p>
      ) : null}
      <Form method="post" reloadDocument className="sign-form">
        <input type="hidden" name="csrf" value={csrf} />
        <div className="form-field">
          <label htmlFor="person-email">{t("people.email")}</label>
          {failed ? (
            <p className="field-error" id="person-email-error">
              {t(failed.error)}
            </p>
          ) : null}
          <input id="person-email" name="email" type="email" required defaultValue={failed?.email} {...(failed ? { "aria-invalid": true, "aria-describedby": "person-email-error" } : {})} />
        </div>
        <p className="form-check">
          <input id="person-confirm" type="checkbox" name="confirm" value="yes" />
          <label htmlFor="person-confirm">{t("people.confirm")}</label>
        </p>
        <p className="form-actions">
          <button type="submit" formAction={`/${lng}/organize/people/export`}>
            {t("people.export")}
          </button>{" "}
          <button type="submit" name="intent" value="erase">
            {t("people.erase")}
          </button>
        </p>
      </Form>
    </OrganizerPage>
  );
}
