import { z } from "zod";

/**
 * Every mail the platform sends, by the intent name stored in the outbox
 * (`outgoing_mails.template`), with the data stored beside it
 * (`template_data`). The schemas are the one description of that data: the
 * builders in the modules produce it (typed), the worker checks a stored row
 * against it before rendering. Links are never stored: rows carry ids, and
 * the links are signed when the mail is sent.
 *
 * Field names are what rows in the outbox already carry; a field whose
 * renderer always had a fallback keeps it as a default, so older rows render
 * as they did.
 */
const id = z.string().regex(/^\d{1,18}$/u);
const lines = z.array(z.string()).default([]);
const PARTICIPANT_STATUSES = ["not_signed", "not_joined", "signed", "domestic_approval_reported", "party", "in_force"] as const;

const MAIL_DATA = {
  /** `npm run mail:test`: proves delivery works. */
  test: z.object({ name: z.string().optional() }),
  /** "Confirm your signature": the only way a signature comes to count. */
  "signature-confirm": z.object({ signatureId: id, name: z.string(), petitionTitle: z.string(), linkDays: z.number().int().default(30) }),
  /** Someone signed again with an address that already counts: its owner gets their share link. */
  "signature-already-signed": z.object({ signatureId: id, petitionTitle: z.string(), petitionSlug: z.string(), referralCode: z.string().default("") }),
  /**
   * A confirmed signature's entry is in the petition's public log: its receipt (docs/transparency.md,
   * "Receipts"), to the signer, once per entry. The receipt is content, not a link: retention drops it.
   */
  "signature-receipt": z.object({
    signatureId: id,
    petitionTitle: z.string(),
    petitionSlug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/u),
    receipt: z
      .object({
        version: z.literal(1),
        petition: z.string(),
        index: z.number().int().nonnegative(),
        signatureId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u),
        secret: z.string().regex(/^[0-9a-f]{64}$/u),
        commitment: z.string().regex(/^[0-9a-f]{64}$/u),
      })
      .strict(),
  }),
  /** "Confirm your letter": nothing goes to a decision maker until the sender says so. */
  "letter-confirm": z.object({ letterId: id, subject: z.string(), recipients: z.number().int().default(1), linkDays: z.number().int().default(7) }),
  /** A letter over the sender's daily limit was not kept. */
  "letter-limit": z.object({}),
  /** The letter itself, to one decision maker. */
  letter: z.object({ subject: z.string(), text: z.string(), senderName: z.string(), senderEmail: z.string() }),
  /** The sender's copy: what was sent, to whom, and who gets it in a digest. */
  "letter-receipt": z.object({ letterId: id, subject: z.string(), text: z.string(), recipients: lines, digestRecipients: lines }),
  "organizer-sign-in": z.object({ signInId: id, minutes: z.number().int().default(15) }),
  /** To one decision maker, once a day: the letters gathered for them. */
  "letter-digest": z.object({
    subject: z.string(),
    count: z.number().int().default(0),
    countryName: z.string(),
    // Each entry names its letter (older ones do not), so an erasure can take one sender's words out.
    entries: z.array(z.object({ letterId: z.string().optional(), name: z.string(), city: z.string().nullable().default(null), paragraph: z.string() })).default([]),
  }),
  /** Two weeks on: did the people written to answer? */
  "letter-followup": z.object({ letterId: id, subject: z.string(), targets: lines }),
  /** "Confirm: news of this country": a follow counts only once its address says so. */
  "follow-confirm": z.object({ followId: id, countryName: z.string(), countrySegment: z.string().regex(/^[a-z]{3}$/u), linkDays: z.number().int().default(30) }),
  /** Someone asked again to follow a country this address already follows: its owner is told, nobody else. */
  "follow-already": z.object({ followId: id, countryName: z.string(), countrySegment: z.string().regex(/^[a-z]{3}$/u) }),
  /**
   * A country's status moved: to each follower who may be mailed, and each signer from the
   * country who consented to news (one of `followId`, `signatureId`), once per alert.
   */
  "country-alert": z.object({
    alertId: id,
    followId: id.optional(),
    signatureId: id.optional(),
    countryName: z.string(),
    countrySegment: z.string().regex(/^[a-z]{3}$/u),
    /** What the wording may claim: a confirmed move, one only reported, or a corrected record. */
    certainty: z.enum(["confirmed", "reported", "corrected"]),
    status: z.enum(PARTICIPANT_STATUSES),
    fromStatus: z.enum(PARTICIPANT_STATUSES),
    sourceUrl: z.string().nullable().default(null),
    actedOn: z.string().nullable().default(null),
    /**
     * The live campaigns that now fit: kind and slug, and per language their titles and the
     * headings of their ask for the new status (picked in the reader's language when sent).
     */
    actions: z
      .array(
        z.object({
          kind: z.enum(["petition", "letter_campaign"]),
          slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/u),
          defaultLanguage: z.string(),
          titles: z.record(z.string(), z.string()),
          headings: z.record(z.string(), z.string()),
        }),
      )
      .default([]),
  }),
  /** An organizer's update to the people of a campaign: to each who consented, once per update. */
  "campaign-update": z.object({
    updateId: id,
    /** The person's row it went to: a signature, a letter, or a follow. */
    kind: z.enum(["s", "l", "f"]),
    personId: id,
    subject: z.string(),
    body: z.string(),
    /** The campaign's page, from the site's root: `petitions/<slug>` or `letters/<slug>`. */
    campaignPath: z.string().regex(/^(petitions|letters)\/[a-z0-9-]+$/u),
    /** A test the organizer sent to themselves: no unsubscribe link works on it. */
    test: z.boolean().default(false),
  }),
  /** A source (an email domain, or a client address by its label) newly trends on a petition: to each organizer who may moderate, once. */
  "trending-alert": z.object({
    alertId: id,
    petitionSlug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/u),
    petitionTitle: z.string(),
    sourceKind: z.enum(["domain", "address"]),
    sourceLabel: z.string(),
    signatures: z.number().int(),
  }),
  /** A webhook subscription kept failing and was switched off: to its owner, once per switching off. */
  "webhook-disabled": z.object({
    subscriptionId: z.string().uuid(),
    url: z.string(),
    failures: z.number().int(),
    lastError: z.string().nullable().default(null),
  }),
} as const;

export type MailIntent = keyof typeof MAIL_DATA;

/** Intent name → the data its mail is made from. */
export type MailIntents = { [K in MailIntent]: z.output<(typeof MAIL_DATA)[K]> };

/** A field name any intent's data has (what retention and erasure look for in stored rows). */
export type MailDataField = { [K in MailIntent]: keyof MailIntents[K] & string }[MailIntent];

export function isMailIntent(name: string): name is MailIntent {
  return Object.hasOwn(MAIL_DATA, name);
}

/** A stored mail's intent and its data, checked. */
export type StoredMail = { [K in MailIntent]: { intent: K; data: MailIntents[K] } }[MailIntent];

/**
 * Reads a row of the outbox: its intent must be one we know and its data
 * must fit that intent. The error names fields, never their values (it is
 * kept on the row).
 */
export function readStoredMail(template: string, data: unknown): { ok: true; mail: StoredMail } | { ok: false; error: string } {
  if (!isMailIntent(template)) return { ok: false, error: `unknown template ${template}` };
  const parsed = MAIL_DATA[template].safeParse(data);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.map(String).join(".") || "(data)"}: ${issue.code}`);
    return { ok: false, error: `invalid data for template ${template} (${fields.join(", ")})` };
  }
  return { ok: true, mail: { intent: template, data: parsed.data } as StoredMail };
}
