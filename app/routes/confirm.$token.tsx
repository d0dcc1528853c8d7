import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { languageFromQuery } from "~/lib/i18n/query-language.server";
import { signingConfig } from "~/modules/petition/signing-config.server";
import { confirmSignature, inspectConfirmation } from "~/modules/petition/signing.service.server";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });

/**
 * GET only shows a "Confirm my signature" button: mail scanners open links,
 * and must not sign for anyone. The POST from the button confirms, once.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const outcome = await inspectConfirmation(context.db, params.token ?? "", { config: signingConfig(), secrets: context.sessionSecrets, now: new Date() });
  if (outcome.kind === "invalid") throw notFound();
  const done = new URL(request.url).searchParams.has("done");
  return { outcome: outcome.kind, slug: outcome.slug, lng: languageFromQuery(request), done };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const outcome = await confirmSignature(context.db, token, { config: signingConfig(), secrets: context.sessionSecrets, now: new Date() });
  if (outcome.kind === "invalid") throw notFound();
  const done = outcome.kind === "confirmed" ? "&done" : "";
  return redirect(`/confirm/${token}?lng=${languageFromQuery(request)}${done}`, 303);
}

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function ConfirmSignature() {
  const { outcome, slug, lng, done } = useLoaderData<typeof loader>();
  const { t } = useTranslation("petitions");
  const petitionLink = <Link to={`/${lng}/petitions/${slug}`}>{t("confirm.backToPetition")}</Link>;
  if (outcome === "confirmed") {
    return (
      <section className="confirm" aria-labelledby="confirm-title">
        <h1 id="confirm-title">{t("confirm.title")}</h1>
        <Form method="post">
          <p>{t("confirm.explain")}</p>
          <button type="submit">{t("confirm.button")}</button>
        </Form>
      </section>
    );
  }
  const key = outcome === "already_confirmed" && done ? "thanks" : outcome;
  return (
    <section className="confirm" aria-labelledby="confirm-title">
      <h1 id="confirm-title">{t(`confirm.${key}.title`)}</h1>
      <p role="status">{t(`confirm.${key}.body`)}</p>
      <p>{petitionLink}</p>
    </section>
  );
}
