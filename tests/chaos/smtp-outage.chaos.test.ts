import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { duplicates, freshDatabase, kill, mailStatuses, queueMails, sleep, spawnWorker, startOutageSmtp, waitAllSent } from "./support";

/**
 * How long the SMTP server stays down (CHAOS_SMTP_OUTAGE_SECONDS). The fault to
 * survive is "a minute"; CI runs 10 s, which already makes every mail in flight
 * fail at least once. Retries follow the real backoff (15–30 s after the first
 * failure, then 30–60 s…), so a 60 s outage takes about three minutes to drain.
 */
const OUTAGE_MS = Number(process.env.CHAOS_SMTP_OUTAGE_SECONDS || 10) * 1000;

describe.runIf(Boolean(process.env.DATABASE_URL))("the SMTP server down for a while", () => {
  it("delivers every mail once it is back, none twice", async () => {
    const database = await freshDatabase(process.env.DATABASE_URL!, { seed: false });
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    const smtp = await startOutageSmtp({ delayMs: 5 });
    const worker = spawnWorker({ DATABASE_URL: database.url, SMTP_URL: smtp.url, MAIL_BATCH_SIZE: "20", DATABASE_POOL_SIZE: "4" });
    let workerErrors = "";
    worker.stderr?.on("data", (chunk) => (workerErrors += chunk));
    try {
      let queued = 400;
      await queueMails(sql, 0, queued);
      while (((await mailStatuses(sql)).sent ?? 0) < 100) await sleep(20);
      const downAt = Date.now();
      await smtp.stop();
      // Signing goes on while mail cannot leave: new rows keep arriving during the outage.
      while (Date.now() - downAt < OUTAGE_MS) {
        await queueMails(sql, queued, 10);
        queued += 10;
        await sleep(500);
      }
      const duringOutage = await mailStatuses(sql);
      const upAt = Date.now();
      await smtp.start();
      const statuses = await waitAllSent(sql, queued, OUTAGE_MS * 3 + 90_000);
      const drainedMs = Date.now() - upAt;
      const [attempts] = await sql<{ retried: string; max: number }[]>`select count(*) filter (where attempts > 1) as retried, max(attempts) as max from outgoing_mails`;
      const twice = duplicates(smtp.receipts);
      // A second copy is possible in one case only: the server took the message as it went down, before the worker heard its 250.
      const explained = [...twice.values()].filter((times) => Math.abs(times[0]! - downAt) < 1000);
      console.log(
        `[chaos] SMTP down ${OUTAGE_MS} ms: ${queued} mails queued (${queued - 400} during the outage), ` +
          `at the end of the outage ${JSON.stringify(duringOutage)}; ${attempts!.retried} retried (at most ${attempts!.max} attempts); ` +
          `all sent ${drainedMs} ms after the server was back; received ${smtp.receipts.length}, distinct ${new Set(smtp.receipts.map((r) => r.messageId)).size}, ` +
          `second copies ${twice.size} (${explained.length} at the moment of the cut); lost ${queued - (statuses.sent ?? 0)}`,
      );

      expect(Number(attempts!.retried)).toBeGreaterThan(0);
      expect(statuses).toEqual({ sent: queued });
      expect(new Set(smtp.receipts.map((r) => r.messageId)).size).toBe(queued);
      expect(twice.size).toBe(explained.length);
      expect(worker.exitCode).toBeNull();
    } finally {
      await kill(worker, "SIGTERM");
      await smtp.stop();
      await sql.end();
      await database.drop();
    }
    expect(workerErrors).not.toMatch(/TypeError|unhandled/iu);
  }, OUTAGE_MS * 4 + 120_000);
});
