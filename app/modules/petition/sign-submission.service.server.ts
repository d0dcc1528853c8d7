import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { hashClientAddress } from "../../lib/client-address.server";
import { countryOptions } from "../country/country-options.server";
import { checkFormToken } from "./form-token.server";
import { findPetitionBySlug } from "./petition.repo.server";
import { petitionTitle } from "./petition-page.service.server";
import { readSignatureValues, validateSignature, type SignatureField, type SignatureFormValues } from "./signature-form";
import { signPetition } from "./signing.service.server";
import type { SigningConfig } from "./signing-config.server";

/** The honeypot: hidden from people (CSS and aria), filled in by naive bots. */
export const HONEYPOT_FIELD = "website";

export type SubmissionResult =
  | { kind: "not_found" }
  | { kind: "closed" }
  | { kind: "invalid"; errors: Partial<Record<SignatureField | "form", string>>; values: SignatureFormValues }
  | { kind: "signed"; referralCode: string; countryCode: string };

export interface SubmissionContext {
  config: SigningConfig;
  publicUrl: string;
  secrets: readonly string[];
  clientAddress: string;
  nameOverrides: Record<string, string>;
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
  form: FormData,
  ctx: SubmissionContext,
): Promise<SubmissionResult> {
  const petition = await findPetitionBySlug(db, slug);
  if (!petition || petition.status === "draft") return { kind: "not_found" };
  if (petition.status !== "live") return { kind: "closed" };

  const values = readSignatureValues(form);
  const token = checkFormToken(String(form.get("formToken") ?? ""), petition.id, ctx.now, ctx.config.formMaxAgeMs, ctx.secrets);
  if (!token.ok) return { kind: "invalid", errors: { form: "errors.formExpired" }, values };

  const known = new Set((await countryOptions(db, lng, ctx.nameOverrides)).map((c) => c.code3));
  const checked = validateSignature(values, String(form.get("ref") ?? ""), (code) => known.has(code));
  if (!checked.ok) return { kind: "invalid", errors: checked.errors, values };

  const honeypot = form.get(HONEYPOT_FIELD);
  const { referralCode } = await signPetition(
    db,
    {
      petition,
      petitionTitle: await petitionTitle(db, petition, lng),
      signature: checked.signature,
      lng,
      honeypotFilled: typeof honeypot === "string" && honeypot !== "",
      fillMs: token.fillMs,
      ipHash: hashClientAddress(ctx.clientAddress, ctx.secrets),
    },
    { config: ctx.config, publicUrl: ctx.publicUrl, secrets: ctx.secrets, now: ctx.now },
  );
  return { kind: "signed", referralCode, countryCode: checked.signature.countryCode };
}
