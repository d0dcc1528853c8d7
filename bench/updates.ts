/**
 * An update to a million consenting signers, on real PostgreSQL: a fresh database with the demo
 * petition, `--rows` confirmed signers who ticked "send me news" (default 1,000,000, one SQL
 * statement), then an update sent through the real service (`sendUpdate`, then `continueUpdate`
 * batch after batch as the update job runs it) in this process. Meanwhile a mail worker with a
 * fast in-process transport runs here too, and a confirmation mail is queued every 500 ms: each
 * must be sent within 10 s although a million bulk mails are queued. Prints the time to enqueue,
 * the confirmations' worst wait, and this process's peak resident memory (VmHWM).
 * Usage: `DATABASE_URL=… npm run bench:updates [-- --rows 1000000]`.
 */
import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { openDatabase } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { seedDatabase } from "../db/seed";
import { seedDemoContent } from "../server/demo-content";
import type { MailTransport } from "../app/lib/mail/transport.server";
import { startMailWorker } from "../app/modules/mail/mail-worker.server";
import { enqueueMail } from "../app/modules/mail/outbox.repo.server";
import { continueUpdate, findUpdateCampaign, saveUpdateDraft, sendUpdate } from "../app/modules/updates/updates.service.server";
import { arg, freshDatabaseEnv, row, writeResults } from "./support";

if (!process.env.DATABASE_URL) {
  console.error("bench:updates measures PostgreSQL: set DATABASE_URL.");
  process.exit(2);
}
const rows = arg("rows", 1_000_000);
const batchSize = arg("batch", 10_000);
const SLUG = "stop-the-cybercrime-convention";
const secrets = ["bench"];

const memoryMb = () => {
  const status = readFileSync("/proc/self/status", "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`, "u").exec(status)?.[1] ?? NaN);
  return { peak: kb("VmHWM") / 1024, now: kb("VmRSS") / 1024 };
};

const { env, cleanup } = await freshDatabaseEnv();
const handle = await openDatabase({ databaseUrl: env.DATABASE_URL!, poolSize: 4 });
const db = handle.db;
try {
  await migrateToLatest(db);
  await seedDatabase(db);
  await seedDemoContent(db);
  const campaign = (await findUpdateCampaign(db, "petition", SLUG))!;
  let started = Date.now();
  await sql`
    insert into signatures (petition_id, status, name, email, email_key, country_code, mail_consent, language, referral_code, confirmed_at)
    select ${campaign.id}, 'confirmed', 'Signer ' || g, 'signer' || g || '@example.org', 'signer' || g || '@example.org',
           (array['FRA','DEU','BRA','NGA','IND','USA'])[1 + g % 6], true, (array['en','fr','es','ar','ru','zh'])[1 + g % 6],
           'r' || lpad(g::text, 9, '0'), now()
    from generate_series(1, ${rows}) g`.execute(db);
  await sql`analyze signatures`.execute(db);
  console.log(`inserted ${rows.toLocaleString("en")} consenting confirmed signers in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const actor = await db
    .insertInto("organizers")
    .values({ email: "bench-organizer@example.org", role: "organizer" })
    .returning(["id", "email"])
    .executeTakeFirstOrThrow();
  const form = new Map(
    Object.entries({
      audience: "signers",
      defaultLanguage: "en",
      subject_en: "The vote is on Tuesday",
      body_en: "Parliament votes on the convention on Tuesday.\n\nWrite to your representative today.",
      subject_fr: "Le vote a lieu mardi",
      body_fr: "Le parlement vote mardi sur la convention.\n\nÉcrivez à votre député aujourd'hui.",
    }),
  );
  const draft = await saveUpdateDraft(db, { campaign, updateId: null, form, actor });
  if (!draft.ok) throw new Error("the draft was refused");

  // The worker: a fast transport that only counts; bulk mail at a high rate so it keeps busy.
  let sent = 0;
  const transport: MailTransport = { kind: "local", send: async () => ({ providerMessageId: `bench-${++sent}` }), close: () => {} };
  const worker = startMailWorker(
    db,
    transport,
    {
      from: "bench@example.org",
      publicUrl: "https://bench.example.org",
      messageIdDomain: "bench.example.org",
      batchSize: 50,
      signingSecrets: secrets,
      perDomainPerMinute: 1_000_000,
      leaseMs: 60_000,
      bulkPerMinute: 60_000,
    },
    200,
  );

  // Confirmations queued while the update is enqueued: time from queued to sent.
  const waits: number[] = [];
  const pending = new Map<string, number>();
  let confirmations = 0;
  const queueConfirmation = async () => {
    const key = `bench-confirm:${++confirmations}`;
    await enqueueMail(db, { recipient: `new${confirmations}@example.net`, template: "test", templateData: {}, language: "en", idempotencyKey: key });
    pending.set(key, Date.now());
  };
  const checkConfirmations = async () => {
    if (pending.size === 0) return;
    const done = await db
      .selectFrom("outgoing_mails")
      .select(["idempotency_key", "sent_at"])
      .where("idempotency_key", "in", [...pending.keys()])
      .where("status", "=", "sent")
      .execute();
    for (const d of done) {
      waits.push(new Date(d.sent_at!).getTime() - pending.get(d.idempotency_key)!);
      pending.delete(d.idempotency_key);
    }
  };
  let enqueueing = true;
  const probe = (async () => {
    while (enqueueing) {
      await queueConfirmation();
      await new Promise((r) => setTimeout(r, 500));
      await checkConfirmations();
    }
  })();

  started = Date.now();
  let enqueued = 0;
  const first = await sendUpdate(db, { campaign, updateId: draft.updateId, at: null, actor, now: new Date() }, { secrets, batchSize, maxBatches: 1 });
  if (!first.ok) throw new Error("send was refused");
  enqueued += first.enqueued ?? 0;
  let finished = first.status === "sent";
  while (!finished) {
    const step = await continueUpdate(db, draft.updateId, { secrets, batchSize, maxBatches: 10 });
    enqueued += step.enqueued;
    finished = step.finished;
  }
  const enqueueSeconds = (Date.now() - started) / 1000;
  enqueueing = false;
  await probe;
  // The last confirmations: give them their 10 s.
  const deadline = Date.now() + 15_000;
  while (pending.size > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    await checkConfirmations();
  }
  await worker.stop();
  const memory = memoryMb();
  const worst = waits.length > 0 ? Math.max(...waits) / 1000 : NaN;
  const results = {
    rows,
    enqueued,
    enqueueSeconds,
    perSecond: Math.round(enqueued / enqueueSeconds),
    confirmations: confirmations,
    confirmationsLate: pending.size + waits.filter((w) => w > 10_000).length,
    confirmationWorstSeconds: worst,
    bulkSentMeanwhile: sent - waits.length,
    peakRssMb: Math.round(memory.peak),
  };
  console.log(row("update enqueued to", `${enqueued.toLocaleString("en")} people`));
  console.log(row("time to enqueue", `${enqueueSeconds.toFixed(1)} s`, enqueueSeconds < 60 ? "ok" : "SLOW"));
  console.log(row("confirmations during it", confirmations, `worst ${worst.toFixed(2)} s`, results.confirmationsLate === 0 ? "ok" : "LATE"));
  console.log(row("bulk mails sent meanwhile", results.bulkSentMeanwhile));
  console.log(row("peak RSS of this process", `${results.peakRssMb} MB`, results.peakRssMb < 300 ? "ok" : "HIGH"));
  writeResults(results);
} finally {
  await handle.close();
  await cleanup();
}
