import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { privatePageHeaders } from "~/lib/cache-headers";
import { organizerMeta } from "~/lib/organizer-page";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { organizerCookie } from "~/web/organizer-session.server";
import { completeSignIn, inspectSignIn } from "~/modules/organizer/sign-in.service.server";

/** The link from the sign-in mail: opening it shows a button (mail scanners open links); the POST signs in. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const state = await inspectSignIn(context.db, params.token ?? "", context.config.server.sessionSecrets, new Date());
  return { lng, state, title: pageTitle(lng, "signIn:title") };
}

export async function action({ params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const outcome = await completeSignIn(context.db, params.token ?? "", context.config.server.sessionSecrets, new Date());
  if (outcome.kind !== "signed_in") throw redirect(`/${lng}/organize/sign-in/${encodeURIComponent(params.token ?? "")}`, 303);
  const cookie = await organizerCookie(context.config.server.publicUrl, context.config.server.sessionSecrets).serialize(outcome.sessionValue);
  throw redirect(`/${lng}/organize`, { status: 303, headers: { "Set-Cookie": cookie } });
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function OrganizerSignInLink() {
  const { lng, state } = useLoaderData<typeof loader>();
  const { t } = useTranslation("signIn");
  return (
    <section className="confirm" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t("title")}</h1>
      {state === "valid" ? (
        <Form method="post">
          <p>{t("link.explain")}</p>
          <button type="submit">{t("link.button")}</button>
        </Form>
      ) : (
        <>
          <p role="status">{t(`link.${state}`)}</p>
          <p>
            <Link to={`/${lng}/organize/sign-in`}>{t("again")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
