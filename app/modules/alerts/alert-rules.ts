/**
 * Alerts to the followers of a country whose status moved, as pure rules (no I/O): what a
 * change may claim, which decisions a draft still takes, and how sending goes in batches.
 */
import type { AlertStatus, ParticipantStatusColumn } from "../../../db/schema";

/** What the wording of an alert may claim (never more than the change's confidence allows). */
export type AlertCertainty = "confirmed" | "reported" | "corrected";

export interface StatusChange {
  fromStatus: ParticipantStatusColumn;
  toStatus: ParticipantStatusColumn;
  reportedFrom: ParticipantStatusColumn | null;
  reportedTo: ParticipantStatusColumn | null;
}

export interface AlertClaim {
  certainty: AlertCertainty;
  /** The status the alert announces. */
  status: ParticipantStatusColumn;
  /** What it was before, as the alert may say it. */
  fromStatus: ParticipantStatusColumn;
}

/**
 * A move of the confirmed status is stated as a fact; a move only of what is reported beyond it
 * is said to be reported; a reported status withdrawn (nothing reported any more) is a correction
 * of the record, which states the confirmed status and nothing more.
 */
export function alertClaim(change: StatusChange): AlertClaim {
  if (change.fromStatus !== change.toStatus) return { certainty: "confirmed", status: change.toStatus, fromStatus: change.fromStatus };
  if (change.reportedTo !== null) return { certainty: "reported", status: change.reportedTo, fromStatus: change.reportedFrom ?? change.toStatus };
  return { certainty: "corrected", status: change.toStatus, fromStatus: change.reportedFrom ?? change.toStatus };
}

/**
 * Whether a change goes out without review: only a confirmed move, to a status whose setting
 * says so. (The trigger that makes each draft applies the same rule, in SQL, when the change is
 * written: `2026-12-05T0700_country_alerts`.)
 */
export function sendsWithoutReview(change: Pick<StatusChange, "fromStatus" | "toStatus">, settings: ReadonlyMap<ParticipantStatusColumn, boolean>): boolean {
  return change.fromStatus !== change.toStatus && settings.get(change.toStatus) === true;
}

export type AlertDecision = "send" | "discard";

export type DecisionOutcome = { ok: true; status: AlertStatus } | { ok: false; reason: "already_decided"; status: AlertStatus };

/** Only a draft takes a decision: Send makes it `sending`, Discard `discarded`; a second click changes nothing. */
export function decideOutcome(current: AlertStatus, decision: AlertDecision): DecisionOutcome {
  if (current !== "draft") return { ok: false, reason: "already_decided", status: current };
  return { ok: true, status: decision === "send" ? "sending" : "discarded" };
}

export function isAlertDecision(value: unknown): value is AlertDecision {
  return value === "send" || value === "discard";
}

/** How many followers one batch enqueues (one short transaction each). */
export const ALERT_BATCH_SIZE = 500;

/** A batch smaller than asked for was the last one. */
export function isLastBatch(found: number, batchSize: number): boolean {
  return found < batchSize;
}

export const PARTICIPANT_STATUSES: readonly ParticipantStatusColumn[] = ["not_signed", "not_joined", "signed", "domestic_approval_reported", "party", "in_force"];

export type AlertRequest =
  | { kind: "decide"; alertId: string; decision: AlertDecision }
  | { kind: "settings"; sendWithoutReview: Set<ParticipantStatusColumn> }
  | { kind: "invalid"; message: "decision" | "noAlert" };

/** What the review page's forms ask: a decision on one alert, or the settings (unknown statuses are ignored). */
export function readAlertRequest(get: (name: string) => string, getAll: (name: string) => string[]): AlertRequest {
  if (get("intent") === "settings") {
    const wanted = new Set(getAll("sendWithoutReview"));
    return { kind: "settings", sendWithoutReview: new Set(PARTICIPANT_STATUSES.filter((s) => wanted.has(s))) };
  }
  const decision = get("decision");
  if (!isAlertDecision(decision)) return { kind: "invalid", message: "decision" };
  const alertId = get("alertId");
  if (!/^\d{1,18}$/u.test(alertId)) return { kind: "invalid", message: "noAlert" };
  return { kind: "decide", alertId, decision };
}
