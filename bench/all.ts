/**
 * `npm run bench`: every benchmark in turn (pages, sign, letters, export, mail,
 * cluster, surge), each on a fresh database, then the results section of
 * docs/benchmarks.md (between the marker comments) is rewritten with the
 * machine, the date and each figure beside its goal and its ratio to the
 * previous run's (kept in bench/last-run.json, rewritten at the end).
 * Usage: `DATABASE_URL=postgres://… npm run bench [-- --seconds 10 --rows 1000000 --mails 5000 --normal-rps 200 --only sign,surge]`.
 * With the defaults the whole run takes about 8–10 minutes on a 2-core machine.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- figures read back from the JSON the benchmarks above wrote */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { arg, machineFacts } from "./support";

if (!process.env.DATABASE_URL) {
  console.error("npm run bench measures PostgreSQL: set DATABASE_URL (a fresh database is created there for each benchmark and dropped).");
  process.exit(2);
}
const seconds = arg("seconds", 10);
const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex > 0 ? new Set(process.argv[onlyIndex + 1]!.split(",")) : null;
const DOC = "docs/benchmarks.md";
/** Each goal's figure from the last run that measured it, for the ratio column. */
const LAST_RUN = "bench/last-run.json";
const START = "<!-- bench:results:start -->";
const END = "<!-- bench:results:end -->";

const short = Math.max(3, Math.round(seconds / 2));
const BENCHES: { name: string; args: string[] }[] = [
  { name: "pages", args: ["--seconds", String(short)] },
  { name: "sign", args: ["--seconds", String(seconds), "--page-seconds", String(short), "--pgbench-seconds", String(short)] },
  { name: "letters", args: ["--seconds", String(seconds), "--direct-seconds", String(short)] },
  { name: "export", args: ["--rows", String(arg("rows", 1_000_000))] },
  { name: "mail", args: ["--mails", String(arg("mails", 5000))] },
  { name: "cluster", args: ["--seconds", String(seconds), "--page-seconds", String(short)] },
  { name: "surge", args: ["--seconds", String(seconds), "--normal-rps", String(arg("normal-rps", 200))] },
  // Needs Debian's nginx (/usr/sbin/nginx) and the production build.
  { name: "edge", args: ["--seconds", String(short), "--normal-rps", String(arg("normal-rps", 200))] },
  // The signature log: confirmations with their queued entries, the append job, a checkpoint over a million entries, proofs.
  { name: "log", args: ["--entries", String(arg("log-entries", 1_000_000)), "--confirmations", String(arg("confirmations", 20_000)), "--proof-seconds", String(short)] },
];

const folder = mkdtempSync(join(tmpdir(), "tw-bench-all-"));
const machine = await machineFacts(process.env.DATABASE_URL);
const startedAt = new Date();
const results: Record<string, any> = {};
const failures: string[] = [];
for (const bench of BENCHES) {
  if (only && !only.has(bench.name)) continue;
  const json = join(folder, `${bench.name}.json`);
  console.log(`\n=== ${bench.name} ===`);
  const began = Date.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", `bench/${bench.name}.ts`, ...bench.args, "--json", json], { stdio: "inherit", env: process.env });
  if (run.status !== 0) failures.push(`${bench.name} (exit ${run.status})`);
  try {
    results[bench.name] = { ...JSON.parse(readFileSync(json, "utf8")), wallSeconds: (Date.now() - began) / 1000 };
  } catch {
    failures.push(`${bench.name}: no figures`);
  }
}
rmSync(folder, { recursive: true, force: true });
const loadAtEnd = loadavg()[0]!;

