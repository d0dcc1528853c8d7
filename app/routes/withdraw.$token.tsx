import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { mailLinkMeta } from "~/lib/meta";
import { languageFromQuery } from "~/lib/i18n/query-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { withdrawSignature } from "~/modules/petition/signing.service.server";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });

/** "It wasn't me / remove my signature": GET shows a button, the POST withdraws. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const outcome = await withdrawSignature(context.db, params.token ?? "", context.config.server.sessionSecrets, false);
  if (outcome.kind === "invalid") throw notFound();
  const lng = languageFromQuery(request);
  return { outcome: outcome.kind, slug: outcome.slug, lng, title: pageTitle(lng, outcome.kind === "can_withdraw" ? "petitions:withdraw.title" : "petitions:withdraw.doneTitle") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const outcome = await withdrawSignature(context.db, token, context.config.server.sessionSecrets, true);
  if (outcome.kind === "invalid") throw notFound();
  return redirect(`/withdraw/${encodeURIComponent(token)}?lng=${languageFromQuery(request)}`, 303);
}

export const meta = mailLinkMeta;

export default function WithdrawSignature() {
  const { outcome, slug, lng } = useLoaderData<typeof loader>();
  const { t } = useTranslation("petitions");
  return (
    <section className="confirm" aria-labelledby="withdraw-title">
      <h1 id="withdraw-title">{t(outcome === "can_withdraw" ? "withdraw.title" : "withdraw.doneTitle")}</h1>
      {outcome === "can_withdraw" ? (
        <Form method="post">
          <p>{t("withdraw.explain")}</p>
          <button type="submit">{t("withdraw.button")}</button>
        </Form>
      ) : (
        <>
          <p role="status">{t("withdraw.done")}</p>
          <p>
            <Link to={`/${lng}/petitions/${slug}`}>{t("confirm.backToPetition")}</Link>
          </p>
        </>
      )}
    </section>
  );
}

/** A dead link posted to answers in the language of the page it was posted from (see ErrorPage). */
export { ErrorPage as ErrorBoundary } from "~/components/ErrorPage";
