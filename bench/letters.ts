/**
 * Letters under a surge, on real PostgreSQL: starts the production server on a
 * fresh database with the demo letter campaign, then
 *   1. writes letters with autocannon (the form without JavaScript, `intent=send`;
 *      a distinct sender address and client address per request),
 *   2. posts every written letter's confirm link with autocannon (the button on
 *      `/confirm/:token`), which puts one mail per target (Reply-To the sender)
 *      and a receipt into the outbox,
 *   3. does the same through `writeLetter`/`confirmLetter` in this process, to
 *      show what the services and the database cost without HTTP and Remix,
 * and checks that every confirmed letter has exactly one outbox row per target
 * and one receipt, and is counted once. Usage:
 * `DATABASE_URL=… npm run bench:letters [-- --seconds 15 --connections 50 --confirm-connections 20 --direct-seconds 8 --country FRA]`.
 */
import autocannon from "autocannon";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import postgres from "postgres";
import { openDatabase } from "../db/client";
import { configFrom } from "../app/lib/config.server";
import { applyCountChanges } from "../app/modules/campaign/counter.server";
import { validateLetter } from "../app/modules/letter/letter-form";
import { letterConfirmUrlFor } from "../app/lib/links/letter-links.server";
import { campaignTargets, findLetterCampaign } from "../app/modules/letter/letter.repo.server";
import { confirmLetter, writeLetter } from "../app/modules/letter/letter.service.server";
import { arg, freshDatabaseEnv, postForms, row, startBenchServer, stopBenchServer, writeResults } from "./support";

if (!process.env.DATABASE_URL) {
  console.error("bench:letters measures PostgreSQL: set DATABASE_URL.");
  process.exit(2);
}
const seconds = arg("seconds", 15);
const connections = arg("connections", 50);
const confirmConnections = arg("confirm-connections", 20);
const directSeconds = arg("direct-seconds", 8);
const directConcurrency = arg("direct-concurrency", 10);
const port = arg("port", 3458);
const SLUG = "write-to-your-government";
// The demo targets' countries; `--country FRA` writes every letter to one country (a surge there).
const countryIndex = process.argv.indexOf("--country");
const COUNTRIES: readonly string[] = countryIndex > 0 ? [process.argv[countryIndex + 1]!.toUpperCase()] : ["FRA", "DEU", "BRA", "NGA", "IND", "USA"];
const LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh"] as const;
const base = `http://127.0.0.1:${port}`;

