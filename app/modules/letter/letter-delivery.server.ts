import { createHash } from "node:crypto";
import { sql, type Transaction } from "kysely";
import type { Database, DeliveryMode } from "../../../db/schema";
import { deliveryRoute, fingerprintText, utcDay, type RouteDecision } from "./delivery-route";

export function letterFingerprint(body: string, personal: string): string {
  return createHash("sha256").update(fingerprintText(body, personal)).digest("hex");
}

interface RoutedLetter {
  id: string;
  campaign_id: number;
  fingerprint: string | null;
  delivery_mode: DeliveryMode;
  daily_cap_per_target: number;
}

/**
 * Decides, inside the confirming transaction, whether one target gets this
 * letter on its own or in the next digest. Bumping the target's day counter
 * takes its row lock, so concurrent confirmations to one target queue here
 * and the cap holds exactly.
 */
export async function routeToTarget(
  trx: Transaction<Database>,
  letter: RoutedLetter,
  targetId: number,
  ctx: { now: Date; identicalThreshold: number },
): Promise<RouteDecision> {
  const { letters: placeToday } = await trx
    .insertInto("letter_target_days")
    .values({ campaign_id: letter.campaign_id, target_id: targetId, day: utcDay(ctx.now), letters: 1 })
    .onConflict((oc) => oc.columns(["campaign_id", "target_id", "day"]).doUpdateSet({ letters: sql`letter_target_days.letters + 1` }))
    .returning("letters")
    .executeTakeFirstOrThrow();
  const identicalBefore =
    letter.delivery_mode === "individual" && placeToday <= letter.daily_cap_per_target && letter.fingerprint
      ? await identicalLettersTo(trx, letter, targetId, ctx.identicalThreshold)
      : 0;
  return deliveryRoute({
    mode: letter.delivery_mode,
    placeToday,
    dailyCap: letter.daily_cap_per_target,
    identicalBefore,
    identicalThreshold: ctx.identicalThreshold,
  });
}

/** Confirmed letters with the same words already on their way to this target (counted up to `enough`). */
async function identicalLettersTo(trx: Transaction<Database>, letter: RoutedLetter, targetId: number, enough: number): Promise<number> {
  const row = await trx
    .selectFrom((eb) =>
      eb
        .selectFrom("letters as l")
        .innerJoin("letter_recipients as r", "r.letter_id", "l.id")
        .select("l.id")
        .where("l.fingerprint", "=", letter.fingerprint)
        .where("l.campaign_id", "=", letter.campaign_id)
        .where("l.status", "=", "confirmed")
        .where("l.id", "<>", letter.id)
        .where("r.target_id", "=", targetId)
        .limit(enough)
        .as("same"),
    )
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
