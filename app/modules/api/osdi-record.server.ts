import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { hashClientAddress } from "../../lib/client-address.server";
import { isSupportedLanguage } from "../../lib/i18n/languages";
import { pickText } from "../campaign/campaign-text";
import { knownCountryCodes } from "../country/country-options.server";
import { findPetitionBySlug, petitionTexts } from "../petition/petition.repo.server";
import { validateSignature, type SignatureField } from "../petition/signature-form";
import { signPetition } from "../petition/signing.service.server";
import type { SigningConfig } from "../petition/signing-config.server";
import type { ApiCaller } from "./api-scopes";

/** Where each sign-form field is in an OSDI record-signature body, for errors that name the field. */
const FIELD_PATHS: Record<SignatureField, string> = {
  name: "person.given_name",
  email: "person.email_addresses[0].address",
  country: "person.postal_addresses[0].country",
  comment: "comments",
};

export type RecordOutcome =
  | { kind: "not_found" }
  | { kind: "closed" }
  /** The same person was recorded too often within a minute; nothing was stored. */
  | { kind: "busy" }
  | { kind: "invalid"; field: string; message: string }
  | { kind: "recorded"; signature: { uuid: string; created_at: Date | string; modified_at: Date | string; comment: string | null; partner_code: string | null } | null; petitionUuid: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const firstOf = (v: unknown): Record<string, unknown> | null => (Array.isArray(v) && isObject(v[0]) ? v[0] : null);
const text = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * The record-signature helper: a person object from a partner's own form becomes a PENDING
 * signature through the signing service, so the person confirms by mail exactly as on our form.
 * The key's partner is noted as the one who brought it; the partner's consent only when the
 * person object says `email_addresses[0].status: "subscribed"` (for a platform key that is the
 * platform's mail consent instead).
 */
export async function recordSignature(
  db: Kysely<Database>,
  caller: ApiCaller,
  petitionUuid: string,
  body: unknown,
  ctx: { config: SigningConfig; secrets: readonly string[]; now: Date },
): Promise<RecordOutcome> {
  const found = await db
    .selectFrom("petitions")
    .select(["id", "slug", "status"])
    .where("uuid", "=", sql<string>`${petitionUuid}::uuid`)
    .where("status", "<>", "draft")
    .$if(caller.partnerId !== null, (q) =>
      q.where((eb) => eb.exists(eb.selectFrom("campaign_partners").select("id").whereRef("campaign_partners.petition_id", "=", "petitions.id").where("campaign_partners.partner_id", "=", caller.partnerId!))),
    )
    .executeTakeFirst();
  if (!found) return { kind: "not_found" };
  const petition = await findPetitionBySlug(db, found.slug);
  if (!petition) return { kind: "not_found" };
  if (petition.status !== "live") return { kind: "closed" };

  if (!isObject(body)) return { kind: "invalid", field: "body", message: "must be a JSON object with a person object" };
  const person = body.person;
  if (!isObject(person)) return { kind: "invalid", field: "person", message: "required: an object with email_addresses, given_name and postal_addresses" };
  const email = firstOf(person.email_addresses);
  if (!email || text(email.address).trim() === "") return { kind: "invalid", field: FIELD_PATHS.email, message: "required" };
  const postal = firstOf(person.postal_addresses);
  const alpha2 = text(postal?.country).trim().toUpperCase();
  if (!/^[A-Z]{2}$/u.test(alpha2)) return { kind: "invalid", field: FIELD_PATHS.country, message: "required: an ISO 3166-1 alpha-2 code" };
  const country = await db.selectFrom("countries").select("code3").where("code2", "=", alpha2).executeTakeFirst();
  if (!country) return { kind: "invalid", field: FIELD_PATHS.country, message: "not a country we know" };
  if (body.comments !== undefined && typeof body.comments !== "string") return { kind: "invalid", field: "comments", message: "must be a string" };
  const language = Array.isArray(person.languages_spoken) ? text(person.languages_spoken[0]).toLowerCase() : "";
  const consent = email.status === "subscribed";

  const known = await knownCountryCodes(db);
  const checked = validateSignature(
    {
      name: [text(person.given_name), text(person.family_name)].map((p) => p.trim()).filter((p) => p !== "").join(" "),
      email: text(email.address),
      country: country.code3,
      comment: text(body.comments),
      showName: false,
      mailConsent: caller.partnerId === null && consent,
    },
    "",
    (code) => known.has(code),
  );
  if (!checked.ok) {
    const [field, message] = Object.entries(checked.errors)[0]!;
    return { kind: "invalid", field: FIELD_PATHS[field as SignatureField], message: message.replace(/^errors\./u, "") };
  }
  const lng = isSupportedLanguage(language) ? language : petition.defaultLanguage;
  const texts = await petitionTexts(db, petition.id);
  const signed = await signPetition(
    db,
    {
      petition,
      petitionTitle: pickText(texts, lng, petition.defaultLanguage)?.text.title ?? petition.slug,
      signature: checked.signature,
      lng,
      honeypotFilled: false,
      fillMs: ctx.config.minFillMs,
      // The key is rate limited as a whole; a partner's server signs for many people from one address.
      ipHash: hashClientAddress(`api-key:${caller.keyId}:${checked.signature.emailKey}`, ctx.secrets),
    },
    { config: ctx.config, now: ctx.now },
  );
  if (signed.kind === "closed" || signed.kind === "busy") return { kind: signed.kind };

  // A new row (pending, or held as suspect) takes the key's partner; a repeat of an earlier signature changes nothing.
  const row = await db
    .updateTable("signatures")
    .set({ partner_id: caller.partnerId, partner_consent: caller.partnerId !== null && consent })
    .where("petition_id", "=", petition.id)
    .where("email_key", "=", checked.signature.emailKey)
    .where("status", "in", ["pending", "suspect"])
    .where("partner_id", "is", null)
    .where("confirmation_mails", "<=", 1)
    .returning(["uuid", "created_at", "modified_at", "comment"])
    .executeTakeFirst();
  const partner = caller.partnerId === null ? null : await db.selectFrom("partners").select("code").where("id", "=", caller.partnerId).executeTakeFirst();
  return { kind: "recorded", petitionUuid, signature: row ? { ...row, partner_code: partner?.code ?? null } : null };
}
