import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, OrganizerRole } from "../../../db/schema";
import { signInIdFromToken } from "../../lib/links/sign-in-links.server";
import { countHit, takeHit } from "../../lib/rate-limit.server";
import { addressLimitKey } from "../mail/address-key.server";
import { enqueueMail } from "../mail/outbox.repo.server";
import { isValidEmailAddress } from "../mail/mail-address";
import { recordAudit } from "../audit/audit.repo.server";
import { organizerSignInMail } from "./sign-in-mail.server";
import { organizerEmailKey } from "./roles";

/** A sign-in link works this long, once. */
export const SIGN_IN_TTL_MS = 15 * 60_000;
/** A session ends this long after sign-in, or when signed out or revoked. */
export const SESSION_TTL_MS = 12 * 3_600_000;
/**
 * Who may ask for how many links (ADR 0018). A client is limited on its own:
 * 10 requests per 15 minutes whatever addresses it types, 5 per hour for one
 * address. One address gets at most 5 links mailed per 10 minutes from all
 * clients together (30 an hour at worst); a request beyond that gets the usual answer and no new
 * mail. Ten minutes is shorter than a link's fifteen, so while that cap holds,
 * the links it counted are all still in the organizer's mailbox and valid:
 * strangers can neither flood the mailbox nor leave the organizer without a
 * link, and only the organizer's own client can run out of requests.
 * Buckets name an address only by its keyed hash (addressLimitKey).
 */
export const SIGN_IN_LIMITS = {
  perClient: { hits: 10, windowSeconds: 900 },
  perClientAndAddress: { hits: 5, windowSeconds: 3600 },
  mailsPerAddress: { hits: 5, windowSeconds: 600 },
} as const;

export const sessionHashOf = (sessionValue: string) => createHash("sha256").update(sessionValue).digest("hex");

export type SignInRequestOutcome = "sent" | "invalid_email" | "rate_limited";

/**
 * Mails a sign-in link to an active organizer. Anyone else gets the same
 * answer and nothing is stored or sent: the page never tells who is an organizer.
 */
export async function requestSignIn(
  db: Kysely<Database>,
  input: { email: string; lng: string; ipHash: string; now: Date; secrets: readonly string[] },
): Promise<SignInRequestOutcome> {
  const email = organizerEmailKey(input.email);
  if (!isValidEmailAddress(email)) return "invalid_email";
  const address = addressLimitKey(email, input.secrets);
  const { perClient, perClientAndAddress, mailsPerAddress } = SIGN_IN_LIMITS;
  const fromClient = await countHit(db, `organizer-sign-in:client:${input.ipHash}`, perClient.windowSeconds);
  const forAddress = await countHit(db, `organizer-sign-in:client:${input.ipHash}:address:${address}`, perClientAndAddress.windowSeconds);
  if (fromClient > perClient.hits || forAddress > perClientAndAddress.hits) return "rate_limited";
  const organizer = await db.selectFrom("organizers").select("id").where("email", "=", email).where("active", "=", true).executeTakeFirst();
  if (!organizer) return "sent";
  // Over the mailbox's cap: the links mailed in this window still work, so nothing more is sent.
  if (!(await takeHit(db, `organizer-sign-in-mail:address:${address}`, mailsPerAddress.windowSeconds, mailsPerAddress.hits))) return "sent";
  await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("organizer_sign_ins")
      .values({ organizer_id: organizer.id, created_at: input.now, expires_at: new Date(input.now.getTime() + SIGN_IN_TTL_MS) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueueMail(trx, organizerSignInMail({ signInId: id, email, language: input.lng, ttlMs: SIGN_IN_TTL_MS }));
  });
  return "sent";
}

export type SignInLinkState = "valid" | "used" | "expired" | "invalid";

async function signInRow(db: Kysely<Database>, token: string, secrets: readonly string[]) {
  const id = signInIdFromToken(token, secrets);
  if (!id) return null;
  return db
    .selectFrom("organizer_sign_ins as s")
    .innerJoin("organizers as o", "o.id", "s.organizer_id")
    .select(["s.id", "s.used_at", "s.expires_at", "o.active"])
    .where("s.id", "=", id)
    .executeTakeFirst();
}

/** What the link's page shows before the button is pressed (opening it changes nothing: mail scanners open links). */
export async function inspectSignIn(db: Kysely<Database>, token: string, secrets: readonly string[], now: Date): Promise<SignInLinkState> {
  const row = await signInRow(db, token, secrets);
  if (!row || !row.active) return "invalid";
  if (row.used_at) return "used";
  return new Date(row.expires_at) <= now ? "expired" : "valid";
}

export type SignInOutcome =
  | { kind: "signed_in"; sessionValue: string; organizer: { id: number; email: string; role: OrganizerRole } }
  | { kind: Exclude<SignInLinkState, "valid"> };

/**
 * The button's POST: uses up the link (at most once, even under a double
 * click) and opens a session. The session value goes to the cookie; only its
 * hash is stored.
 */
export async function completeSignIn(db: Kysely<Database>, token: string, secrets: readonly string[], now: Date): Promise<SignInOutcome> {
  const id = signInIdFromToken(token, secrets);
  if (!id) return { kind: "invalid" };
  const outcome = await db.transaction().execute(async (trx): Promise<SignInOutcome | null> => {
    const used = await trx
      .updateTable("organizer_sign_ins")
      .set({ used_at: now })
      .where("id", "=", id)
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .returning("organizer_id")
      .executeTakeFirst();
    if (!used) return null;
    const organizer = await trx
      .selectFrom("organizers")
      .select(["id", "email", "role"])
      .where("id", "=", used.organizer_id)
      .where("active", "=", true)
      .executeTakeFirst();
    if (!organizer) return { kind: "invalid" };
    const sessionValue = randomBytes(32).toString("base64url");
    await trx
      .insertInto("organizer_sessions")
      .values({ id_hash: sessionHashOf(sessionValue), organizer_id: organizer.id, created_at: now, expires_at: new Date(now.getTime() + SESSION_TTL_MS) })
      .execute();
    await recordAudit(trx, { actor: { id: organizer.id, email: organizer.email }, action: "session.sign_in" });
    return { kind: "signed_in", sessionValue, organizer };
  });
  if (outcome) return outcome;
  const state = await inspectSignIn(db, token, secrets, now);
  return { kind: state === "valid" ? "used" : state };
}

/** Ends one session for good (the cookie alone can never bring it back). */
export async function signOut(db: Kysely<Database>, session: { hash: string; organizerId: number; email: string }, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("organizer_sessions").set({ revoked_at: now }).where("id_hash", "=", session.hash).where("revoked_at", "is", null).execute();
    await recordAudit(trx, { actor: { id: session.organizerId, email: session.email }, action: "session.sign_out" });
  });
}

/** The active organizer whose live session has this hash, or undefined. */
export function organizerOfSession(db: Kysely<Database>, sessionHash: string, now: Date) {
  return db
    .selectFrom("organizer_sessions as s")
    .innerJoin("organizers as o", "o.id", "s.organizer_id")
    .select(["o.id", "o.email", "o.role", "o.partner_id as partnerId"])
    .where("s.id_hash", "=", sessionHash)
    .where("s.revoked_at", "is", null)
    .where("s.expires_at", ">", now)
    .where("o.active", "=", true)
    .executeTakeFirst();
}
