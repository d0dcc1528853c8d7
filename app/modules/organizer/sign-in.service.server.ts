import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, OrganizerRole } from "../../../db/schema";
import { countHit } from "../../lib/rate-limit.server";
import { enqueueMail } from "../mail/outbox.repo.server";
import { isValidEmailAddress } from "../mail/mail-address";
import { recordAudit } from "./audit.repo.server";
import { signInIdFromToken } from "./sign-in-links.server";
import { organizerEmailKey } from "./roles";

/** A sign-in link works this long, once. */
export const SIGN_IN_TTL_MS = 15 * 60_000;
/** A session ends this long after sign-in, or when signed out or revoked. */
export const SESSION_TTL_MS = 12 * 3_600_000;
/** Sign-in requests per client address per 15 minutes, and per address typed per hour. */
const PER_CLIENT_PER_15_MIN = 10;
const PER_EMAIL_PER_HOUR = 5;

export const sessionHashOf = (sessionValue: string) => createHash("sha256").update(sessionValue).digest("hex");

export type SignInRequestOutcome = "sent" | "invalid_email" | "rate_limited";

/**
 * Mails a sign-in link to an active organizer. Anyone else gets the same
 * answer and nothing is stored or sent: the page never tells who is an organizer.
 */
export async function requestSignIn(
  db: Kysely<Database>,
  input: { email: string; lng: string; ipHash: string; now: Date },
): Promise<SignInRequestOutcome> {
  const email = organizerEmailKey(input.email);
  if (!isValidEmailAddress(email)) return "invalid_email";
  const fromClient = await countHit(db, `organizer-sign-in:client:${input.ipHash}`, 900);
  const forEmail = await countHit(db, `organizer-sign-in:email:${email}`, 3600);
  if (fromClient > PER_CLIENT_PER_15_MIN || forEmail > PER_EMAIL_PER_HOUR) return "rate_limited";
  const organizer = await db.selectFrom("organizers").select("id").where("email", "=", email).where("active", "=", true).executeTakeFirst();
  if (!organizer) return "sent";
  await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("organizer_sign_ins")
      .values({ organizer_id: organizer.id, created_at: input.now, expires_at: new Date(input.now.getTime() + SIGN_IN_TTL_MS) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueueMail(trx, {
      recipient: email,
      template: "organizer-sign-in",
      language: input.lng,
      idempotencyKey: `organizer-sign-in:${id}`,
      templateData: { signInId: id, minutes: SIGN_IN_TTL_MS / 60_000 },
    });
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
