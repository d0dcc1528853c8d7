import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { DEMO_SLUG, duplicates, exited, freshDatabase, kill, sleep, spawnWorker, startOutageSmtp } from "./support";

const PEOPLE = 3000;
const LEASE_SECONDS = 2;
/** Kill when this many update mails were accepted: in the middle of the update's sending. */
const KILL_AT = 700;

/**
 * A worker (mail sender and update job in one process) is killed with SIGKILL in the middle of
 * an update to 3,000 consenting signers; a second worker takes over. Each consenting signer ends
 * with exactly one outbox row, sent; nobody else gets one. The only second copy allowed is the
 * one no outbox can close (ADR 7): a message the SMTP server accepted in the instant before the
 * kill, whose row was still `sending`, sent again after the lease with the same Message-ID.
 */
describe.runIf(Boolean(process.env.DATABASE_URL))("a worker killed with SIGKILL in the middle of an update", () => {
  it("sends the update once to each consenting signer after another worker takes over", async () => {
    const database = await freshDatabase(process.env.DATABASE_URL!);
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    const smtp = await startOutageSmtp({ delayMs: 2 });
    const env = {
      DATABASE_URL: database.url,
      SMTP_URL: smtp.url,
      MAIL_BATCH_SIZE: "50",
      DATABASE_POOL_SIZE: "4",
      MAIL_PER_DOMAIN_PER_MINUTE: String(PEOPLE * 2),
      BULK_MAIL_PER_MINUTE: String(PEOPLE * 2),
    };
    let first: ReturnType<typeof spawnWorker> | undefined;
    let second: ReturnType<typeof spawnWorker> | undefined;
    try {
      const [petition] = await sql<{ id: number }[]>`select id from petitions where slug = ${DEMO_SLUG}`;
      // Consenting signers, and some who may not be mailed: no consent, pending, withdrawn.
      await sql`
        insert into signatures (petition_id, status, name, email, email_key, country_code, mail_consent, language, referral_code, confirmed_at, withdrawn_at)
        select ${petition!.id}, case when g > ${PEOPLE} + 20 then 'withdrawn' when g > ${PEOPLE} + 10 then 'pending' else 'confirmed' end,
               'Signer ' || g, 'signer' || g || '@example.org', 'signer' || g || '@example.org', 'FRA', g <= ${PEOPLE} or g > ${PEOPLE} + 10,
               (array['en','fr','es','ar','ru','zh'])[1 + g % 6], 'c' || lpad(g::text, 9, '0'),
               case when g <= ${PEOPLE} + 10 then now() end, case when g > ${PEOPLE} + 20 then now() end
        from generate_series(1, ${PEOPLE} + 30) g`;
      // An update scheduled for now: the worker's update job starts it and enqueues it.
      const [update] = await sql<{ id: string }[]>`
        insert into campaign_updates (petition_id, audience, default_language, status, send_at, created_by_email)
        values (${petition!.id}, 'signers', 'en', 'scheduled', now(), 'organizer@example.org') returning id`;
      await sql`insert into campaign_update_texts (update_id, language, subject, body_markdown)
        values (${update!.id}, 'en', 'The vote is on Tuesday', 'Write to your representative.'), (${
        update!.id
      }, 'fr', 'Le vote est mardi', 'Écrivez à votre député.')`;

      first = spawnWorker({ ...env, MAIL_LEASE_SECONDS: String(LEASE_SECONDS) });
      const deadline = Date.now() + 60_000;
      while (smtp.receipts.length < KILL_AT && Date.now() < deadline) await sleep(5);
      expect(smtp.receipts.length).toBeGreaterThanOrEqual(KILL_AT);
      first.kill("SIGKILL");
      await exited(first);
      const [atKill] = await sql<{ sent: string; sending: string }[]>`
        select count(*) filter (where status = 'sent') as sent, count(*) filter (where status = 'sending') as sending from outgoing_mails where template = 'campaign-update'`;
      const secondStartedAt = Date.now();
      second = spawnWorker(env);

      const until = Date.now() + 90_000;
      let sent = 0;
      while (Date.now() < until) {
        const [row] = await sql<
          { sent: string }[]
        >`select count(*) filter (where status = 'sent') as sent from outgoing_mails where template = 'campaign-update'`;
        sent = Number(row!.sent);
        if (sent >= PEOPLE) break;
        await sleep(200);
      }
      const rows = await sql<{ id: string; recipient: string; status: string; attempts: number }[]>`
        select id, recipient, status, attempts from outgoing_mails where template = 'campaign-update'`;
      const [state] = await sql<{ status: string; enqueued: number }[]>`select status, enqueued from campaign_updates where id = ${update!.id}`;
      const byMessageId = new Map(rows.map((r) => [`<outbox-${r.id}@localhost>`, r]));
      const twice = duplicates(smtp.receipts);
      const explained = [...twice].filter(([id, times]) => times[0]! <= secondStartedAt && (byMessageId.get(id)?.attempts ?? 0) >= 2);
      const received = new Set(smtp.receipts.map((r) => r.messageId));
      console.log(
        `[chaos] update worker SIGKILL after ${KILL_AT} accepted: at the kill ${atKill!.sent} sent, ${atKill!.sending} held by the dead worker; ` +
          `then all ${sent} of ${PEOPLE} sent; update ${state!.status} with ${state!.enqueued} enqueued; second copies ${twice.size} (explained ${
            explained.length
          })`,
      );

      // One row per consenting signer, nobody else; every one sent and received.
      expect(rows).toHaveLength(PEOPLE);
      expect(new Set(rows.map((r) => r.recipient)).size).toBe(PEOPLE);
      expect(rows.every((r) => /^signer(\d+)@example\.org$/u.test(r.recipient) && Number(/\d+/u.exec(r.recipient)![0]) <= PEOPLE)).toBe(true);
      expect(rows.every((r) => r.status === "sent")).toBe(true);
      expect(received.size).toBe(PEOPLE);
      expect(state).toEqual({ status: "sent", enqueued: PEOPLE });
      // A second copy only in the accepted-but-not-marked window of the kill.
      expect(explained.length).toBe(twice.size);
      expect(twice.size).toBeLessThanOrEqual(Number(atKill!.sending));
    } finally {
      if (second) await kill(second, "SIGTERM");
      if (first) await kill(first, "SIGKILL");
      await smtp.stop();
      await sql.end();
      await database.drop();
    }
  });
});
