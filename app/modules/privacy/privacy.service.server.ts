import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { recordCountChanges, type Counted } from "../campaign/counter.server";
import { forgetErasedSigners } from "../transparency/log-append.server";
import { addressLimitKey } from "../mail/address-key.server";
import { suppressionOf } from "../mail/outbox.repo.server";
import { dropOldBodies, eraseWebhookDataOf } from "../webhooks/webhook-deliveries.repo.server";
import { emailKey } from "../mail/email-key";
import { recordAudit } from "../audit/audit.repo.server";
import { forgetPerson, pruneUnlistedPeople } from "../people/people.repo.server";
import { LETTER_AS_WRITTEN } from "../letter/letter.repo.server";
import { digestWithout, isAddressOf, isTargetTemplate, KEPT_MAIL_FIELDS, keptMailData, personOf, TARGET_TEMPLATES, type DigestLetter, type Person } from "./personal-data";

const DAY_MS = 86_400_000;
/** Rows deleted or changed per transaction by retention, so a first run on a large table does not hold one huge transaction. */
const RETENTION_BATCH = 5000;

export interface RetentionPolicy {
  /** Signatures never confirmed (pending, suspect, rejected), letters never sent and follows never confirmed are deleted after this, with their mails. */
  unconfirmedDays: number;
  /** Signatures and letters of a closed campaign keep only country, target and dates after this (RETENTION_AFTER_CLOSE_DAYS). */
  anonymizeAfterCloseDays: number;
  /** Finished mail keeps its delivery facts but not its personal content after this (RETENTION_MAIL_DAYS). */
  mailDays: number;
}

/** The address a row keeps once its person is gone: unique per row, at a domain that cannot receive mail (RFC 2606). */
const placeholderAddress = (prefix: string) => sql<string>`${sql.lit(`${prefix}-`)} || id || '@erased.invalid'`;

/** `template_data` reduced to the fields that may stay (`KEPT_MAIL_FIELDS`), in SQL. */
const keptTemplateData = sql<Record<string, unknown>>`(select coalesce(jsonb_object_agg(f.key, f.value), '{}'::jsonb) from jsonb_each(outgoing_mails.template_data) as f where f.key in (${sql.join(
  KEPT_MAIL_FIELDS.map((f) => sql.lit(f)),
)}))`;

/** A send error as the mail server worded it, with any address in it replaced ("550 <ann@x>: no such user"). */
const errorWithoutAddresses = sql<string | null>`regexp_replace(last_error, '[^[:space:]<>"@]+@[^[:space:]<>"]+', '[address]', 'g')`;

/** Runs `step` (a batch of rows, in a transaction of its own) until a batch comes back short; returns the totals. */
async function inBatches(db: Kysely<Database>, step: (trx: Transaction<Database>) => Promise<[number, number]>): Promise<[number, number]> {
  let total: [number, number] = [0, 0];
  for (;;) {
    const [rows, related] = await db.transaction().execute(step);
    total = [total[0] + rows, total[1] + related];
    if (rows < RETENTION_BATCH) return total;
  }
}

