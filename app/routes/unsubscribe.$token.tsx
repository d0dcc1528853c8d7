import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { mailLinkMeta } from "~/lib/meta";
import { languageFromQuery } from "~/lib/i18n/query-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { checkUnsubscribeToken, unsubscribe } from "~/modules/mail/unsubscribe.service.server";

/**
 * GET only shows a button: mail scanners follow links, and must not unsubscribe
 * anyone. The POST (from the button, or a mail client's one-click) does it.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const check = checkUnsubscribeToken(params.token ?? "", context.config.server.sessionSecrets);
  if (!check.ok) throw new Response(null, { status: 404, statusText: "Not Found" });
  const done = new URL(request.url).searchParams.has("done");
  return { email: check.email, done, title: pageTitle(languageFromQuery(request), done ? "common:unsubscribe.doneTitle" : "common:unsubscribe.title") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const result = await unsubscribe(context.db, params.token ?? "", context.config.server.sessionSecrets);
  if (!result.ok) throw new Response(null, { status: 404, statusText: "Not Found" });
  // The page after the button speaks the language of the page with the button.
  return redirect(`/unsubscribe/${encodeURIComponent(params.token ?? "")}?lng=${languageFromQuery(request)}&done`);
}

export const meta = mailLinkMeta;

export default function Unsubscribe() {
  const { email, done } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{t(done ? "unsubscribe.doneTitle" : "unsubscribe.title")}</h1>
      {done ? (
        <p role="status">{t("unsubscribe.done", { email })}</p>
      ) : (
        <Form method="post">
          <p>{t("unsubscribe.explain", { email })}</p>
          <button type="submit">{t("unsubscribe.confirm")}</button>
        </Form>
      )}
    </section>
  );
}

/** A dead link posted to answers in the language of the page it was posted from (see ErrorPage). */
export { ErrorPage as ErrorBoundary } from "~/components/ErrorPage";
