import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, SignatureStatus, SuspectReason } from "../../../db/schema";

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

export async function confirmedCount(db: Db, petitionId: number): Promise<number> {
  const row = await db.selectFrom("petition_counts").select("confirmed").where("petition_id", "=", petitionId).executeTakeFirst();
  return Number(row?.confirmed ?? 0);
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

export interface NewSignature {
  petitionId: number;
  status: "pending" | "suspect";
  suspectReason: SuspectReason | null;
  name: string;
  email: string;
  emailKey: string;
  countryCode: string;
  comment: string | null;
  showName: boolean;
  mailConsent: boolean;
  language: string;
  referralCode: string;
  referredBy: string | null;
  ipHash: string | null;
}

/** Inserts unless this person already signed; null when they had. */
export async function insertSignature(trx: Db, s: NewSignature): Promise<{ id: string; referralCode: string } | null> {
  const mailed = s.status === "pending";
  const row = await trx
    .insertInto("signatures")
    .values({
      petition_id: s.petitionId,
      status: s.status,
      suspect_reason: s.suspectReason,
      name: s.name,
      email: s.email,
      email_key: s.emailKey,
      country_code: s.countryCode,
      comment: s.comment,
      show_name: s.showName,
      mail_consent: s.mailConsent,
      language: s.language,
      referral_code: s.referralCode,
      referred_by: s.referredBy,
      ip_hash: s.ipHash,
      confirmation_sent_at: mailed ? sql<Date>`now()` : null,
      confirmation_mails: mailed ? 1 : 0,
    })
    .onConflict((oc) => oc.columns(["petition_id", "email_key"]).doNothing())
    .returning(["id", "referral_code"])
    .executeTakeFirst();
  return row ? { id: row.id, referralCode: row.referral_code } : null;
}

export async function lockSignatureByKey(trx: Transaction<Database>, petitionId: number, emailKey: string) {
  return trx
    .selectFrom("signatures")
    .select(["id", "status", "referral_code", "confirmation_sent_at", "confirmation_mails", "language", "email", "name"])
    .where("petition_id", "=", petitionId)
    .where("email_key", "=", emailKey)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function lockSignatureById(trx: Transaction<Database>, id: string) {
  return trx
    .selectFrom("signatures as s")
    .innerJoin("petitions as p", "p.id", "s.petition_id")
    .select([
      "s.id",
      "s.status",
      "s.petition_id",
      "s.country_code",
      "s.language",
      "s.confirmation_sent_at",
      "p.slug",
      "p.status as petition_status",
    ])
    .where("s.id", "=", id)
    .forUpdate("s")
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

/** Moves a signature on and records the change in the count, in the caller's transaction. */
export async function setSignatureStatus(trx: Db, id: string, status: SignatureStatus): Promise<void> {
  await trx
    .updateTable("signatures")
    .set({
      status,
      ...(status === "confirmed" ? { confirmed_at: sql<Date>`now()` } : {}),
      ...(status === "withdrawn" ? { withdrawn_at: sql<Date>`now()` } : {}),
    })
    .where("id", "=", id)
    .execute();
}

export async function recordCountChange(trx: Db, petitionId: number, countryCode: string, delta: 1 | -1): Promise<void> {
  await trx.insertInto("signature_count_changes").values({ petition_id: petitionId, country_code: countryCode, delta }).execute();
}

/** Someone who withdrew signs again: the row starts over with what they typed now. */
export async function restartSignature(trx: Db, id: string, s: NewSignature): Promise<void> {
  const mailed = s.status === "pending";
  await trx
    .updateTable("signatures")
    .set({
      status: s.status,
      suspect_reason: s.suspectReason,
      name: s.name,
      email: s.email,
      country_code: s.countryCode,
      comment: s.comment,
      show_name: s.showName,
      mail_consent: s.mailConsent,
      language: s.language,
      referred_by: s.referredBy,
      ip_hash: s.ipHash,
      confirmed_at: null,
      withdrawn_at: null,
      confirmation_sent_at: mailed ? sql<Date>`now()` : null,
      confirmation_mails: mailed ? sql`confirmation_mails + 1` : sql`confirmation_mails`,
    })
    .where("id", "=", id)
    .execute();
}
