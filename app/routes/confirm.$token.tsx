import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { privatePageHeaders } from "~/lib/cache-headers";
import { mailLinkMeta } from "~/lib/meta";
import { languageFromQuery } from "~/lib/i18n/query-language.server";
import { countryNameOverrides, pageTitle } from "~/lib/i18n/translate.server";
import { FollowConfirmation } from "~/components/follow/FollowConfirmation";
import { followIdFromConfirmToken, followUnsubscribeToken } from "~/lib/links/follow-links.server";
import { letterIdFromConfirmToken } from "~/lib/links/letter-links.server";
import { confirmFollow } from "~/modules/follow/follow.service.server";
import { confirmLetter } from "~/modules/letter/letter.service.server";
import { receiptForConfirmToken } from "~/modules/petition/signature-receipts.server";
import { confirmSignature, inspectConfirmation } from "~/modules/petition/signing.service.server";
import { countryNameIn } from "~/web/follow-route.server";
import { shareMomentView } from "~/web/share-moment.server";
import { ShareLinks } from "~/components/ShareLinks";
import { NextActions } from "~/components/share/NextActions";
import { SignatureReceipt } from "~/components/petition/SignatureReceipt";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });

/** A confirm link is a signature's, a letter's or a follow's: the signed token says which. */
async function confirmation(context: LoaderFunctionArgs["context"], request: Request, token: string, apply: boolean) {
  const lng = languageFromQuery(request);
  const secrets = context.config.server.sessionSecrets;
  if (followIdFromConfirmToken(token, secrets)) {
    const outcome = await confirmFollow(context.db, token, { secrets, now: new Date(), confirmTtlMs: context.config.signing.confirmTtlMs, apply });
    if (outcome.kind === "invalid") return null;
    // Once confirmed, the page says how to stop: the follow's own unsubscribe page.
    const follow = { countryName: countryNameIn(lng, outcome.code2), language: outcome.language, unsubscribeToken: followUnsubscribeToken(outcome.followId, secrets) };
    return { kind: "follow" as const, outcome: outcome.kind === "confirm" ? "confirmed" : outcome.kind, slug: outcome.segment, recipients: 0, lng, follow, own: null, heldBy: null };
  }
  if (letterIdFromConfirmToken(token, secrets)) {
    const outcome = await confirmLetter(context.db, token, { secrets, now: new Date(), apply, nameOverrides: countryNameOverrides(lng), config: context.config.letters });
    if (outcome.kind === "invalid") return null;
    const own = { referralCode: outcome.referralCode, countryCode: outcome.countryCode };
    return { kind: "letter" as const, outcome: outcome.kind, slug: outcome.slug, recipients: outcome.recipients, lng, follow: null, own, heldBy: null };
  }
  const ctx = { config: context.config.signing, secrets, now: new Date() };
  const outcome = apply ? await confirmSignature(context.db, token, ctx) : await inspectConfirmation(context.db, token, ctx);
  if (outcome.kind === "invalid") return null;
  const own = "referralCode" in outcome ? { referralCode: outcome.referralCode, countryCode: outcome.countryCode } : null;
  // Held for review: the page says so, and why (the person's organization's domain, or their network).
  const heldBy = outcome.kind === "held" ? outcome.source : null;
  return { kind: "signature" as const, outcome: outcome.kind, slug: outcome.slug, recipients: 0, lng, follow: null, own, heldBy };
}

