/**
 * The outbox's rules: states, retries and how a send failure is judged. Pure:
 * time and randomness are passed in.
 */
export const MAX_ATTEMPTS = 8;
export const BASE_RETRY_DELAY_MS = 30_000;
export const MAX_RETRY_DELAY_MS = 6 * 3600_000;
/** How long a worker owns a claimed row before another may take it over (`MAIL_LEASE_SECONDS`). */
export const DEFAULT_SENDING_LEASE_MS = 5 * 60_000;

export type FailureKind = "temporary" | "permanent";

/**
 * SMTP 5xx replies are permanent (the server refused for good); 4xx replies,
 * refused or dropped connections and timeouts are worth another try.
 */
export function classifySendFailure(error: { responseCode?: number; code?: string }): FailureKind {
  if (typeof error.responseCode === "number") return error.responseCode >= 500 ? "permanent" : "temporary";
  if (error.code === "EENVELOPE" || error.code === "EMESSAGE") return "permanent";
  return "temporary";
}

/** Exponential backoff with full jitter: attempt 1 waits up to 30 s, then 60 s, 2 min… capped at 6 h. */
export function retryDelayMs(attempts: number, random: number): number {
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, BASE_RETRY_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

export type FailureOutcome = { status: "queued"; nextAttemptAt: Date; error: string } | { status: "failed"; error: string };

/** What becomes of a row after a send attempt (`attempts` counts this one). */
export function outcomeOfFailure(attempts: number, kind: FailureKind, error: string, now: Date, random: number): FailureOutcome {
  if (kind === "permanent" || attempts >= MAX_ATTEMPTS) return { status: "failed", error };
  return { status: "queued", nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, random)), error };
}

/** The Message-ID of a row, the same on every attempt, so a duplicate delivery is recognisable. */
export function messageIdFor(rowId: string, domain: string): string {
  return `<outbox-${rowId}@${domain}>`;
}

export function recipientDomain(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}

/**
 * How many bulk mails (priority 1) a worker may take now: what is left of the batch after the
 * mail that goes first, and no more than the per-minute budget leaves (`usedLastMinute` counts
 * bulk mail sent in the last minute and bulk mail being sent by any worker).
 */
export function bulkRoom(freeInBatch: number, usedLastMinute: number, perMinute: number): number {
  return Math.max(0, Math.min(freeInBatch, perMinute - usedLastMinute));
}

/**
 * Keeps each recipient domain under `perMinute` sends, so a surge does not get
 * the platform blocklisted: rows over the budget wait for the next minute.
 */
export function splitByDomainBudget<Row extends { recipient: string }>(
  rows: readonly Row[],
  sentLastMinute: ReadonlyMap<string, number>,
  perMinute: number,
): { send: Row[]; defer: Row[] } {
  const used = new Map(sentLastMinute);
  const send: Row[] = [];
  const defer: Row[] = [];
  for (const row of rows) {
    const domain = recipientDomain(row.recipient);
    const count = used.get(domain) ?? 0;
    if (count < perMinute) {
      used.set(domain, count + 1);
      send.push(row);
    } else {
      defer.push(row);
    }
  }
  return { send, defer };
}
