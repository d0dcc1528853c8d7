import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerEmailField } from "~/components/organize/OrganizerEmailField";
import { privatePageHeaders } from "~/lib/cache-headers";
import { organizerMeta } from "~/lib/organizer-page";
import { hashClientAddress } from "~/lib/client-address.server";
import { readForm } from "~/lib/form.server";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { currentOrganizer } from "~/web/organizer-session.server";
import { requestSignIn } from "~/modules/organizer/sign-in.service.server";

/** Organizers sign in with a link by mail: no password to leak or reuse. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  if (await currentOrganizer(request, context)) throw redirect(`/${lng}/organize`);
  const sent = new URL(request.url).searchParams.has("sent");
  return { sent, title: pageTitle(lng, "signIn:title") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const form = await readForm(request);
  const email = typeof form.get("email") === "string" ? (form.get("email") as string) : "";
  const outcome = await requestSignIn(context.db, {
    email,
    lng,
    ipHash: hashClientAddress(context.clientAddress, context.config.server.sessionSecrets),
    now: new Date(),
    secrets: context.config.server.sessionSecrets,
  });
  switch (outcome) {
    case "invalid_email":
      return data({ error: "errors.emailInvalid", email }, { status: 400 });
    case "rate_limited":
      return data({ error: "errors.tooMany", email }, { status: 429 });
    case "sent":
      throw redirect(`/${lng}/organize/sign-in?sent`, 303);
  }
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function OrganizerSignIn() {
  const { sent } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation("signIn");
  return (
    <section className="organize-sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t("title")}</h1>
      {sent ? (
        <p role="status" className="note">
          {t("sent")}
        </p>
      ) : null}
      <Form method="post" className="sign-form" noValidate>
        <OrganizerEmailField label={t("email")} error={failed ? t(failed.error) : null} defaultValue={failed?.email} autoComplete="email" required />
        <button type="submit">{t("submit")}</button>
      </Form>
      <p className="hint">{t("explain")}</p>
    </section>
  );
}