/**
 * GET only shows a button: mail scanners open links, and must not sign or
 * send anything for anyone. The POST from the button confirms, once. After it,
 * and on every later visit, the page says what the signature is now: counted,
 * or being reviewed (held), or rejected.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const found = await confirmation(context, request, token, false);
  if (!found) throw notFound();
  const url = new URL(request.url);
  const done = url.searchParams.has("done");
  const { own, ...shown } = found;
  // Once a signature or letter counts: share it with the person's own code, and the next step for their country.
  const moment =
    own && found.outcome === "already_confirmed"
      ? await shareMomentView(context, found.lng, { kind: found.kind === "letter" ? "letter_campaign" : "petition", slug: found.slug }, { ref: own.referralCode, country: own.countryCode, followFormShown: false })
      : null;
  // A counted signature's receipt: ready once the log job appended its entry (seconds), until then preparing.
  const counted =
    found.kind === "signature" && found.outcome === "already_confirmed"
      ? await receiptForConfirmToken(context.db, token, { secrets: context.config.server.sessionSecrets, siteOrigin: context.config.server.publicUrl })
      : null;
  const receipt = counted
    ? { receipt: counted.status === "ready" ? counted.receipt : null, downloadHref: `/confirm/${encodeURIComponent(token)}/receipt`, reloadHref: `${url.pathname}${url.search}` }
    : null;
  return { ...shown, done, moment, receipt, title: pageTitle(found.lng, `${titleKey(found.kind, found.outcome, done)}.title`, found.follow ? { country: found.follow.countryName } : {}) };
}

const NAMESPACES = { letter: "letters", signature: "petitions", follow: "follows" } as const;

/** The heading's key (without `.title`): the button's page, or the outcome's own text. */
function titleKey(kind: keyof typeof NAMESPACES, outcome: string, done: boolean): string {
  const ns = NAMESPACES[kind];
  if (outcome === "confirmed") return `${ns}:confirm`;
  return `${ns}:confirm.${outcome === "already_confirmed" && done ? "thanks" : outcome}`;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const found = await confirmation(context, request, token, true);
  if (!found) throw notFound();
  const done = found.outcome === "confirmed" ? "&done" : "";
  return redirect(`/confirm/${encodeURIComponent(token)}?lng=${found.lng}${done}`, 303);
}

export const meta = mailLinkMeta;
/** One person's page (a receipt is private): nobody stores it. */
export const headers = privatePageHeaders;

export default function Confirm() {
  const { kind, outcome, slug, lng, done, recipients, follow, moment, heldBy, receipt } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (kind === "follow" && follow) return <FollowConfirmation lng={lng} segment={slug} outcome={outcome} titleKey={titleKey(kind, outcome, done)} {...follow} />;
  const letter = kind === "letter";
  const back = letter
    ? { href: `/${lng}/letters/${slug}`, label: t("letters:confirm.back") }
    : { href: `/${lng}/petitions/${slug}`, label: t("petitions:confirm.backToPetition") };
  const key = titleKey(kind, outcome, done);
  if (outcome === "confirmed") {
    return (
      <section className="confirm" aria-labelledby="confirm-title">
        <h1 id="confirm-title">{t(`${key}.title`)}</h1>
        <Form method="post">
          <p>{letter ? t("letters:confirm.explain", { count: recipients }) : t("petitions:confirm.explain")}</p>
          <button type="submit">{letter ? t("letters:confirm.button") : t("petitions:confirm.button")}</button>
        </Form>
      </section>
    );
  }
  // The outcome's own title and text, in the namespace of what was confirmed.
  return (
    <section className="confirm" aria-labelledby="confirm-title">
      <h1 id="confirm-title">{t(`${key}.title`)}</h1>
      <p role="status">{t(heldBy ? `${key}.${heldBy}` : `${key}.body`)}</p>
      {receipt ? <SignatureReceipt lng={lng} slug={slug} {...receipt} /> : null}
      {moment ? (
        <>
          <ShareLinks lng={lng} url={moment.shareUrl} text={moment.title} />
          <NextActions lng={lng} actions={moment.next} />
        </>
      ) : null}
      <p>
        <Link to={back.href}>{back.label}</Link>
      </p>
    </section>
  );
}

/** A dead link posted to answers in the language of the page it was posted from (see ErrorPage). */
export { ErrorPage as ErrorBoundary } from "~/components/ErrorPage";
