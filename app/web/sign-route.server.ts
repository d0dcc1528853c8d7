import { data, redirect, type AppLoadContext } from "@remix-run/node";
import type { Language } from "../lib/i18n/languages";
import { readForm } from "../lib/form.server";
import { submitSignature } from "../modules/petition/sign-submission.service.server";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });

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
  const result = await submitSignature(context.db, slug, lng, await readForm(request), {
    config: context.config.signing,
    petitionCacheMs: context.config.caches.petitionMs,
    secrets: context.config.server.sessionSecrets,
    clientAddress: context.clientAddress,
    now: new Date(),
  });
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
