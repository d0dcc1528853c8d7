import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { hashClientAddress } from "../../lib/client-address.server";
import { knownCountryCodes } from "../country/country-options.server";
import { checkFormToken, honeypotFilled } from "../campaign/form-token.server";
import { cachedPetition } from "./petition-cache.server";
import { pickText } from "../campaign/campaign-text";
import { readSignatureValues, validateSignature, type SignatureField, type SignatureFormValues } from "./signature-form";
import { signPetition } from "./signing.service.server";
import type { SigningConfig } from "./signing-config.server";
import { partnerConsentOfForm } from "../partner/partner-consent.server";

export type SubmissionResult =
  | { kind: "not_found" }
  | { kind: "closed" }
  | { kind: "invalid"; errors: Partial<Record<SignatureField | "form", string>>; values: SignatureFormValues }
  | { kind: "signed"; referralCode: string; countryCode: string };

/** A submitted form: FormData, or URLSearchParams from a url-encoded body. */
export interface FormFields {
  get(name: string): unknown;
}

export interface SubmissionContext {
  config: SigningConfig;
  /** How long the petition may come from this process's cache (PETITION_CACHE_MS). */
  petitionCacheMs: number;
  secrets: readonly string[];
  clientAddress: string;
  now: Date;
}

/**
 * One POST of a sign form, from the petition page or the embed: checks the
 * form token and the fields, then signs. Nothing is stored unless all is valid.
 */
export async function submitSignature(
  db: Kysely<Database>,
  slug: string,
  lng: string,
  form: FormFields,
  ctx: SubmissionContext,
): Promise<SubmissionResult> {
  const cached = await cachedPetition(db, slug, ctx.petitionCacheMs);
  if (!cached || cached.petition.status === "draft") return { kind: "not_found" };
  const { petition, texts } = cached;
  if (petition.status !== "live") return { kind: "closed" };

  const values = readSignatureValues(form);
  const token = checkFormToken(String(form.get("formToken") ?? ""), petition.id, ctx.now, ctx.config.formMaxAgeMs, ctx.secrets);
  if (!token.ok) return { kind: "invalid", errors: { form: "errors.formExpired" }, values };

  const known = await knownCountryCodes(db);
  const checked = validateSignature(values, String(form.get("ref") ?? ""), (code) => known.has(code));
  if (!checked.ok) return { kind: "invalid", errors: checked.errors, values };

  const partner = await partnerConsentOfForm(db, { kind: "petition", id: petition.id }, form);
  const signed = await signPetition(
    db,
    {
      petition,
      petitionTitle: pickText(texts, lng, petition.defaultLanguage)?.text.title ?? petition.slug,
      signature: checked.signature,
      lng,
      honeypotFilled: honeypotFilled(form),
      fillMs: token.fillMs,
      ipHash: hashClientAddress(ctx.clientAddress, ctx.secrets),
      partner,
    },
    { config: ctx.config, now: ctx.now },
  );
  if (signed.kind === "closed") return signed;
  // Too many from this client address in a minute: said by the form, never a silent loss.
  if (signed.kind === "busy") return { kind: "invalid", errors: { form: "errors.tooManyFromNetwork" }, values };
  return { kind: "signed", referralCode: signed.referralCode, countryCode: checked.signature.countryCode };
}
