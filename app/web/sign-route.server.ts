import { data, redirect, type AppLoadContext } from "@remix-run/node";
import type { Language } from "../lib/i18n/languages";
import { readForm } from "../lib/form.server";
import { submitSignature, type FormFields, type SubmissionResult } from "../modules/petition/sign-submission.service.server";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });

/** One submission of a sign form, with this request's database, settings and client address. */
export function submitSignForm(context: AppLoadContext, slug: string, lng: Language, form: FormFields): Promise<SubmissionResult> {
  return submitSignature(context.db, slug, lng, form, {
    config: context.config.signing,
    petitionCacheMs: context.config.caches.petitionMs,
    secrets: context.config.server.sessionSecrets,
    clientAddress: context.clientAddress,
    now: new Date(),
  });
}

/** Where a signer goes after signing on the petition page (POST-redirect-GET). */
export const petitionSignedUrl = (lng: Language, slug: string, { referralCode, countryCode }: { referralCode: string; countryCode: string }) =>
  `/${lng}/petitions/${slug}/signed?ref=${encodeURIComponent(referralCode)}&country=${countryCode.toLowerCase()}`;

/**
 * A submission already made for this request by the sign endpoint outside
 * Remix (server/sign-endpoint.ts), which hands the request to Remix when the
 * answer is a page to render: the action then shows that outcome instead of
 * signing a second time. It rides on the request's load context (made fresh
 * per request) under a registered symbol, because the server and the Remix
 * build each bundle their own copy of this module.
 */
const HANDED_OVER = Symbol.for("treaty-watch.sign-submission");

type WithSubmission = AppLoadContext & { [HANDED_OVER]?: SubmissionResult };

export function handOverSubmission(context: AppLoadContext, result: SubmissionResult): void {
  (context as WithSubmission)[HANDED_OVER] = result;
}

/**
 * The POST of a sign form, shared by the petition page and the embed: a
 * redirect on success (POST-redirect-GET), the errors and typed values on
 * failure (400), a note when the petition has closed (409).
 */
export async function handleSignPost(
  request: Request,
  context: AppLoadContext,
  slug: string,
  lng: Language,
  successUrl: (result: { referralCode: string; countryCode: string }) => string,
) {
  const result = (context as WithSubmission)[HANDED_OVER] ?? (await submitSignForm(context, slug, lng, await readForm(request)));
  switch (result.kind) {
    case "not_found":
      throw notFound();
    case "closed":
      return data({ closed: true as const, errors: undefined, values: undefined }, { status: 409 });
    case "invalid":
      return data({ closed: false as const, errors: result.errors, values: result.values }, { status: 400 });
    case "signed":
      throw redirect(successUrl(result));
  }
}
