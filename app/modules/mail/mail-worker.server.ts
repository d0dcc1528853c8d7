import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { readStoredMail, renderMail, unsubscribeUrlOf } from "../../../emails/index";
import { singleLine } from "../../../emails/layout";
import type { MailTransport } from "../../lib/mail/transport.server";
import { logError } from "../../lib/safe-log.server";
import { bulkRoom, classifySendFailure, messageIdFor, outcomeOfFailure, recipientDomain, splitByDomainBudget } from "./outgoing-mail";
import { unsubscribeUrlFor } from "./unsubscribe.service.server";
import {
  bulkSentInLastMinute,
  claimDueMails,
  deferClaimed,
  recordOutcome,
  sentInLastMinuteByDomain,
  stillClaimed,
  suppressedAmong,
  type OutgoingMailRow,
} from "./outbox.repo.server";

export interface MailWorkerConfig {
  from: string;
  publicUrl: string;
  /** Domain of our Message-IDs. */
  messageIdDomain: string;
  batchSize: number;
  /** Secrets that sign unsubscribe links (the session secrets). */
  signingSecrets: string[];
  /** Most mails per recipient domain per minute. */
  perDomainPerMinute: number;
  /** Most bulk mails (priority 1) per minute, all workers together; none when absent. */
  bulkPerMinute?: number;
  /** How long a claimed row stays ours; a crashed worker's rows are retried after it. */
  leaseMs: number;
}

export interface BatchReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  suppressed: number;
  /** Over the per-domain budget: back in the queue for the next minute. */
  deferred: number;
  /** Erased (or otherwise taken away) between being claimed and being sent: not sent. */
  cancelled: number;
}

async function deliverOne(db: Kysely<Database>, transport: MailTransport, config: MailWorkerConfig, row: OutgoingMailRow, report: BatchReport) {
  // The stored JSON is checked once, here: an intent we do not know or data that does not fit it will never send.
  const stored = readStoredMail(row.template, row.template_data);
  if (!stored.ok) {
    await recordOutcome(db, row.id, { status: "failed", error: stored.error });
    report.failed++;
    return;
  }
  const { intent, data } = stored.mail;
  const unsubscribeUrl = unsubscribeUrlOf(intent, data, {
    publicUrl: config.publicUrl,
    lng: row.language,
    secrets: config.signingSecrets,
    general: () => unsubscribeUrlFor(row.recipient, config.publicUrl, config.signingSecrets),
  });
  const mail = renderMail(intent, { lng: row.language, publicUrl: config.publicUrl, unsubscribeUrl, signingSecrets: config.signingSecrets }, data);
  try {
    const { providerMessageId } = await transport.send({
      from: config.from,
      to: row.recipient,
      subject: singleLine(mail.subject),
      text: mail.text,
      html: mail.html,
      messageId: messageIdFor(row.id, config.messageIdDomain),
      replyTo: row.reply_to ?? undefined,
      // RFC 8058 one-click unsubscribe: mail clients POST to the link.
      headers: unsubscribeUrl ? { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : undefined,
    });
    await recordOutcome(db, row.id, { status: "sent", providerMessageId, at: new Date() });
    report.sent++;
  } catch (error) {
    const failure = error as { responseCode?: number; code?: string; message?: string };
    const outcome = outcomeOfFailure(row.attempts, classifySendFailure(failure), singleLine(failure.message ?? String(error), 500), new Date(), Math.random());
    await recordOutcome(db, row.id, outcome);
    if (outcome.status === "failed") report.failed++;
    else report.retried++;
  }
}

/** Claims one batch of due mail and sends it; returns what happened. */
export async function deliverDueMails(db: Kysely<Database>, transport: MailTransport, config: MailWorkerConfig, at?: Date): Promise<BatchReport> {
  if (config.bulkPerMinute === undefined) return deliverClaimedMails(db, transport, config, await claimDueMails(db, config.batchSize, config.leaseMs, at));
  // Mail that goes first fills the batch; bulk mail takes what is left, within its per-minute budget.
  const first = await claimDueMails(db, config.batchSize, config.leaseMs, at, { priority: 0 });
  const room = first.length < config.batchSize ? bulkRoom(config.batchSize - first.length, await bulkSentInLastMinute(db), config.bulkPerMinute) : 0;
  const bulk = await claimDueMails(db, room, config.leaseMs, at, { priority: 1 });
  return deliverClaimedMails(db, transport, config, [...first, ...bulk]);
}

/** Sends rows this worker claimed (`claimDueMails`), as they are at the moment of sending. */
export async function deliverClaimedMails(db: Kysely<Database>, transport: MailTransport, config: MailWorkerConfig, rows: OutgoingMailRow[]): Promise<BatchReport> {
  const report: BatchReport = { claimed: rows.length, sent: 0, retried: 0, failed: 0, suppressed: 0, deferred: 0, cancelled: 0 };
  const suppressed = await suppressedAmong(db, rows.map((r) => r.recipient), config.signingSecrets);
  const sentLastMinute = await sentInLastMinuteByDomain(db, [...new Set(rows.map((r) => recipientDomain(r.recipient)))]);
  const { send, defer } = splitByDomainBudget(rows, sentLastMinute, config.perDomainPerMinute);
  for (const row of defer) await deferClaimed(db, row.id, 60);
  report.deferred = defer.length;
  // An erasure may have come between the claim and now: read the rows again, last thing before sending.
  const current = await stillClaimed(db, send.map((r) => r.id));
  await Promise.all(
    send.map(async (claimed) => {
      const now = current.get(claimed.id);
      if (!now) {
        report.cancelled++;
        return;
      }
      const row = { ...claimed, ...now };
      if (suppressed.has(claimed.recipient)) {
        await recordOutcome(db, row.id, { status: "suppressed", error: "address is on the suppression list" });
        report.suppressed++;
        return;
      }
      await deliverOne(db, transport, config, row, report);
    }),
  );
  return report;
}

export interface RunningWorker {
  /** Finishes the batch in hand, then stops. */
  stop(): Promise<void>;
}

/** Polls the outbox until stopped: a full batch means more is waiting, so it goes on at once. */
export function startMailWorker(db: Kysely<Database>, transport: MailTransport, config: MailWorkerConfig, idleMs = 1000): RunningWorker {
  let stopping = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopping) {
      let claimed = 0;
      try {
        claimed = (await deliverDueMails(db, transport, config)).claimed;
      } catch (error) {
        logError("mail worker: batch failed", error);
      }
      if (claimed < config.batchSize && !stopping) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, idleMs).unref();
        });
      }
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
