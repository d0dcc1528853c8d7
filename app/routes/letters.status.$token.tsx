import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { mailLinkMeta } from "~/lib/meta";
import { readForm } from "~/lib/form.server";
import { languageFromQuery } from "~/lib/i18n/query-language.server";
import { serverT } from "~/lib/i18n/translate.server";
import { getLetterStatus, recordReply } from "~/modules/letter/letter-status.service.server";
import { isReplyAnswer, REPLY_ANSWERS } from "~/modules/letter/reply-rates";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });

/**
 * The sender's page for one letter (linked from the receipt and the follow-up
 * mail): where it went and, once delivered, "did you get a reply?". Answers
 * are POSTs; opening the link changes nothing.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const status = await getLetterStatus(context.db, params.token ?? "", context.config.server.sessionSecrets);
  if (!status) throw notFound();
  const lng = languageFromQuery(request);
  const saved = new URL(request.url).searchParams.get("saved");
  return { ...status, lng, saved: saved === "recorded" || saved === "not_delivered" ? saved : null, title: serverT(lng)("letters:status.title") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const form = await readForm(request);
  const target = form.get("target");
  const answer = form.get("answer");
  if (typeof target !== "string" || !/^\d{1,9}$/u.test(target) || !isReplyAnswer(answer)) {
    throw data(null, { status: 400, statusText: "Bad Request" });
  }
  const outcome = await recordReply(context.db, { token, targetId: Number(target), answer, now: new Date() }, context.config.server.sessionSecrets);
  if (outcome === "invalid") throw notFound();
  return redirect(`/letters/status/${encodeURIComponent(token)}?lng=${languageFromQuery(request)}&saved=${outcome}`, 303);
}

export const meta = mailLinkMeta;

export default function LetterStatus() {
  const { subject, campaignSlug, recipients, lng, saved } = useLoaderData<typeof loader>();
  const { t } = useTranslation("letters");
  return (
    <section className="letter-status" aria-labelledby="status-title">
      <h1 id="status-title">{t("status.title")}</h1>
      <p>{t("status.subject", { subject })}</p>
      {saved ? (
        <p role="status" className="note">
          {t(`status.saved.${saved}`)}
        </p>
      ) : null}
      <ul className="letter-recipients">
        {recipients.map((r) => (
          <li key={r.targetId}>
            <h2>
              {r.name}, {r.role}
            </h2>
            <p>{t(`status.state.${r.state}`)}</p>
            {r.canAnswer ? (
              <Form method="post" className="reply-question">
                <input type="hidden" name="target" value={r.targetId} />
                <fieldset>
                  <legend>{t("status.question", { name: r.name })}</legend>
                  {r.reply ? <p>{t("status.yourAnswer", { answer: t(`status.answer.${r.reply}`) })}</p> : null}
                  {REPLY_ANSWERS.map((answer) => (
                    <button key={answer} type="submit" name="answer" value={answer} aria-pressed={r.reply === answer}>
                      {t(`status.answer.${answer}`)}
                    </button>
                  ))}
                </fieldset>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      <p>
        <Link to={`/${lng}/letters/${campaignSlug}`}>{t("confirm.back")}</Link>
      </p>
    </section>
  );
}

/** A dead link posted to answers in the language of the page it was posted from (see ErrorPage). */
export { ErrorPage as ErrorBoundary } from "~/components/ErrorPage";
