import { sql, type Kysely, type Transaction } from "kysely";
import { touchPerson } from "../people/people.repo.server";
import { recordWebhookEvent } from "../webhooks/webhook-events.repo.server";
import type { Database, SignatureStatus, SuspectReason } from "../../../db/schema";
import type { PartnerConsent } from "../partner/partner-link";
import type { ValidSignature } from "./signature-form";
import type { SignatureConfirmContent } from "./signature-mails.server";

type Db = Kysely<Database> | Transaction<Database>;

export interface PetitionRow {
  id: number;
  slug: string;
  status: "draft" | "live" | "closed";
  defaultLanguage: string;
  goal: number | null;
  treatyId: number | null;
}

export async function findPetitionBySlug(db: Db, slug: string): Promise<PetitionRow | null> {
  const row = await db
    .selectFrom("petitions")
    .select(["id", "slug", "status", "default_language", "goal", "treaty_id"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  return row
    ? { id: row.id, slug: row.slug, status: row.status, defaultLanguage: row.default_language, goal: row.goal, treatyId: row.treaty_id }
    : null;
}

export async function petitionTexts(db: Db, petitionId: number) {
  return db
    .selectFrom("petition_texts")
    .select(["language", "title", "body_markdown as bodyMarkdown", "addressed_to as addressedTo"])
    .where("petition_id", "=", petitionId)
    .execute();
}

export async function countsByCountry(db: Db, petitionId: number): Promise<{ code3: string; code2: string; count: number }[]> {
  const rows = await db
    .selectFrom("petition_country_counts as pc")
    .innerJoin("countries as c", "c.code3", "pc.country_code")
    .select(["c.code3", "c.code2", "pc.confirmed"])
    .where("pc.petition_id", "=", petitionId)
    .where("pc.confirmed", ">", "0")
    .orderBy("pc.confirmed", "desc")
    .orderBy("c.code3")
    .execute();
  return rows.map((r) => ({ code3: r.code3, code2: r.code2, count: Number(r.confirmed) }));
}

export async function recentPublicSigners(db: Db, petitionId: number, limit: number) {
  return db
    .selectFrom("signatures as s")
    .innerJoin("countries as c", "c.code3", "s.country_code")
    .select(["s.name", "c.code2", "s.confirmed_at"])
    .where("s.petition_id", "=", petitionId)
    .where("s.status", "=", "confirmed")
    .where("s.show_name", "=", true)
    .orderBy("s.confirmed_at", "desc")
    .limit(limit)
    .execute();
}

/** A signature as the form gave it, with where, in which language and from which client address it came. */
export interface FirstSignature extends ValidSignature {
  petitionId: number;
  /** The partner whose link it came through, and the person's consent to that partner alone. */
  partner: PartnerConsent;
  language: string;
  referralCode: string;
  ipHash: string;
  /** Honeypot or fill time, decided before; the rate limit is decided in the statement. */
  knownSuspicion: SuspectReason | null;
  /** The email domain counted against flooding (null: a public mail service, not counted). */
  floodDomain: string | null;
  limits: { perMinute: number; perHour: number; perDomainPerHour: number };
  /** The confirmation mail but the signature's id (`signatureConfirmContent`): the statement adds the id it makes. */
  mail: SignatureConfirmContent;
}

/**
 * `inserted`: a new signature; `repeated`: this person had signed, and what
 * they typed waits in `signature_repeats` (unless it looked automated). The
 * referral code is the one made for this request either way. `busy`: the
 * client address is over its per-minute limit; nothing was stored, and the
 * person is told to try again in a minute.
 */
export type FirstSignatureResult = { kind: "inserted" | "repeated"; referralCode: string } | { kind: "closed" } | { kind: "busy" };

/** The rate-limit counters a signature counts against (`rate_limit_hits.bucket`); the domain's only for a counted domain. */
export function signatureBuckets(s: Pick<FirstSignature, "petitionId" | "ipHash" | "floodDomain">) {
  return {
    minuteBucket: `sign:${s.petitionId}:${s.ipHash}:m`,
    hourBucket: `sign:${s.petitionId}:${s.ipHash}:h`,
    domainBucket: s.floodDomain === null ? null : `sign:${s.petitionId}:domain:${s.floodDomain}:h`,
  };
}

/**
 * One statement for every signature: counts the client address in its
 * per-minute and per-hour windows and the email domain in its hour (rows
 * shared by every process; many addresses of one domain are a flood from
 * many machines; an allow-listed domain is not counted), then
 * - over the per-minute limit: stores nothing (`busy`, which the person is told);
 * - honeypot or too fast (`knownSuspicion`): a suspect row, never mailed (the only silent case);
 * - otherwise a pending row and its confirmation mail, marked `trending` when the address or the
 *   domain is over its hourly threshold (organizers decide whether those count: signature-status.ts),
 * unless this person already signed: then it notes the repeat for the petition job instead, so a
 * repeat costs the same one round trip and one insert as a first signature, and nothing about
 * the earlier signature comes back. All or nothing; the petition must still be live at that moment.
 * Under load, signatures go several to a statement (`insertSignatureBatch`), with this statement's
 * outcome for each: this one is the reference, and writes a signature that comes alone.
 */
export async function insertFirstSignature(db: Db, s: FirstSignature): Promise<FirstSignatureResult> {
  const { minuteBucket, hourBucket, domainBucket } = signatureBuckets(s);
  const result = await sql<{ live: boolean; busy: boolean; id: string | null }>`
    with windows as (
      select ${minuteBucket}::text as bucket, to_timestamp(floor(extract(epoch from now()) / 60) * 60) as window_start, interval '2 minutes' as keep
      union all
      select ${hourBucket}::text, to_timestamp(floor(extract(epoch from now()) / 3600) * 3600), interval '2 hours'
      union all
      select ${domainBucket}::text, to_timestamp(floor(extract(epoch from now()) / 3600) * 3600), interval '2 hours'
      where ${domainBucket}::text is not null and not exists (select 1 from trusted_domains where domain = ${s.floodDomain}::text)
    ),
    hits as (
      insert into rate_limit_hits (bucket, window_start, hits, expires_at)
      select bucket, window_start, 1, window_start + keep from windows
      on conflict (bucket, window_start) do update set hits = rate_limit_hits.hits + 1
      returning bucket, hits
    ),
    live as (
      select exists (select 1 from petitions where id = ${s.petitionId} and status = 'live') as live
    ),
    verdict as (
      select
        ${s.knownSuspicion}::text as reason,
        exists (select 1 from hits where bucket = ${minuteBucket} and hits > ${s.limits.perMinute}) as busy,
        case
          when exists (select 1 from hits where bucket = ${hourBucket} and hits > ${s.limits.perHour}) then 'address'
          when exists (select 1 from hits where bucket = ${domainBucket}::text and hits > ${s.limits.perDomainPerHour}) then 'domain'
        end as trending
    ),
    inserted as (
      insert into signatures (
        petition_id, status, suspect_reason, name, email, email_key, country_code, comment, show_name, mail_consent,
        language, referral_code, referred_by, ip_hash, confirmation_sent_at, confirmation_mails, partner_id, partner_consent, trending
      )
      select ${s.petitionId}, case when reason is null then 'pending' else 'suspect' end, reason, ${s.name}, ${s.email}, ${s.emailKey},
        ${s.countryCode}, ${s.comment}, ${s.showName}, ${s.mailConsent}, ${s.language}, ${s.referralCode}, ${s.referredBy}, ${s.ipHash},
        case when reason is null then now() end, case when reason is null then 1 else 0 end, ${s.partner.partnerId}::integer, ${s.partner.consent},
        trending
      from verdict, live where live.live and not verdict.busy
      on conflict (petition_id, email_key) do nothing
      returning id, status
    ),
    mail as (
      insert into outgoing_mails (recipient, template, template_data, language, idempotency_key)
      -- As signatureConfirmMail makes it for a first mail, with the new row's id.
      select ${s.email}, 'signature-confirm', jsonb_build_object('signatureId', id::text) || ${JSON.stringify(s.mail)}::text::jsonb,
        ${s.language}, 'signature-confirm:' || id || ':1'
      from inserted where status = 'pending'
      returning id
    ),
    repeated as (
      insert into signature_repeats (
        signature_id, name, email, country_code, comment, show_name, mail_consent, language, referred_by, ip_hash, petition_title,
        partner_id, partner_consent
      )
      select earlier.id, ${s.name}, ${s.email}, ${s.countryCode}, ${s.comment}, ${s.showName}, ${s.mailConsent}, ${s.language},
        ${s.referredBy}, ${s.ipHash}, ${s.mail.petitionTitle}, ${s.partner.partnerId}::integer, ${s.partner.consent}
      from signatures earlier, verdict, live
      where earlier.petition_id = ${s.petitionId} and earlier.email_key = ${s.emailKey}
        and live.live and not verdict.busy and verdict.reason is null and not exists (select 1 from inserted)
      returning id
    )
    select live.live, verdict.busy, inserted.id
    from live cross join verdict left join inserted on true
  `.execute(db);
  const row = result.rows[0]!;
  if (!row.live) return { kind: "closed" };
  if (row.busy) return { kind: "busy" };
  return { kind: row.id !== null ? "inserted" : "repeated", referralCode: s.referralCode };
}

/**
 * Takes up to `limit` noted repeats, oldest first, off the table for this
 * transaction (SKIP LOCKED: processes side by side take different ones).
 */
export async function takeSignatureRepeats(trx: Transaction<Database>, limit: number) {
  const rows = await trx
    .deleteFrom("signature_repeats")
    .where("id", "in", (eb) => eb.selectFrom("signature_repeats").select("id").orderBy("id").limit(limit).forUpdate().skipLocked())
    .returningAll()
    .execute();
  return rows.sort((a, b) => Number(a.id) - Number(b.id));
}

/** The earlier signature a repeat is about, locked, with its petition. */
export async function lockSignatureForRepeat(trx: Transaction<Database>, id: string) {
  return lockedWithPetition(trx, id)
    .select([
      "s.id",
      "s.status",
      "s.referral_code",
      "s.confirmation_sent_at",
      "s.confirmation_mails",
      "s.email",
      "s.name",
      "s.partner_id",
      "s.partner_consent",
      "p.slug",
      "p.status as petition_status",
    ])
    .executeTakeFirst();
}

/** A signature (`s`) with its petition (`p`), the signature's row locked. */
function lockedWithPetition(trx: Transaction<Database>, id: string) {
  return trx.selectFrom("signatures as s").innerJoin("petitions as p", "p.id", "s.petition_id").where("s.id", "=", id).forUpdate("s");
}

export async function lockSignatureById(trx: Transaction<Database>, id: string) {
  return lockedWithPetition(trx, id)
    .select([
      "s.id",
      "s.status",
      "s.petition_id",
      "s.country_code",
      "s.language",
      "s.referral_code",
      "s.confirmation_sent_at",
      "s.trending",
      "s.ip_hash",
      sql<string>`split_part(s.email_key, '@', 2)`.as("domain"),
      "p.slug",
      "p.status as petition_status",
    ])
    .executeTakeFirst();
}

export async function noteConfirmationMailed(trx: Db, id: string): Promise<number> {
  const row = await trx
    .updateTable("signatures")
    .set({ confirmation_sent_at: sql<Date>`now()`, confirmation_mails: sql`confirmation_mails + 1` })
    .where("id", "=", id)
    .returning("confirmation_mails")
    .executeTakeFirstOrThrow();
  return row.confirmation_mails;
}

/**
 * Moves a signature on, in the caller's transaction. A confirmation or a withdrawal is also a
 * change to the person (the API's people) and an event for webhook subscribers, written in the
 * same transaction: both happen exactly when the change commits. A signature held for review
 * is not (yet) `signature.confirmed`: that event means it counts, and fires on its release.
 */
export async function setSignatureStatus(trx: Db, id: string, status: SignatureStatus): Promise<void> {
  const row = await trx
    .updateTable("signatures")
    .set({
      status,
      // A held signature keeps the time its signer confirmed it when it is released.
      ...(status === "confirmed" ? { confirmed_at: sql<Date>`coalesce(confirmed_at, now())` } : {}),
      ...(status === "held" ? { confirmed_at: sql<Date>`now()` } : {}),
      ...(status === "withdrawn" ? { withdrawn_at: sql<Date>`now()` } : {}),
    })
    .where("id", "=", id)
    .returning(["petition_id", "email_key", "partner_id", "partner_consent"])
    .executeTakeFirst();
  if (!row || (status !== "confirmed" && status !== "withdrawn")) return;
  await touchPerson(trx, row.email_key);
  await recordWebhookEvent(trx, {
    event: status === "confirmed" ? "signature.confirmed" : "signature.withdrawn",
    data: { signatureId: id, petitionId: row.petition_id },
    person: { emailKey: row.email_key, partnerId: row.partner_id, partnerConsent: row.partner_consent },
  });
}

/** Someone who withdrew signs again: the row starts over, pending, with what they typed now. */
export async function restartSignature(
  trx: Db,
  id: string,
  s: {
    name: string;
    email: string;
    countryCode: string;
    comment: string | null;
    showName: boolean;
    mailConsent: boolean;
    language: string;
    referredBy: string | null;
    ipHash: string;
    partner: PartnerConsent;
  },
): Promise<void> {
  await trx
    .updateTable("signatures")
    .set({
      status: "pending",
      suspect_reason: null,
      name: s.name,
      email: s.email,
      country_code: s.countryCode,
      comment: s.comment,
      show_name: s.showName,
      mail_consent: s.mailConsent,
      partner_id: s.partner.partnerId,
      partner_consent: s.partner.consent,
      language: s.language,
      referred_by: s.referredBy,
      ip_hash: s.ipHash,
      confirmed_at: null,
      withdrawn_at: null,
      confirmation_sent_at: sql<Date>`now()`,
      confirmation_mails: sql`confirmation_mails + 1`,
    })
    .where("id", "=", id)
    .execute();
}

/** A pending signature's partner after a repeat through a partner's link (`partnerAfterRepeat`). */
export async function setSignaturePartner(trx: Db, id: string, partner: PartnerConsent): Promise<void> {
  await trx.updateTable("signatures").set({ partner_id: partner.partnerId, partner_consent: partner.consent }).where("id", "=", id).execute();
}
