/**
 * Surge mode under load: one app process on a fresh PostgreSQL database with the
 * demo petition, SURGE_THRESHOLD_RPS set to 1.5 × the normal load. Visitors from
 * many countries (a different Accept-Language each, so a different cached copy
 * each) open the petition page at a fixed offered rate: the normal load, then
 * 5 × that with surge mode forced off, then 5 × with the switch on "auto" (the
 * process turns surge mode on by itself once it serves more than the threshold),
 * then 5 × with the organizers' switch on. During the 5 × runs people keep signing
 * at a steady rate: signing must keep answering.
 * Usage: `DATABASE_URL=… npm run bench:surge [-- --normal-rps 200 --seconds 10]`.
 */
import postgres from "postgres";
import { arg, freshDatabaseEnv, row, runLoad, seedDemo, startBenchServer, stopBenchServer, writeResults, type LoadResult } from "./support";

if (!process.env.DATABASE_URL) {
  console.error("bench:surge measures PostgreSQL: set DATABASE_URL.");
  process.exit(2);
}
const normalRps = arg("normal-rps", 200);
const seconds = arg("seconds", 10);
const signRps = arg("sign-rps", 50);
const port = arg("port", 3465);
const SLUG = "stop-the-cybercrime-convention";
const base = `http://127.0.0.1:${port}`;
// 40 visitor countries: 40 copies of the page per cache life.
const LANGUAGES = [
  "fr-FR", "de-DE", "pt-BR", "en-NG", "hi-IN", "en-US", "es-MX", "ar-EG", "ru-RU", "zh-CN", "es-ES", "it-IT", "nl-NL", "pl-PL",
  "sv-SE", "fi-FI", "da-DK", "nb-NO", "cs-CZ", "hu-HU", "ro-RO", "el-GR", "tr-TR", "ja-JP", "ko-KR", "id-ID", "th-TH", "vi-VN",
  "uk-UA", "he-IL", "fa-IR", "ur-PK", "bn-BD", "sw-KE", "en-ZA", "en-AU", "en-CA", "es-AR", "es-CO", "ar-MA",
];

const { env, cleanup } = await freshDatabaseEnv();
const serverEnv = { ...env, MAIL_WORKER: "off", TRUST_PROXY: "loopback", SURGE_THRESHOLD_RPS: String(arg("threshold", normalRps * 1.5)), SURGE_SWITCH_POLL_MS: "1000" };
const server = await startBenchServer(port, serverEnv);
const sql = postgres(env.DATABASE_URL!, { max: 1, onnotice: () => {} });
const setSwitch = (value: string) => sql`insert into site_switches (name, value, changed_by) values ('surge', ${value}, 'bench') on conflict (name) do update set value = excluded.value`;
const surging = async () => ((await (await fetch(`${base}/healthz`)).json()) as { surge: boolean }).surge;

try {
  seedDemo(serverEnv);
  const page = await (await fetch(`${base}/en/petitions/${SLUG}`)).text();
  const formToken = /name="formToken" value="([^"]+)"/u.exec(page)?.[1];
  if (!formToken) throw new Error("no form token on the petition page");
  await new Promise((resolve) => setTimeout(resolve, 2100));

  const view = (rate: number) =>
    runLoad({ kind: "get", url: `${base}/en/petitions/${SLUG}`, connections: Math.min(200, Math.max(20, Math.ceil(rate / 10))), seconds, rate, languages: LANGUAGES, startAt: Date.now() + 2000 });
  const sign = (tag: number) =>
    runLoad({ kind: "sign", url: `${base}/en/petitions/${SLUG}`, connections: 10, seconds, rate: signRps, formToken, tag, startAt: Date.now() + 2000 });

  const runs: { label: string; offered: number; views: LoadResult; signing: LoadResult | null; surgeAtEnd: boolean }[] = [];
  await setSwitch("auto");
  const normal = await view(normalRps);
  runs.push({ label: "normal load, auto", offered: normalRps, views: normal, signing: null, surgeAtEnd: await surging() });

  await setSwitch("off");
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const [offViews, offSigning] = await Promise.all([view(normalRps * 5), sign(1)]);
  runs.push({ label: "5 × load, surge forced off", offered: normalRps * 5, views: offViews, signing: offSigning, surgeAtEnd: await surging() });

  await setSwitch("auto");
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const [autoViews, autoSigning] = await Promise.all([view(normalRps * 5), sign(2)]);
  runs.push({ label: "5 × load, auto", offered: normalRps * 5, views: autoViews, signing: autoSigning, surgeAtEnd: await surging() });

  await setSwitch("on");
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const [onViews, onSigning] = await Promise.all([view(normalRps * 5), sign(3)]);
  runs.push({ label: "5 × load, switch on", offered: normalRps * 5, views: onViews, signing: onSigning, surgeAtEnd: await surging() });

  console.log(`\nPetition page, ${LANGUAGES.length} visitor countries, ${seconds} s per run; SURGE_THRESHOLD_RPS=${serverEnv.SURGE_THRESHOLD_RPS}; signing at ${signRps}/s during the 5 × runs\n`);
  console.log(row("", "offered/s", "views/s", "p50 ms", "p99 ms", "errors", "signed/s", "sign p99", "surge"));
  for (const r of runs) {
    console.log(
      row(r.label, r.offered, r.views.requestsPerSecond.toFixed(0), r.views.p50, r.views.p99, r.views.errors, r.signing ? r.signing.requestsPerSecond.toFixed(0) : "", r.signing ? r.signing.p99 : "", r.surgeAtEnd ? "on" : "off"),
    );
  }
  const signingErrors = runs.reduce((sum, r) => sum + (r.signing?.errors ?? 0), 0);
  console.log(`\nsigning errors during the surge runs: ${signingErrors}`);
  writeResults({ normalRps, seconds, signRps, threshold: Number(serverEnv.SURGE_THRESHOLD_RPS), countries: LANGUAGES.length, runs });
} finally {
  await sql.end();
  await stopBenchServer(server);
  await cleanup();
}
