import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FollowUnsubscribe } from "~/components/follow/FollowUnsubscribe";
import { UpdateUnsubscribe } from "~/components/updates/UpdateUnsubscribe";
import { readForm } from "~/lib/form.server";
import { mailLinkMeta } from "~/lib/meta";
import { languageFromQuery } from "~/lib/i18n/query-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { followIdFromUnsubscribeToken } from "~/lib/links/follow-links.server";
import { updateRecipientFromToken } from "~/lib/links/update-links.server";
import { unsubscribeScopeOf } from "~/modules/follow/follow-status";
import { inspectFollowUnsubscribe, unsubscribeFollow } from "~/modules/follow/follow.service.server";
import { checkUnsubscribeToken, unsubscribe } from "~/modules/mail/unsubscribe.service.server";
import { inspectUpdateUnsubscribe, unsubscribeThroughUpdate, updateUnsubscribeScopeOf } from "~/modules/updates/updates.service.server";
import { countryNameIn } from "~/web/follow-route.server";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });

/**
 * GET only shows a button: mail scanners follow links, and must not unsubscribe
 * anyone. The POST (from the button, or a mail client's one-click) does it.
 * A follow's link (the token says which) stops news of its country, or, by the
 * button chosen, of every country followed, or all mail.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const secrets = context.config.server.sessionSecrets;
  const lng = languageFromQuery(request);
  const url = new URL(request.url);
  const done = url.searchParams.has("done");
  if (followIdFromUnsubscribeToken(token, secrets)) {
    const view = await inspectFollowUnsubscribe(context.db, token, secrets);
    if (view.kind === "invalid") throw notFound();
    const { email, active, followsOther, segment } = view;
    const countryName = countryNameIn(lng, view.code2);
    const scope = done ? unsubscribeScopeOf(url.searchParams.get("done")) : null;
    const key = scope ? `follows:unsubscribe.done.${scope}` : active ? "follows:unsubscribe.title" : "follows:unsubscribe.stopped.title";
    return { kind: "follow" as const, email, done, lng, follow: { countryName, segment, active, followsOther, scope }, update: null, title: pageTitle(lng, key, { country: countryName }) };
  }
  if (updateRecipientFromToken(token, secrets)) {
    const view = await inspectUpdateUnsubscribe(context.db, token, secrets);
    if (view.kind === "invalid") throw notFound();
    const scope = done ? updateUnsubscribeScopeOf(url.searchParams.get("done")) : null;
    const key = scope ? `updates:unsubscribe.done.${scope}` : view.active ? "updates:unsubscribe.title" : "updates:unsubscribe.stopped";
    return { kind: "update" as const, email: view.email, done, lng, follow: null, update: { campaignPath: view.campaignPath, active: view.active, scope }, title: pageTitle(lng, key) };
  }
  const check = checkUnsubscribeToken(token, secrets);
  if (!check.ok) throw notFound();
  return { kind: "all" as const, email: check.email, done, lng, follow: null, update: null, title: pageTitle(lng, done ? "common:unsubscribe.doneTitle" : "common:unsubscribe.title") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const secrets = context.config.server.sessionSecrets;
  const lng = languageFromQuery(request);
  if (followIdFromUnsubscribeToken(token, secrets)) {
    // A mail client's one-click POST (RFC 8058) names no scope: it stops the mail's own country.
    const scope = unsubscribeScopeOf((await readForm(request)).get("scope"));
    const result = await unsubscribeFollow(context.db, token, scope, { secrets, now: new Date() });
    if (result.kind === "invalid") throw notFound();
    return redirect(`/unsubscribe/${encodeURIComponent(token)}?lng=${lng}&done=${scope}`, 303);
  }
  if (updateRecipientFromToken(token, secrets)) {
    // A mail client's one-click POST (RFC 8058) names no scope: it stops the news of the mail's campaign.
    const scope = updateUnsubscribeScopeOf((await readForm(request)).get("scope"));
    const result = await unsubscribeThroughUpdate(context.db, token, scope, { secrets, now: new Date() });
    if (result.kind === "invalid") throw notFound();
    return redirect(`/unsubscribe/${encodeURIComponent(token)}?lng=${lng}&done=${scope}`, 303);
  }
  const result = await unsubscribe(context.db, token, secrets);
  if (!result.ok) throw notFound();
  // The page after the button speaks the language of the page with the button.
  return redirect(`/unsubscribe/${encodeURIComponent(token)}?lng=${lng}&done`);
}

export const meta = mailLinkMeta;

export default function Unsubscribe() {
  const { email, done, lng, follow, update } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (follow) return <FollowUnsubscribe lng={lng} email={email} {...follow} />;
  if (update) return <UpdateUnsubscribe lng={lng} email={email} {...update} />;
  return (
    <section aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{t(done ? "unsubscribe.doneTitle" : "unsubscribe.title")}</h1>
      {done ? (
        <>
          <p role="status">{t("unsubscribe.done", { email })}</p>
          {/* No dead end: the site is still there to read. */}
          <p>
            <Link to={`/${lng}`}>{t("errors.backHome")}</Link>
          </p>
        </>
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