/** Deletes the mails about these signatures or letters (confirmation, receipt, follow-up…), found by the id in their data. */
async function deleteMailsAbout(trx: Transaction<Database>, field: "signatureId" | "letterId" | "followId", ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await trx
    .deleteFrom("outgoing_mails")
    .where(sql<SqlBool>`template_data ? ${sql.lit(field)}`)
    .where(sql<string>`template_data->>${sql.lit(field)}`, "in", ids)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Deletes what no longer needs to be kept and anonymizes what only needs to
 * be counted. Counts do not change: confirmed signatures and letters stay
 * (without the person), unconfirmed ones never counted. Run by the periodic
 * jobs; every step is idempotent and safe beside the same job elsewhere.
 */
export async function applyRetention(db: Kysely<Database>, now: Date, policy: RetentionPolicy) {
  const unconfirmedBefore = new Date(now.getTime() - policy.unconfirmedDays * DAY_MS);
  const closedBefore = new Date(now.getTime() - policy.anonymizeAfterCloseDays * DAY_MS);
  const mailBefore = new Date(now.getTime() - policy.mailDays * DAY_MS);

  // Never confirmed: the signature or letter and every mail about it go together.
  const [deletedSignatures, signatureMails] = await inBatches(db, async (trx) => {
    const gone = await trx
      .deleteFrom("signatures")
      .where("id", "in", (eb) =>
        eb.selectFrom("signatures").select("id").where("status", "in", ["pending", "suspect", "rejected"]).where("created_at", "<", unconfirmedBefore).limit(RETENTION_BATCH).forUpdate().skipLocked(),
      )
      .returning("id")
      .execute();
    return [gone.length, await deleteMailsAbout(trx, "signatureId", gone.map((g) => g.id))];
  });
  const [deletedLetters, letterMails] = await inBatches(db, async (trx) => {
    const gone = await trx
      .deleteFrom("letters")
      .where("id", "in", (eb) =>
        eb.selectFrom("letters").select("id").where("status", "in", ["pending", "expired"]).where("created_at", "<", unconfirmedBefore).limit(RETENTION_BATCH).forUpdate().skipLocked(),
      )
      .returning("id")
      .execute();
    return [gone.length, await deleteMailsAbout(trx, "letterId", gone.map((g) => g.id))];
  });

  // A follow never confirmed goes as a pending signature does; one stopped that long ago keeps an address for nothing.
  const [deletedFollows, followMails] = await inBatches(db, async (trx) => {
    const gone = await trx
      .deleteFrom("country_follows")
      .where("id", "in", (eb) =>
        eb
          .selectFrom("country_follows")
          .select("id")
          .where((w) =>
            w.or([
              w.and([w("status", "=", "pending"), w("created_at", "<", unconfirmedBefore)]),
              w.and([w("status", "=", "unsubscribed"), w("unsubscribed_at", "<", unconfirmedBefore)]),
            ]),
          )
          .limit(RETENTION_BATCH)
          .forUpdate()
          .skipLocked(),
      )
      .returning("id")
      .execute();
    return [gone.length, await deleteMailsAbout(trx, "followId", gone.map((g) => g.id))];
  });

  // A campaign closed long enough ago: what was counted stays, without the people.
  const anonymized = await db
    .updateTable("signatures")
    .set({
      name: "—",
      email: placeholderAddress("anonymized"),
      email_key: placeholderAddress("anonymized"),
      comment: null,
      ip_hash: null,
      show_name: false,
      mail_consent: false,
      // Consent to a partner goes with the person; which partner brought the row stays for counts.
      partner_consent: false,
    })
    .where("petition_id", "in", (eb) => eb.selectFrom("petitions").select("petitions.id").where("petitions.status", "=", "closed").where("petitions.closed_at", "<", closedBefore))
    .where("email_key", "not like", "anonymized-%@erased.invalid")
    .executeTakeFirst();
  const anonymizedLetters = await db
    .updateTable("letters")
    .set({
      sender_name: "—",
      sender_email: placeholderAddress("anonymized"),
      sender_city: null,
      subject: "—",
      body: "—",
      personal_paragraph: "—",
      ip_hash: null,
      // A hash of the words: whoever has a guess at them could check it.
      fingerprint: null,
      // The keyed hash of the sender's address still recognizes them to whoever holds the secret.
      sender_key: null,
      partner_consent: false,
    })
    .where("campaign_id", "in", (eb) =>
      eb.selectFrom("letter_campaigns").select("letter_campaigns.id").where("letter_campaigns.status", "=", "closed").where("letter_campaigns.closed_at", "<", closedBefore),
    )
    .where("sender_email", "not like", "anonymized-%@erased.invalid")
    .executeTakeFirst();

  // People the API no longer has anything to list for (their rows deleted or anonymized) go too.
  const deletedPeople = await pruneUnlistedPeople(db);

  // Finished mail: status, template, times, attempts and the target stay; the person's part goes.
  const [strippedMails] = await inBatches(db, async (trx) => {
    const result = await trx
      .updateTable("outgoing_mails")
      .set({
        template_data: keptTemplateData,
        reply_to: null,
        last_error: errorWithoutAddresses,
        recipient: sql<string>`case when template in (${sql.join(TARGET_TEMPLATES.map((t) => sql.lit(t)))}) then recipient else ${placeholderAddress("mail")} end`,
        content_removed_at: now,
      })
      .where("id", "in", (eb) =>
        eb
          .selectFrom("outgoing_mails")
          .select("id")
          .where("content_removed_at", "is", null)
          .where("status", "in", ["sent", "failed", "suppressed"])
          .where("created_at", "<", mailBefore)
          .where(sql<Date>`coalesce(sent_at, created_at)`, "<", mailBefore)
          .limit(RETENTION_BATCH)
          .forUpdate()
          .skipLocked(),
      )
      .executeTakeFirst();
    return [Number(result.numUpdatedRows), 0];
  });
  // Webhook deliveries finished as long ago keep their log line, not the body with the person in it.
  await dropOldBodies(db, mailBefore);

  return {
    deletedSignatures,
    deletedLetters,
    deletedFollows,
    deletedMails: signatureMails + letterMails + followMails,
    anonymizedSignatures: Number(anonymized.numUpdatedRows),
    anonymizedLetters: Number(anonymizedLetters.numUpdatedRows),
    deletedPeople,
    strippedMails,
  };
}

/**
 * Rows whose address in `column` may be this person's, for the exact check
 * in code (`isAddressOf`). An ASCII address is decided here: its local part
 * before any `+`, without dots, and its domain are compared with the
 * person's key. Addresses with other characters (where SQL and JavaScript
 * may fold case differently) and ones starting with `+` all go to the check.
 */
function mayBeAddressOf(column: string, person: Person): Expression<SqlBool> {
  const value = sql.ref(column);
  const lower = sql`lower(${value})`;
  const domain = sql`split_part(${lower}, '@', 2)`;
  return sql<SqlBool>`(${value} is not null and (
    (replace(split_part(split_part(${lower}, '@', 1), '+', 1), '.', '') = ${person.looseLocal}
      and (case when ${domain} = 'googlemail.com' then 'gmail.com' else ${domain} end) = ${person.domain})
    or octet_length(${value}) <> char_length(${value})
    or ${value} like '+%'))`;
}

async function signaturesOf(db: Kysely<Database> | Transaction<Database>, person: Person, lock: boolean) {
  const rows = await db
    .selectFrom("signatures as s")
    .innerJoin("petitions as p", "p.id", "s.petition_id")
    // Which partner brought the signature and whether the person agreed it may contact them.
    .leftJoin("partners as pa", "pa.id", "s.partner_id")
    .select(["pa.code as partner", "s.partner_consent"])
    .select([
      "s.id",
      "s.email_key",
      "s.petition_id",
      "p.slug as petition",
      "s.status",
      // Why a signature is held for review (its email domain or its network trended), if it is.
      "s.trending",
      "s.name",
      "s.email",
      "s.country_code",
      "s.comment",
      "s.show_name",
      "s.mail_consent",
      "s.language",
      "s.created_at",
      "s.confirmed_at",
      "s.withdrawn_at",
    ])
    .where((eb) => eb.or([eb("s.email_key", "=", person.key), mayBeAddressOf("s.email", person)]))
    .$if(lock, (q) => q.forUpdate("s"))
    .execute();
  return rows.filter((s) => s.email_key === person.key || isAddressOf(s.email, person));
}

async function lettersOf(db: Kysely<Database> | Transaction<Database>, person: Person, lock: boolean) {
  const rows = await db
    .selectFrom("letters as l")
    .innerJoin("letter_campaigns as c", "c.id", "l.campaign_id")
    .leftJoin("partners as pa", "pa.id", "l.partner_id")
    .select(["pa.code as partner", "l.partner_consent"])
    .select([
      "l.id",
      "l.campaign_id",
      "c.slug as campaign",
      "l.status",
      ...LETTER_AS_WRITTEN,
      "l.created_at",
      "l.confirmed_at",
    ])
    .where(mayBeAddressOf("l.sender_email", person))
    .$if(lock, (q) => q.forUpdate("l"))
    .execute();
  return rows.filter((l) => isAddressOf(l.sender_email, person));
}

async function followsOf(db: Kysely<Database> | Transaction<Database>, person: Person, lock: boolean) {
  const rows = await db
    .selectFrom("country_follows")
    .select(["id", "email", "email_key", "country_code", "status", "language", "created_at", "confirmed_at", "unsubscribed_at"])
    .where((eb) => eb.or([eb("email_key", "=", person.key), mayBeAddressOf("email", person)]))
    .orderBy("id")
    .$if(lock, (q) => q.forUpdate())
    .execute();
  return rows.filter((f) => f.email_key === person.key || isAddressOf(f.email, person));
}

/** Mails to this person, answering to them (letters to targets), or about their signatures, letters and follows. */
async function mailsOf(
  db: Kysely<Database> | Transaction<Database>,
  person: Person,
  ids: { signatures: string[]; letters: string[]; follows: string[] },
  lock: boolean,
) {
  const linked =
    ids.letters.length > 0
      ? (await db.selectFrom("letter_recipients").select("outgoing_mail_id").where("letter_id", "in", ids.letters).execute()).flatMap((r) => (r.outgoing_mail_id ? [r.outgoing_mail_id] : []))
      : [];
  const rows = await db
    .selectFrom("outgoing_mails")
    .select(["id", "template", "status", "recipient", "reply_to", "template_data", "created_at", "sent_at"])
    .where((eb) =>
      eb.or([
        mayBeAddressOf("recipient", person),
        mayBeAddressOf("reply_to", person),
        ...(ids.signatures.length > 0 ? [eb.and([sql<SqlBool>`template_data ? 'signatureId'`, eb(sql<string>`template_data->>'signatureId'`, "in", ids.signatures)])] : []),
        ...(ids.letters.length > 0 ? [eb.and([sql<SqlBool>`template_data ? 'letterId'`, eb(sql<string>`template_data->>'letterId'`, "in", ids.letters)])] : []),
        ...(ids.follows.length > 0 ? [eb.and([sql<SqlBool>`template_data ? 'followId'`, eb(sql<string>`template_data->>'followId'`, "in", ids.follows)])] : []),
        ...(linked.length > 0 ? [eb("id", "in", linked)] : []),
      ]),
    )
    .orderBy("id")
    .$if(lock, (q) => q.forUpdate())
    .execute();
  const signatureIds = new Set(ids.signatures);
  const letterIds = new Set(ids.letters);
  const followIds = new Set(ids.follows);
  const linkedIds = new Set(linked);
  return rows.filter(
    (m) =>
      isAddressOf(m.recipient, person) ||
      isAddressOf(m.reply_to, person) ||
      signatureIds.has(String(m.template_data.signatureId)) ||
      letterIds.has(String(m.template_data.letterId)) ||
      followIds.has(String(m.template_data.followId)) ||
      linkedIds.has(m.id),
  );
}

/** Everything stored about one address (every spelling of it), for the person who asked (a data-subject request). */
export async function exportPersonData(db: Kysely<Database>, email: string, actor: { id: number; email: string }, secrets: readonly string[]) {
  const person = personOf(email);
  const signatureRows = await signaturesOf(db, person, false);
  const letterRows = await lettersOf(db, person, false);
  const followRows = await followsOf(db, person, false);
  const mails = await mailsOf(db, person, { signatures: signatureRows.map((s) => s.id), letters: letterRows.map((l) => l.id), follows: followRows.map((f) => f.id) }, false);
  const doNotMail = await suppressionOf(db, email, secrets);
  const signatures = signatureRows.map(({ id: _id, email_key: _key, petition_id: _petition, ...s }) => s);
  const letters = letterRows.map(({ id: _id, campaign_id: _campaign, ...l }) => l);
  const follows = followRows.map(({ id: _id, email_key: _key, ...f }) => f);
  // Who exported, when, and how much: nothing from which the address could be checked.
  await recordAudit(db, { actor, action: "person.export", details: { signatures: signatures.length, letters: letters.length, follows: follows.length, mails: mails.length } });
  return {
    email: person.lower,
    signatures,
    letters,
    follows,
    mails: mails.map((m) => ({ template: m.template, status: m.status, toYou: isAddressOf(m.recipient, person), created_at: m.created_at, sent_at: m.sent_at })),
    doNotMail,
  };
}

export interface Erased {
  signatures: number;
  letters: number;
  /** Countries they followed (or asked to). */
  follows: number;
  /** Mails deleted: to the person, and unsent ones about them. */
  mails: number;
  /** Sent letters to targets kept as a delivery record, without the person. */
  mailsKept: number;
  /** Digests of several senders' letters that lost this person's part. */
  digests: number;
  rateLimits: number;
  /** The address is an organizer's: the account stays (withdraw it on the organizers page). */
  organizer: boolean;
}

/**
 * Erases one person, matched by every spelling of the address (the key of
 * signatures), across the tables in one transaction: signatures (confirmed
 * ones come off the counts), letters, the countries they follow, every mail to them or answering to
 * them (unsent ones deleted; a sent letter to a target keeps only its
 * delivery facts; a digest keeps the other senders' letters), their
 * rate-limit counters. The do-not-mail entry stays (a keyed hash, never the
 * address), so they are never mailed again. An organizer account with the
 * address is not erased here.
 */
export async function erasePerson(db: Kysely<Database>, email: string, actor: { id: number; email: string }, secrets: readonly string[]): Promise<Erased> {
  const person = personOf(email);
  const limitKeys = secrets.map((secret) => addressLimitKey(email, [secret]));
  return db.transaction().execute(async (trx) => {
    const signatures = await signaturesOf(trx, person, true);
    const letters = await lettersOf(trx, person, true);
    const letterIds = letters.map((l) => l.id);
    const follows = await followsOf(trx, person, true);
    const mails = await mailsOf(trx, person, { signatures: signatures.map((s) => s.id), letters: letterIds, follows: follows.map((f) => f.id) }, true);

    // Mail to the person goes whatever its state; a letter to a target that went keeps its delivery facts only.
    const kept = mails.filter((m) => isTargetTemplate(m.template) && !isAddressOf(m.recipient, person) && m.status === "sent");
    const deleted = mails.filter((m) => !kept.includes(m));
    if (deleted.length > 0) await trx.deleteFrom("outgoing_mails").where("id", "in", deleted.map((m) => m.id)).execute();
    for (const mail of kept) {
      await trx
        .updateTable("outgoing_mails")
        .set({ template_data: keptMailData(mail.template_data), reply_to: null, last_error: errorWithoutAddresses, content_removed_at: new Date() })
        .where("id", "=", mail.id)
        .execute();
    }
    const digests = letterIds.length > 0 ? await eraseFromDigests(trx, letters) : 0;

    if (letterIds.length > 0) await trx.deleteFrom("letters").where("id", "in", letterIds).execute();
    if (signatures.length > 0) await trx.deleteFrom("signatures").where("id", "in", signatures.map((s) => s.id)).execute();
    if (follows.length > 0) await trx.deleteFrom("country_follows").where("id", "in", follows.map((f) => f.id)).execute();
    await forgetPerson(trx, person.key);
    // What was counted comes off the counts.
    await recordCountChanges(
      trx,
      [
        ...signatures.filter((s) => s.status === "confirmed").map((s): Counted => ({ kind: "signatures", id: s.petition_id, countryCode: s.country_code, signatureId: s.id })),
        ...letters.filter((l) => l.status === "confirmed").map((l): Counted => ({ kind: "letters", id: l.campaign_id })),
      ],
      -1,
      // Erasure is the signer's own choice: their log entry stays (it holds nothing about them) and is removed as withdrawn.
      "withdrawn",
    );
    // Their log entries stay (nothing in them is about the person) and lose the link to the signature now, or (a counted one) once the removal just queued is appended.
    for (const petitionId of new Set(signatures.map((s) => s.petition_id))) {
      await forgetErasedSigners(trx, petitionId, signatures.filter((s) => s.petition_id === petitionId).map((s) => s.id));
    }
    const rateLimits = await eraseRateLimits(trx, person, limitKeys);
    await eraseWebhookDataOf(trx, person.key);
    const organizer = (await trx.selectFrom("organizers").select("email").execute()).some((o) => isAddressOf(o.email, person));

    const erased: Erased = {
      signatures: signatures.length,
      letters: letters.length,
      follows: follows.length,
      mails: deleted.length,
      mailsKept: kept.length,
      digests,
      rateLimits,
      organizer,
    };
    // Who erased, when, and how much: nothing from which the address could be checked.
    await recordAudit(trx, { actor, action: "person.erase", details: { ...erased } });
    return erased;
  });
}

/**
 * Takes the person's letters out of the digests that carry them. A digest
 * still to send loses them from its mail and its count (and goes altogether
 * when nothing else is left); one already sent keeps its count, the facts of
 * what the target received, without the person's words.
 */
async function eraseFromDigests(trx: Transaction<Database>, letters: Awaited<ReturnType<typeof lettersOf>>): Promise<number> {
  const rows = await trx
    .selectFrom("letter_recipients as r")
    .innerJoin("letter_digests as d", "d.id", "r.digest_id")
    .leftJoin("outgoing_mails as m", "m.id", "d.outgoing_mail_id")
    .select(["d.id", "d.letters", "r.letter_id", "m.id as mail_id", "m.status", "m.template_data"])
    .where("r.letter_id", "in", letters.map((l) => l.id))
    .forUpdate("d")
    .execute();
  const byId = new Map(letters.map((l): [string, DigestLetter] => [l.id, { id: l.id, name: l.sender_name, city: l.sender_city, paragraph: l.personal_paragraph }]));
  const digests = new Map<string, { letters: number; mailId: string | null; status: string | null; data: Record<string, unknown> | null; mine: DigestLetter[] }>();
  for (const row of rows) {
    const digest = digests.get(row.id) ?? { letters: row.letters, mailId: row.mail_id, status: row.status, data: row.template_data, mine: [] };
    if (!digest.mine.some((l) => l.id === row.letter_id)) digest.mine.push(byId.get(row.letter_id)!);
    digests.set(row.id, digest);
  }
  for (const [id, digest] of digests) {
    const sent = digest.status === "sent";
    const left = sent ? digest.letters : digest.letters - digest.mine.length;
    if (left <= 0) {
      if (digest.mailId) await trx.deleteFrom("outgoing_mails").where("id", "=", digest.mailId).execute();
      await trx.deleteFrom("letter_digests").where("id", "=", id).execute();
      continue;
    }
    if (digest.mailId && digest.data) {
      const without = digestWithout(digest.data, digest.mine).data;
      await trx
        .updateTable("outgoing_mails")
        .set({ template_data: sent ? without : { ...without, count: left } })
        .where("id", "=", digest.mailId)
        .execute();
    }
    if (!sent) await trx.updateTable("letter_digests").set({ letters: left }).where("id", "=", id).execute();
  }
  return digests.size;
}

/**
 * Rate-limit counters of the address: buckets keyed by its keyed hash (under
 * each secret still accepted), and, from before buckets were keyed, ones
 * holding the address itself in any spelling.
 */
async function eraseRateLimits(trx: Transaction<Database>, person: Person, limitKeys: string[]): Promise<number> {
  const keyed = await trx
    .deleteFrom("rate_limit_hits")
    .where((eb) => eb.or(limitKeys.map((k) => eb(sql<number>`position(${k} in bucket)`, ">", 0))))
    .executeTakeFirst();
  // Older buckets hold the address as one `:`-separated part: compared by key, so `Ann@x` and `ann+y@x` both go, `joann@x` stays.
  const withAddresses = await trx.selectFrom("rate_limit_hits").select("bucket").distinct().where(sql<number>`position('@' in bucket)`, ">", 0).execute();
  const theirs = withAddresses.filter((r) => r.bucket.split(":").some((part) => part.includes("@") && emailKey(part) === person.key)).map((r) => r.bucket);
  const spelled = theirs.length > 0 ? Number((await trx.deleteFrom("rate_limit_hits").where("bucket", "in", theirs).executeTakeFirst()).numDeletedRows) : 0;
  return Number(keyed.numDeletedRows) + spelled;
}