const { env, cleanup } = await freshDatabaseEnv();
// Mail is sent by separate workers in production; here the outbox only fills, so the figures are the web tier's.
// Simulated senders post the moment they have the form: no minimum fill time here.
const serverEnv = { ...env, MAIL_WORKER: "off", TRUST_PROXY: "loopback", DATABASE_POOL_SIZE: String(arg("pool", 10)), LETTER_MIN_FILL_SECONDS: "0" };
// The direct phase writes with the settings the server runs with.
const { server: { sessionSecrets: secrets }, letters } = configFrom(serverEnv);
const server = await startBenchServer(port, serverEnv);
const sql = postgres(env.DATABASE_URL!, { max: 1, onnotice: () => {} });
const direct = await openDatabase({ databaseUrl: env.DATABASE_URL!, poolSize: directConcurrency });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** CPU seconds (user + system) of processes from /proc (Linux; null elsewhere): the machine is shared, so CPU per request says more than wall time. */
function cpuSeconds(pids: number[]): number | null {
  try {
    let ticks = 0;
    for (const pid of pids) {
      // Fields after the command name, which may hold spaces: utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}
const postgresPids = () => {
  try {
    return readdirSync("/proc").filter((p) => /^\d+$/u.test(p) && readFileSync(`/proc/${p}/comm`, "utf8").trim() === "postgres").map(Number);
  } catch {
    return [];
  }
};
/** CPU of the app process and of all PostgreSQL processes on this machine (other databases' work included), from here on. */
function cpuMeter(appPid: number) {
  const pgStart = new Map(postgresPids().map((pid) => [pid, cpuSeconds([pid])]));
  const appStart = cpuSeconds([appPid]);
  const selfStart = cpuSeconds([process.pid]);
  return () => {
    const app = cpuSeconds([appPid]);
    // Backends started since count whole; any that ended since are lost (the app's pool keeps its own open).
    const db = postgresPids().reduce((sum, pid) => sum + Math.max(0, (cpuSeconds([pid]) ?? 0) - (pgStart.get(pid) ?? 0)), 0);
    const self = cpuSeconds([process.pid]);
    return { app: app !== null && appStart !== null ? app - appStart : null, db: pgStart.size > 0 ? db : null, self: self !== null && selfStart !== null ? self - selfStart : null };
  };
}
/** Cores busy and stolen (by the hypervisor) on the whole machine, from here on: /proc/stat. */
function machineMeter() {
  const read = () => {
    try {
      const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/u).slice(1).map(Number) as number[];
      return { busy: user! + nice! + system! + irq! + softirq!, idle: idle! + iowait!, steal: steal ?? 0 };
    } catch {
      return null;
    }
  };
  const start = read();
  const startedAt = performance.now();
  return () => {
    const end = read();
    const seconds = (performance.now() - startedAt) / 1000;
    if (!start || !end) return null;
    return { seconds, busyCores: (end.busy - start.busy) / 100 / seconds, stealCores: (end.steal - start.steal) / 100 / seconds };
  };
}
/**
 * How many of this database's backends wait on a lock (row locks: transactions queueing behind
 * each other), sampled every 100 ms, and the statement they wait in most often.
 */
function lockWaitSampler(sql: postgres.Sql) {
  const samples: number[] = [];
  const statements = new Map<string, number>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const waiting = await sql<{ statement: string }[]>`
        select left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 60) as statement
        from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
      samples.push(waiting.length);
      for (const w of waiting) statements.set(w.statement, (statements.get(w.statement) ?? 0) + 1);
      await sleep(100);
    }
  })();
  return async () => {
    running = false;
    await loop;
    if (samples.length === 0) return "n/a";
    const average = samples.reduce((a, b) => a + b, 0) / samples.length;
    const top = [...statements].sort((a, b) => b[1] - a[1])[0];
    return `${average.toFixed(1)} on average (most ${Math.max(...samples)})${top ? `, mostly in: ${top[0]}` : ""}`;
  };
}
const msPer = (seconds: number | null, count: number) => (seconds === null || count === 0 ? "n/a" : ((seconds * 1000) / count).toFixed(1));
const tokenOf = (letterId: string) => new URL(letterConfirmUrlFor(letterId, base, "en", secrets)).pathname.split("/")[2]!;
/** Outbox rows of one template per second of their `created_at`, between two instants. */
async function perSecond(template: string, from: Date, to: Date) {
  const rows = await sql<{ n: string }[]>`
    select count(*) as n from outgoing_mails
    where template = ${template} and created_at >= ${from} and created_at < ${to}
    group by date_trunc('second', created_at) order by date_trunc('second', created_at)`;
  // The first and last seconds are partial: leave them out of min/max when there are enough.
  const full = rows.length > 2 ? rows.slice(1, -1) : rows;
  const counts = full.map((r) => Number(r.n));
  return { min: counts.length ? Math.min(...counts) : 0, max: counts.length ? Math.max(...counts) : 0 };
}

const loadAtStart = loadavg()[0]!;
try {
  execFileSync(process.execPath, ["--import", "tsx", "cli/seed.ts", "--demo"], { env: { ...process.env, ...serverEnv }, stdio: "ignore" });
  // Nothing reads the campaign's per-target daily cap yet; set it out of reach so that every letter
  // is measured on the individual route (one mail per target), whatever a later revision does with it.
  await sql`update letter_campaigns set daily_cap_per_target = 1000000000 where slug = ${SLUG}`;

  // What a sender sees: the targets offered for each country on the page, the texts of each language.
  const targetsByCountry = new Map<string, string[]>();
  // The form token of the campaign's form (one per campaign, valid a day), as each page carries it.
  let formToken = "";
  for (const code of COUNTRIES) {
    const response = await fetch(`${base}/en/letters/${SLUG}?country=${code.toLowerCase()}`);
    const page = await response.text();
    formToken ||= /name="formToken" value="([^"]+)"/u.exec(page)?.[1] ?? "";
    const ids = [...page.matchAll(/<input[^>]*name="targets"[^>]*>/gu)].map((m) => /value="(\d+)"/u.exec(m[0])?.[1]).filter((id): id is string => id !== undefined);
    if (ids.length === 0) throw new Error(`no targets offered for ${code} on the letter page (HTTP ${response.status})`);
    targetsByCountry.set(code, ids);
  }
  const campaign = await findLetterCampaign(direct.db, SLUG);
  if (!campaign) throw new Error(`the demo seed made no campaign ${SLUG}`);
  const texts = new Map(campaign.texts.map((t) => [t.language, t]));
  const letterValues = (n: number) => {
    const country = COUNTRIES[n % COUNTRIES.length]!;
    const lng = LANGUAGES[Math.floor(n / COUNTRIES.length) % LANGUAGES.length]!;
    const text = texts.get(lng) ?? texts.get("en")!;
    return {
      lng,
      values: {
        country,
        targets: targetsByCountry.get(country)!,
        subject: text.subject_variants[n % text.subject_variants.length]!,
        body: text.body_template,
        personal: `I am writer number ${n}, and the safeguards in this treaty matter to my work and to my family.`,
        name: `Sender ${n}`,
        email: `sender${n}@example.org`,
        city: "Lyon",
      },
    };
  };

  // 1. Writing: the form as a browser without JavaScript posts it.
  const writeCpu = cpuMeter(server.pid!);
  const writeLocks = lockWaitSampler(sql);
  const writeMachine = machineMeter();
  const writing = await postForms(`${base}/en/letters/${SLUG}`, connections, seconds, (n) => {
    const { lng, values } = letterValues(n);
    const body = new URLSearchParams({ formToken, website: "", country: values.country.toLowerCase(), subject: values.subject, body: values.body, personal: values.personal, name: values.name, email: values.email, city: values.city, intent: "send" });
    for (const id of values.targets) body.append("targets", id);
    return { body, path: `/${lng}/letters/${SLUG}?country=${values.country.toLowerCase()}` };
  });
  const written = writing.statusCodeStats?.["302"]?.count ?? 0;
  // CPU over the same window as the letters stored in it (up to one in flight per connection is left out).
  const writeMachineUsed = writeMachine();
  const writeCpuUsed = writeCpu();
  const [inWindow] = await sql<{ n: string }[]>`select count(*) as n from letters`;
  const storedInWindow = Number(inWindow!.n);
  const writeLockWaits = await writeLocks();
  // Let requests still in flight when the clock stopped finish, then count at one instant.
  await sleep(2000);
  const [stored] = await sql<{ letters: string; confirmMails: string; recipients: string }[]>`
    select (select count(*) from letters) as letters,
           (select count(*) from outgoing_mails where template = 'letter-confirm') as "confirmMails",
           (select count(*) from letter_recipients) as recipients`;

  // 2. Confirming: the button on every written letter's confirm page, each link once.
  const pending = await sql<{ id: string; language: string }[]>`select id, language from letters where status = 'pending' order by id`;
  const links = pending.map((l) => `/confirm/${tokenOf(l.id)}?lng=${l.language}`);
  let next = 0;
  let done = 0;
  let lastAnswer = 0;
  const confirmStart = new Date();
  const confirmCpu = cpuMeter(server.pid!);
  const confirmMachine = machineMeter();
  // Read at the last answer: autocannon itself ends only on its next one-second tick.
  let confirmCpuUsed: ReturnType<typeof confirmCpu> | undefined;
  let confirmMachineUsed: ReturnType<typeof confirmMachine> | undefined;
  let answered = 0;
  const confirmLocks = lockWaitSampler(sql);
  const confirming =
    links.length === 0
      ? null
      : await autocannon({
          url: base,
          connections: Math.min(confirmConnections, links.length),
          amount: links.length,
          requests: [
            {
              method: "POST",
              setupRequest: (request) => ({ ...request, path: links[next++ % links.length]!, body: "", headers: { ...request.headers, "content-type": "application/x-www-form-urlencoded" } }),
              onResponse: (_status, _body, _context, headers) => {
                lastAnswer = Date.now();
                if (++answered === links.length) {
                  confirmCpuUsed = confirmCpu();
                  confirmMachineUsed = confirmMachine();
                }
                const location = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === "location")?.[1];
                if (/[?&]done\b/u.test(String(location ?? ""))) done++;
              },
            },
          ],
        });
  const confirmEnd = new Date();
  confirmCpuUsed ??= confirmCpu();
  confirmMachineUsed ??= confirmMachine();
  const confirmLockWaits = await confirmLocks();
  const seeOther = confirming?.statusCodeStats?.["303"]?.count ?? 0;
  const [afterHttp] = await sql<{ confirmed: string; letterMails: string; receipts: string }[]>`
    select (select count(*) from letters where status = 'confirmed') as confirmed,
           (select count(*) from outgoing_mails where template = 'letter') as "letterMails",
           (select count(*) from outgoing_mails where template = 'letter-receipt') as receipts`;
  const httpOutboxPerSecond = await perSecond("letter", confirmStart, confirmEnd);

  // 3. The same two steps in this process, without HTTP or Remix: what the services and PostgreSQL cost.
  const noCpu = { app: null, db: null, self: null } as { app: number | null; db: number | null; self: number | null };
  let directWrite = { letters: 0, seconds: 0, lockWaits: "n/a", cpu: noCpu };
  let directConfirm = { letters: 0, seconds: 0, letterMails: 0, lockWaits: "n/a", cpu: noCpu };
  if (directSeconds > 0) {
    const targetRows = new Map<string, Set<number>>();
    for (const code of COUNTRIES) targetRows.set(code, new Set((await campaignTargets(direct.db, campaign.campaign.id, code)).map((t) => t.id)));
    const ids: string[] = [];
    let m = 1_000_000;
    const startedAt = performance.now();
    const directWriteLocks = lockWaitSampler(sql);
    const directWriteCpu = cpuMeter(process.pid);
    const deadline = startedAt + directSeconds * 1000;
    await Promise.all(
      Array.from({ length: directConcurrency }, async () => {
        while (performance.now() < deadline) {
          const { lng, values } = letterValues(++m);
          const checked = validateLetter(values, values.country, targetRows.get(values.country)!, campaign.campaign.min_personal_chars);
          if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
          // A fresh client address per letter, as in the HTTP phase.
          const outcome = await writeLetter(direct.db, { campaignId: campaign.campaign.id, letter: checked.letter, lng, ipHash: randomBytes(16).toString("base64url"), secrets }, letters);
          if (outcome.kind !== "written") throw new Error(`writeLetter: ${outcome.kind}`);
          ids.push(outcome.letterId);
        }
      }),
    );
    directWrite = { letters: ids.length, seconds: (performance.now() - startedAt) / 1000, cpu: directWriteCpu(), lockWaits: await directWriteLocks() };

    const [before] = await sql<{ n: string }[]>`select count(*) as n from outgoing_mails where template = 'letter'`;
    let i = 0;
    const confirmStartedAt = performance.now();
    const directConfirmLocks = lockWaitSampler(sql);
    const directConfirmCpu = cpuMeter(process.pid);
    await Promise.all(
      Array.from({ length: directConcurrency }, async () => {
        while (i < ids.length) {
          const outcome = await confirmLetter(direct.db, tokenOf(ids[i++]!), { secrets, now: new Date(), apply: true, config: letters });
          if (outcome.kind !== "confirmed") throw new Error(`confirmLetter: ${outcome.kind}`);
        }
      }),
    );
    const seconds = (performance.now() - confirmStartedAt) / 1000;
    const cpu = directConfirmCpu();
    const lockWaits = await directConfirmLocks();
    const [after] = await sql<{ n: string }[]>`select count(*) as n from outgoing_mails where template = 'letter'`;
    directConfirm = { letters: ids.length, seconds, letterMails: Number(after!.n) - Number(before!.n), lockWaits, cpu };
  }

  // Counts: whatever the server's counting job has not folded yet is folded here; then the counter equals the confirmed letters.
  while ((await applyCountChanges(direct.db)) > 0);
  const [counts] = await sql<{ counted: string; confirmed: string }[]>`
    select coalesce((select sum(confirmed) from letter_counts), 0) as counted, (select count(*) from letters where status = 'confirmed') as confirmed`;

  // The check: every confirmed letter has one 'letter' row per recipient, to that target, Reply-To its
  // sender, linked from letter_recipients, and one receipt to its sender; pending letters have none.
  const [check] = await sql<Record<"confirmed" | "correct" | "recipients" | "letterMails" | "strayMails" | "pendingWithMail" | "lettersWithoutConfirmMail", string>[]>`
    with mails as (
      select split_part(idempotency_key, ':', 2)::bigint as letter_id, template, recipient, reply_to, id, idempotency_key
      from outgoing_mails where template in ('letter', 'letter-receipt', 'letter-confirm')
    ),
    per_letter as (
      select l.id, l.status,
        (select count(*) from letter_recipients r where r.letter_id = l.id) as recipients,
        (select count(*) from letter_recipients r
           join targets t on t.id = r.target_id
           join mails m on m.id = r.outgoing_mail_id
          where r.letter_id = l.id and m.template = 'letter' and m.recipient = t.email and m.reply_to = l.sender_email
            and m.idempotency_key = 'letter:' || l.id || ':' || r.target_id) as linked,
        (select count(*) from mails m where m.letter_id = l.id and m.template = 'letter') as letter_mails,
        (select count(*) from mails m where m.letter_id = l.id and m.template = 'letter-receipt' and m.recipient = l.sender_email and m.reply_to is null) as receipts,
        (select count(*) from mails m where m.letter_id = l.id and m.template = 'letter-confirm' and m.recipient = l.sender_email) as confirm_mails
      from letters l
    )
    select
      count(*) filter (where status = 'confirmed') as confirmed,
      count(*) filter (where status = 'confirmed' and recipients > 0 and linked = recipients and letter_mails = recipients and receipts = 1) as correct,
      coalesce(sum(recipients) filter (where status = 'confirmed'), 0) as recipients,
      (select count(*) from mails where template = 'letter') as "letterMails",
      (select count(*) from mails m where m.template in ('letter', 'letter-receipt') and not exists (select 1 from letters l where l.id = m.letter_id and l.status = 'confirmed')) as "strayMails",
      count(*) filter (where status <> 'confirmed' and (letter_mails > 0 or receipts > 0)) as "pendingWithMail",
      count(*) filter (where confirm_mails <> 1) as "lettersWithoutConfirmMail"
    from per_letter`;

  // autocannon's run ends on its next one-second tick; the confirming ends with the last answer.
  const confirmSeconds = confirming ? (lastAnswer - confirmStart.getTime()) / 1000 : 0;
  const httpLetterMails = Number(afterHttp!.letterMails);
  const confirmsPerSecond = confirming ? seeOther / confirmSeconds : 0;
  const writesPerSecond = writing.requests.average;
  // Other work on the machine (a test run, a browser) changes these figures more than anything here.
  console.log(`\nload average (1 min): ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`);
  console.log(`PostgreSQL, one app process (database pool ${serverEnv.DATABASE_POOL_SIZE}); letters to ${COUNTRIES.join(", ")}; write: ${connections} connections for ${seconds} s; confirm: ${confirmConnections} connections, each written letter once\n`);
  console.log(row("", "req/s", "p50 ms", "p99 ms", "errors", "app ms", "PG ms"));
  // CPU per request: every letter stored during the phase (some answered after the clock stopped).
  console.log(row("POST write letter (302 = written)", writesPerSecond.toFixed(0), writing.latency.p50, writing.latency.p99, writing.errors + writing.non2xx - written, msPer(writeCpuUsed.app, storedInWindow), msPer(writeCpuUsed.db, storedInWindow)));
  if (confirming) {
    console.log(row("POST confirm link (303)", confirmsPerSecond.toFixed(0), confirming.latency.p50, confirming.latency.p99, confirming.errors + confirming.non2xx - seeOther, msPer(confirmCpuUsed.app, seeOther), msPer(confirmCpuUsed.db, seeOther)));
  }
  const machine = (label: string, used: ReturnType<ReturnType<typeof machineMeter>>, cpu: ReturnType<ReturnType<typeof cpuMeter>>) => {
    if (!used) return;
    const cores = (seconds: number | null) => (seconds === null ? "n/a" : (seconds / used.seconds).toFixed(2));
    console.log(
      `  ${label}: ${used.busyCores.toFixed(2)} of 2 cores busy: app process ${cores(cpu.app)}, PostgreSQL ${cores(cpu.db)}, autocannon and this script ${cores(cpu.self)}, anything else the rest; ${used.stealCores.toFixed(2)} stolen`,
    );
  };
  console.log("(app ms / PG ms: CPU of the app process / of all PostgreSQL processes per request)");
  machine("writing", writeMachineUsed, writeCpuUsed);
  console.log(`  writing: backends waiting on a lock: ${writeLockWaits}`);
  if (confirming) {
    machine("confirming", confirmMachineUsed, confirmCpuUsed);
    console.log(`  confirming: backends waiting on a lock: ${confirmLockWaits}`);
  }
  console.log(`\nwritten (302): ${written}; letters stored: ${stored!.letters} (${stored!.recipients} recipients); confirmation mails queued: ${stored!.confirmMails}`);
  console.log(
    `confirm POSTs: ${seeOther} answered 303 in ${confirmSeconds.toFixed(1)} s (${done} newly confirmed); letters confirmed: ${afterHttp!.confirmed}; ` +
      `outbox 'letter' rows: ${httpLetterMails} (${(httpLetterMails / Number(afterHttp!.confirmed || 1)).toFixed(2)} per letter), receipts: ${afterHttp!.receipts}`,
  );
  console.log(
    `→ letters confirmed into the outbox: ${confirmsPerSecond.toFixed(0)}/s; outbox 'letter' rows created: ${(httpLetterMails / (confirmSeconds || 1)).toFixed(0)}/s ` +
      `(per full second ${httpOutboxPerSecond.min}–${httpOutboxPerSecond.max}); receipts ${(Number(afterHttp!.receipts) / (confirmSeconds || 1)).toFixed(0)}/s`,
  );
  if (confirming) {
    const both = 1 / (1 / writesPerSecond + 1 / confirmsPerSecond);
    console.log(`→ one process doing both steps for every letter: ~${both.toFixed(0)} letters/s end to end (from the two rates above)`);
  }
  if (directSeconds > 0) {
    console.log(`\nIn-process services, ${directConcurrency} concurrent callers, pool ${directConcurrency} (no HTTP, no Remix; app ms = this process):`);
    console.log(row("", "letters/s", "letters", "seconds", "app ms", "PG ms", "  waiting on a lock"));
    const directRow = (label: string, r: typeof directWrite) =>
      row(label, (r.letters / r.seconds).toFixed(0), r.letters, r.seconds.toFixed(1), msPer(r.cpu.app, r.letters), msPer(r.cpu.db, r.letters), `  ${r.lockWaits}`);
    console.log(directRow("writeLetter", directWrite));
    console.log(directRow("confirmLetter", directConfirm));
    console.log(row("  outbox 'letter' rows", (directConfirm.letterMails / directConfirm.seconds).toFixed(0), directConfirm.letterMails));
  }
  console.log(
    `\ncheck: ${check!.correct} of ${check!.confirmed} confirmed letters have exactly one 'letter' row per target (to the target, Reply-To the sender, linked from letter_recipients) and one receipt; ` +
      `${check!.recipients} recipients, ${check!.letterMails} 'letter' rows; rows for unconfirmed letters: ${check!.strayMails}; ` +
      `unconfirmed letters with target mail: ${check!.pendingWithMail}; letters without exactly one confirmation mail: ${check!.lettersWithoutConfirmMail}; ` +
      `counted: ${counts!.counted} of ${counts!.confirmed} confirmed`,
  );
  const unanswered = Number(stored!.letters) - written;
  const mismatch =
    check!.correct !== check!.confirmed ||
    check!.recipients !== check!.letterMails ||
    counts!.counted !== counts!.confirmed ||
    Number(check!.strayMails) > 0 ||
    Number(check!.pendingWithMail) > 0 ||
    Number(check!.lettersWithoutConfirmMail) > 0 ||
    unanswered < 0 ||
    unanswered > connections ||
    seeOther !== links.length ||
    done !== links.length ||
    Number(afterHttp!.confirmed) !== links.length;
  writeResults({
    connections,
    seconds,
    write: { requestsPerSecond: writesPerSecond, p50: writing.latency.p50, p99: writing.latency.p99 },
    confirm: confirming ? { requestsPerSecond: confirmsPerSecond, p50: confirming.latency.p50, p99: confirming.latency.p99 } : null,
    directWritePerSecond: directSeconds > 0 ? directWrite.letters / directWrite.seconds : null,
    directConfirmPerSecond: directSeconds > 0 ? directConfirm.letters / directConfirm.seconds : null,
    consistent: !mismatch,
  });
  if (mismatch) {
    console.error("MISMATCH: every written letter must be one row with one confirmation mail, every confirm link one confirmed letter, and every confirmed letter one outbox row per target and one receipt, and counted once");
    process.exitCode = 1;
  }
} finally {
  await direct.close();
  await sql.end();
  await stopBenchServer(server);
  await cleanup();
}