const n = (value: number | null | undefined, digits = 0) => (value === null || value === undefined || Number.isNaN(value) ? "n/a" : value.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const verdict = (met: boolean | null) => (met === null ? "n/a" : met ? "met" : "**not met**");
interface LastRun {
  figures: Record<string, { value: number; at: string }>;
}
const previous: LastRun = existsSync(LAST_RUN) ? (JSON.parse(readFileSync(LAST_RUN, "utf8")) as LastRun) : { figures: {} };
const figures: LastRun["figures"] = {};
const at = startedAt.toISOString().slice(0, 16).replace("T", " ");
/** This run's figure ÷ the previous run's (of the same label), e.g. "1.32 ×"; figures where lower is better read the same way. */
const ratioToPrevious = (label: string, value: number | null) => {
  const before = previous.figures[label];
  if (value === null || Number.isNaN(value)) return "n/a";
  figures[label] = { value, at };
  return before && before.value !== 0 ? `${(value / before.value).toFixed(2)} × (${n(before.value, before.value < 10 ? 2 : 0)}, ${before.at})` : "first run";
};
const lines: string[] = [];
lines.push(`Written by \`npm run bench\` on ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC (load seconds ${seconds}; whole run ${((Date.now() - startedAt.getTime()) / 60000).toFixed(1)} min).`);
lines.push("");
lines.push(`Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB memory, Node ${machine.node}, PostgreSQL ${machine.postgres} on loopback; load average ${machine.loadAverage.toFixed(1)} at the start, ${loadAtEnd.toFixed(1)} at the end${machine.loadAverage > machine.cores || loadAtEnd > machine.cores ? " (**other work was running: figures are depressed**)" : ""}.`);
if (failures.length > 0) lines.push("", `Failed or incomplete: ${failures.join(", ")}.`);
lines.push("", "### Goals", "", "| figure | measured | goal | | ÷ previous run (its figure, when) |", "|---|---:|---|---|---|");
/**
 * One line of the goals table. `value` is the figure the ratio is taken of (and kept for the next run);
 * any benchmark added to BENCHES reports its figures through this and gets the ratio column for free.
 */
const goal = (label: string, value: number | null, measured: string, target: string, met: boolean | null) =>
  lines.push(`| ${label} | ${measured} | ${target} | ${verdict(met)} | ${ratioToPrevious(label, value)} |`);
const sign = results.sign;
if (sign) {
  goal("signatures/s, one process", sign.sign.requestsPerSecond, n(sign.sign.requestsPerSecond), "≥ 1,000/s", sign.sign.requestsPerSecond >= 1000);
  goal("signing p99, one process", sign.sign.p99, `${sign.sign.p99} ms`, "< 250 ms", sign.sign.p99 < 250);
  // The database's own ceiling on this machine at this moment: what the figures above compare to.
  goal("pgbench single-row inserts/s, same run", sign.pgbenchInserts, n(sign.pgbenchInserts), "(ceiling)", null);
  if (sign.pgbenchInserts) goal("signatures/s ÷ pgbench inserts/s", sign.sign.requestsPerSecond / sign.pgbenchInserts, n(sign.sign.requestsPerSecond / sign.pgbenchInserts, 3), "(share of the ceiling)", null);
}
const cluster = results.cluster;
if (cluster) {
  const ratio = cluster.two.sign.requestsPerSecond / cluster.one.sign.requestsPerSecond;
  goal("signatures/s, two processes", cluster.two.sign.requestsPerSecond, n(cluster.two.sign.requestsPerSecond), "≥ 1,000/s, p99 < 250 ms", cluster.two.sign.requestsPerSecond >= 1000 && cluster.two.sign.p99 < 250);
  goal("signing, two processes ÷ one", ratio, `${ratio.toFixed(2)} ×`, "≥ 1.6 ×", ratio >= 1.6);
}
const pages = results.pages;
if (pages) {
  for (const page of pages.pages.filter((p: any) => /petitions|countries\/fra/u.test(p.path))) {
    goal(`\`${page.path}\` views/s (p99)`, page.requestsPerSecond, `${n(page.requestsPerSecond)} (${page.p99} ms)`, "≥ 2,000/s, p99 < 100 ms", page.requestsPerSecond >= 2000 && page.p99 < 100);
  }
}
const surge = results.surge;
if (surge) {
  for (const r of surge.runs.filter((x: any) => x.offered > surge.normalRps)) {
    goal(`petition page at 5 × load (${r.label.replace("5 × load, ", "")}), p99`, r.views.p99, `${r.views.p99} ms at ${n(r.views.requestsPerSecond)}/s of ${r.offered}/s offered`, "stays fast: p99 < 100 ms", r.views.p99 < 100);
  }
}
const edge = results.edge;
if (edge) {
  for (const page of edge.pages.filter((p: any) => p.via === "nginx")) {
    const alone = edge.pages.find((p: any) => p.via === "app" && p.path === page.path);
    const times = alone ? page.views.requestsPerSecond / alone.views.requestsPerSecond : null;
    goal(`\`${page.path}\` views/s through nginx (p99)`, page.views.requestsPerSecond, `${n(page.views.requestsPerSecond)} (${page.views.p99} ms), ${times === null ? "n/a" : `${times.toFixed(1)} ×`} the app alone`, "≥ 10 × the app alone", times === null ? null : times >= 10);
  }
  for (const r of edge.surge.filter((x: any) => x.via === "nginx")) {
    goal("petition page at 5 × load through nginx, p99", r.views.p99, `${r.views.p99} ms at ${n(r.views.requestsPerSecond)}/s of ${r.offered}/s offered, ${r.views.errors} errors, signing ${n(r.signing.requestsPerSecond)}/s`, "p99 < 100 ms, no error", r.views.p99 < 100 && r.views.errors === 0);
  }
}
const exp = results.export;
if (exp) {
  goal("export rows/s", exp.rowsPerSecond, n(exp.rowsPerSecond), "> 100,000/s", exp.rowsPerSecond > 100_000);
  goal("export peak RSS", exp.rssPeakMb, `${n(exp.rssPeakMb)} MB`, "< 200 MB", exp.rssPeakMb < 200);
}
const log = results.log;
if (log?.checkpoint) {
  const c = log.checkpoint;
  goal("log checkpoint over 1M entries (append + sign)", c.totalSeconds, `${n(c.totalSeconds, 1)} s for ${n(c.entries)} entries`, "< 30 s", c.totalSeconds < 30);
  // Flat: the peak after all entries is within 10 % (or 20 MB) of the peak after a tenth of them.
  const tenth = c.memory.atTenth?.rssMb ?? null;
  goal("log checkpoint peak RSS (a tenth → all entries)", c.memory.atEnd.rssMb, `${tenth === null ? "n/a" : n(tenth)} → ${n(c.memory.atEnd.rssMb)} MB`, "flat", tenth === null ? null : c.memory.atEnd.rssMb <= Math.max(tenth * 1.1, tenth + 20));
}
if (log?.proofs) {
  // Answered in under 10 ms: one client's wait, nothing queued before its request (the 20-connection run is throughput).
  const one = log.proofs.inclusion.oneClient ?? log.proofs.inclusion.http;
  goal("inclusion proof over 1M entries, HTTP p99 (one client)", one.p99, `${one.p99} ms (p50 ${one.p50} ms; 20 clients: ${n(log.proofs.inclusion.http.requestsPerSecond)}/s, p99 ${log.proofs.inclusion.http.p99} ms; service call p99 ${n(log.proofs.inclusion.call.p99, 2)} ms)`, "< 10 ms", one.p99 < 10);
}
if (log?.confirm) goal("log append job entries/s", log.confirm.head.drained.perSecond, n(log.confirm.head.drained.perSecond), "(drain of the confirmations)", null);
const mail = results.mail;
if (mail) {
  const three = mail.runs.find((r: any) => r.workers === 3);
  if (three) goal("mails/s, three workers", three.mailsPerSecond, n(three.mailsPerSecond), "≥ 500/s", three.mailsPerSecond >= 500);
}

if (pages) {
  lines.push("", `### Pages (\`bench/pages.ts\`, one process, ${pages.connections} connections, ${pages.seconds} s each)`, "", "| page | req/s | p50 ms | p99 ms | errors | KB/response (gzip) |", "|---|---:|---:|---:|---:|---:|");
  for (const p of pages.pages) lines.push(`| \`${p.path}\` | ${n(p.requestsPerSecond)} | ${p.p50} | ${p.p99} | ${p.errors} | ${n(p.kbPerRequest, 1)} |`);
}
if (sign) {
  lines.push("", `### Signing (\`bench/sign.ts\`, one process, pool ${sign.pool}, ${sign.connections} connections, ${sign.seconds} s)`, "", "| | req/s | p50 ms | p99 ms |", "|---|---:|---:|---:|");
  lines.push(`| POST sign (302) | ${n(sign.sign.requestsPerSecond)} | ${sign.sign.p50} | ${sign.sign.p99} |`);
  lines.push(`| GET petition page | ${n(sign.page.requestsPerSecond)} | ${sign.page.p50} | ${sign.page.p99} |`);
  lines.push(`| GET \`/api/v1/petitions/:slug\` | ${n(sign.api.requestsPerSecond)} | ${sign.api.p50} | ${sign.api.p99} |`);
  lines.push(`| pgbench single-row insert (ceiling) | ${n(sign.pgbenchInserts)} | | |`);
  lines.push("", `${n(sign.sign.signed)} answered 302, ${n(sign.sign.stored)} rows stored, ${n(sign.sign.mails)} confirmation mails queued; every success one row: ${sign.consistent ? "yes" : "**no**"}.`);
  if (sign.sign.batches) lines.push("", `Signatures per commit (group commit): mean ${n(sign.sign.batches.mean, 1)}, p50 ${sign.sign.batches.p50}, max ${sign.sign.batches.max}, over ${n(sign.sign.batches.count)} commits.`);
}
if (cluster) {
  lines.push("", `### Two app processes and two mail workers (\`bench/cluster.ts\`, ${cluster.connections} connections in all, one autocannon process per app port)`, "", "| | 1 process | 2 processes | ratio |", "|---|---:|---:|---:|");
  lines.push(`| signatures/s | ${n(cluster.one.sign.requestsPerSecond)} | ${n(cluster.two.sign.requestsPerSecond)} | ${(cluster.two.sign.requestsPerSecond / cluster.one.sign.requestsPerSecond).toFixed(2)} |`);
  lines.push(`| signing p99 ms | ${cluster.one.sign.p99} | ${cluster.two.sign.p99} | |`);
  lines.push(`| petition page views/s | ${n(cluster.one.page.requestsPerSecond)} | ${n(cluster.two.page.requestsPerSecond)} | ${(cluster.two.page.requestsPerSecond / cluster.one.page.requestsPerSecond).toFixed(2)} |`);
  lines.push(`| petition page p99 ms | ${cluster.one.page.p99} | ${cluster.two.page.p99} | |`);
  lines.push("", `${n(cluster.signedOk)} signatures answered 302, ${n(cluster.stored)} stored, ${n(cluster.mailsSent)} confirmation mails sent by the workers during the run; every success one row with one mail: ${cluster.consistent ? "yes" : "**no**"}; one client address through both processes meets one limit: ${cluster.rateLimitShared ? "yes" : "**no**"}.`);
}
if (surge) {
  lines.push("", `### Surge mode (\`bench/surge.ts\`, one process, petition page from ${surge.countries} visitor countries, ${surge.seconds} s per run, SURGE_THRESHOLD_RPS=${surge.threshold}, signing at ${surge.signRps}/s during the 5 × runs)`, "", "| run | offered/s | views/s | p50 ms | p99 ms | errors | signed/s | signing p99 ms | surge at the end |", "|---|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const r of surge.runs) {
    lines.push(`| ${r.label} | ${r.offered} | ${n(r.views.requestsPerSecond)} | ${r.views.p50} | ${r.views.p99} | ${r.views.errors} | ${r.signing ? n(r.signing.requestsPerSecond) : ""} | ${r.signing ? r.signing.p99 : ""} | ${r.surgeAtEnd ? "on" : "off"} |`);
  }
}
if (edge) {
  lines.push("", `### Through nginx (\`bench/edge.ts\`, deploy/nginx.conf in front of one process, EDGE_CACHE_SECONDS=${edge.edgeCacheSeconds}, ${edge.connections} connections, ${edge.seconds} s each; pages loaded by ${edge.pages[0]?.generator ?? "autocannon"} on the same machine)`, "", "| page | via | views/s | p50 ms | p99 ms | errors |", "|---|---|---:|---:|---:|---:|");
  for (const r of edge.pages) lines.push(`| \`${r.path}\` | ${r.via} | ${n(r.views.requestsPerSecond)} | ${r.views.p50} | ${r.views.p99} | ${r.views.errors} |`);
  lines.push("", `5 × surge (offered ${edge.normalRps * 5}/s from ${edge.countries} visitor countries), signing at ${edge.signRps}/s beside it:`, "", "| run | views/s | p50 ms | p99 ms | errors | signed/s | signing p99 ms |", "|---|---:|---:|---:|---:|---:|---:|");
  for (const r of edge.surge) lines.push(`| ${r.label} | ${n(r.views.requestsPerSecond)} | ${r.views.p50} | ${r.views.p99} | ${r.views.errors} | ${n(r.signing.requestsPerSecond)} | ${r.signing.p99} |`);
}
const letters = results.letters;
if (letters) {
  lines.push("", `### Letters (\`bench/letters.ts\`, one process, ${letters.connections} connections, ${letters.seconds} s)`, "", "| step | letters/s | p50 ms | p99 ms |", "|---|---:|---:|---:|");
  lines.push(`| POST write letter | ${n(letters.write.requestsPerSecond)} | ${letters.write.p50} | ${letters.write.p99} |`);
  if (letters.confirm) lines.push(`| POST confirm | ${n(letters.confirm.requestsPerSecond)} | ${letters.confirm.p50} | ${letters.confirm.p99} |`);
  lines.push(`| \`writeLetter\` / \`confirmLetter\` in-process | ${n(letters.directWritePerSecond)} / ${n(letters.directConfirmPerSecond)} | | |`);
  lines.push("", `Exactly-once check: ${letters.consistent ? "passed" : "**failed**"}.`);
}
if (exp) {
  lines.push("", "### Signature export (`bench/export.ts`)", "", "| rows | CSV | time | rows/s | first byte | server RSS before → peak |", "|---:|---:|---:|---:|---:|---|");
  lines.push(`| ${n(exp.rows)} | ${n(exp.megabytes, 1)} MB | ${n(exp.seconds, 1)} s | ${n(exp.rowsPerSecond)} | ${exp.firstByteMs} ms | ${n(exp.rssBeforeMb)} → ${n(exp.rssPeakMb)} MB |`);
}
if (mail) {
  lines.push("", "### Mail (`bench/mail.ts`, worker processes to a local SMTP sink)", "", "| workers | mails | wall s | mails/s | delivered | distinct Message-IDs |", "|---:|---:|---:|---:|---:|---:|");
  for (const r of mail.runs) lines.push(`| ${r.workers} | ${n(r.mails)} | ${n(r.seconds, 1)} | ${n(r.mailsPerSecond)} | ${n(r.received)} | ${n(r.distinctMessageIds)} |`);
}
if (log) {
  lines.push("", `### The signature log (\`bench/log.ts\`, ${log.database}; details in docs/benchmarks-log.md)`, "", "| | figure |", "|---|---:|");
  if (log.confirm) lines.push(`| confirmations/s with the log queue (${n(log.confirm.head.signatures ?? 0)} signatures) | ${n(log.confirm.head.perSecond)} |`, `| append job, entries/s | ${n(log.confirm.head.drained.perSecond)} |`);
  if (log.checkpoint) lines.push(`| ${n(log.checkpoint.entries)} entries: append / sign checkpoint | ${n(log.checkpoint.appendSeconds, 1)} s / ${n(log.checkpoint.publishSeconds, 2)} s |`);
  if (log.verify) lines.push(`| \`npm run verify\` over HTTP, whole log | ${n(log.verify.seconds, 1)} s, peak RSS ${n(log.verify.peakRssMb)} MB |`);
  if (log.proofs) lines.push(`| inclusion proof, HTTP req/s (p50 / p99 ms) | ${n(log.proofs.inclusion.http.requestsPerSecond)} (${log.proofs.inclusion.http.p50} / ${log.proofs.inclusion.http.p99}) |`, `| consistency proof, HTTP req/s (p50 / p99 ms) | ${n(log.proofs.consistency.http.requestsPerSecond)} (${log.proofs.consistency.http.p50} / ${log.proofs.consistency.http.p99}) |`);
}

const doc = readFileSync(DOC, "utf8");
const section = `${START}\n${lines.join("\n")}\n${END}`;
const begin = doc.indexOf(START);
const end = doc.indexOf(END);
const updated = begin >= 0 && end > begin ? doc.slice(0, begin) + section + doc.slice(end + END.length) : doc.replace(/\n## /u, `\n## Latest full run (\`npm run bench\`)\n\n${section}\n\n## `);
writeFileSync(DOC, updated);
// Figures this run did not measure (`--only`) keep their last value, so their ratio still has a base next time.
writeFileSync(LAST_RUN, `${JSON.stringify({ figures: { ...previous.figures, ...figures } }, null, 2)}\n`);
console.log(`\n${lines.join("\n")}\n\n${DOC} updated.`);
if (failures.length > 0) process.exitCode = 1;
