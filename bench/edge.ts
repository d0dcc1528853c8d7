/**
 * Public pages through nginx (deploy/nginx.conf, Debian's /usr/sbin/nginx) against the app alone:
 * one production app process on a fresh PostgreSQL database with the demo content, nginx in front
 * with the same generated configuration as tests/server/edge-proxy.test.ts. Measures, as fast as
 * answered, page views/s and p99 of the petition page, a country page and the home page through
 * nginx and directly; then the 5 × surge of bench/surge.ts (the same offered load, visitors from 40
 * countries) through nginx and directly, with people signing at 50/s beside it.
 * Usage: `npm run build && DATABASE_URL=… npm run bench:edge [-- --seconds 10 --normal-rps 200]`.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { startEdgeProxy, NGINX } from "../tests/support/edge-proxy";
import { arg, freshDatabaseEnv, row, runLoad, seedDemo, startBenchServer, stopBenchServer, writeResults, type LoadResult } from "./support";

const SLUG = "stop-the-cybercrime-convention";
const PAGES = [`/en/petitions/${SLUG}`, "/en/countries/fra", "/en"];
// The visitor countries of bench/surge.ts: one copy of the page serves them all now.
const LANGUAGES = [
  "fr-FR", "de-DE", "pt-BR", "en-NG", "hi-IN", "en-US", "es-MX", "ar-EG", "ru-RU", "zh-CN", "es-ES", "it-IT", "nl-NL", "pl-PL",
  "sv-SE", "fi-FI", "da-DK", "nb-NO", "cs-CZ", "hu-HU", "ro-RO", "el-GR", "tr-TR", "ja-JP", "ko-KR", "id-ID", "th-TH", "vi-VN",
  "uk-UA", "he-IL", "fa-IR", "ur-PK", "bn-BD", "sw-KE", "en-ZA", "en-AU", "en-CA", "es-AR", "es-CO", "ar-MA",
];

export interface EdgeOptions {
  seconds: number;
  /** Connections of the as-fast-as-answered runs. */
  connections: number;
  /** The normal load of bench/surge.ts; the surge run offers 5 × this. */
  normalRps: number;
  signRps: number;
  appPort: number;
  /** A port in 4150–4199 is found when unset. */
  nginxPort?: number;
}

export interface EdgePageRow {
  path: string;
  via: "nginx" | "app";
  views: LoadResult;
  /** What made the load: wrk (Debian's package) when installed, as it costs far less CPU than autocannon on a shared machine. */
  generator: "wrk" | "autocannon";
}

const WRK = "/usr/bin/wrk";

/** The same as-fast-as-answered page load through wrk (two threads), read from its latency report; gzip accepted. */
function wrkLoad(url: string, connections: number, seconds: number): LoadResult {
  const run = spawnSync(WRK, ["-t2", `-c${connections}`, `-d${seconds}s`, "--latency", "-H", "Accept-Encoding: gzip", url], { encoding: "utf8" });
  const out = run.stdout ?? "";
  const number = (pattern: RegExp) => Number(pattern.exec(out)?.[1] ?? Number.NaN);
  const ms = (pattern: RegExp) => {
    const match = pattern.exec(out);
    if (!match) return Number.NaN;
    const value = Number(match[1]);
    return match[2] === "us" ? value / 1000 : match[2] === "s" ? value * 1000 : value;
  };
  const total = number(/(\d+) requests in/u);
  const errors = number(/Non-2xx or 3xx responses: (\d+)/u) || 0;
  return {
    requestsPerSecond: number(/Requests\/sec:\s+([\d.]+)/u),
    total,
    p50: Math.round(ms(/50%\s+([\d.]+)(us|ms|s)/u)),
    p99: Math.round(ms(/99%\s+([\d.]+)(us|ms|s)/u)),
    errors,
    ok: total - errors,
  };
}

export interface EdgeSurgeRow {
  label: string;
  via: "nginx" | "app";
  offered: number;
  views: LoadResult;
  signing: LoadResult;
}

export interface EdgeResults {
  seconds: number;
  connections: number;
  normalRps: number;
  signRps: number;
  countries: number;
  edgeCacheSeconds: number;
  pages: EdgePageRow[];
  surge: EdgeSurgeRow[];
}

/** Runs the whole measurement on a fresh database (DATABASE_URL's server, or PGlite) and returns its rows. */
export async function measureEdge(options: EdgeOptions): Promise<EdgeResults> {
  if (!existsSync(NGINX)) throw new Error(`bench:edge needs nginx (${NGINX}): apt-get install nginx`);
  const { seconds, connections, normalRps, signRps, appPort } = options;
  const { env, cleanup } = await freshDatabaseEnv();
  // nginx is on loopback: the load's own X-Forwarded-For (a distinct address per signer) passes through.
  const serverEnv = { ...env, MAIL_WORKER: "off", TRUST_PROXY: "loopback" };
  const edgeCacheSeconds = Number(process.env.EDGE_CACHE_SECONDS ?? 30);
  const server = await startBenchServer(appPort, serverEnv);
  const app = `http://127.0.0.1:${appPort}`;
  const proxy = await startEdgeProxy({ upstreams: [`127.0.0.1:${appPort}`], workers: "auto", accessLog: false, ...(options.nginxPort ? { port: options.nginxPort } : {}) });
  try {
    if (env.DATABASE_URL) seedDemo(serverEnv);
    const page = await (await fetch(`${app}/en/petitions/${SLUG}`)).text();
    const formToken = /name="formToken" value="([^"]+)"/u.exec(page)?.[1];
    if (!formToken) throw new Error("no form token on the petition page");
    // Older than the minimum fill time: the signers are people.
    await new Promise((resolve) => setTimeout(resolve, 2100));

    const pages: EdgePageRow[] = [];
    const generator = existsSync(WRK) ? "wrk" : "autocannon";
    for (const path of PAGES) {
      for (const [via, base] of [["app", app], ["nginx", proxy.base]] as const) {
        // Warm up: the JIT, the in-process caches, nginx's copy.
        await runLoad({ kind: "get", url: `${base}${path}`, connections, seconds: 2, languages: LANGUAGES });
        const views = generator === "wrk" ? wrkLoad(`${base}${path}`, connections, seconds) : await runLoad({ kind: "get", url: `${base}${path}`, connections, seconds, languages: LANGUAGES });
        pages.push({ path, via, views, generator });
      }
    }

    const surge: EdgeSurgeRow[] = [];
    let tag = 10;
    for (const [via, base] of [["nginx", proxy.base], ["app", app]] as const) {
      const offered = normalRps * 5;
      const startAt = Date.now() + 2000;
      const [views, signing] = await Promise.all([
        runLoad({ kind: "get", url: `${base}/en/petitions/${SLUG}`, connections: Math.min(200, Math.max(20, Math.ceil(offered / 10))), seconds, rate: offered, languages: LANGUAGES, startAt }),
        runLoad({ kind: "sign", url: `${base}/en/petitions/${SLUG}`, connections: 10, seconds, rate: signRps, formToken, tag: tag++, startAt }),
      ]);
      surge.push({ label: `5 × load ${via === "nginx" ? "through nginx" : "on the app alone (surge mode auto)"}`, via, offered, views, signing });
    }
    const errors = proxy.errorLog().split("\n").filter((line) => /\[(error|crit|alert|emerg)\]/u.test(line));
    if (errors.length > 0) console.warn(`nginx logged ${errors.length} errors, e.g.: ${errors[0]}`);
    return { seconds, connections, normalRps, signRps, countries: LANGUAGES.length, edgeCacheSeconds, pages, surge };
  } finally {
    await proxy.stop();
    await stopBenchServer(server);
    await cleanup();
  }
}

const runDirectly = process.argv[1]?.endsWith("edge.ts") ?? false;
if (runDirectly) {
  if (!process.env.DATABASE_URL) {
    console.error("bench:edge measures PostgreSQL: set DATABASE_URL.");
    process.exit(2);
  }
  const results = await measureEdge({
    seconds: arg("seconds", 10),
    connections: arg("connections", 50),
    normalRps: arg("normal-rps", 200),
    signRps: arg("sign-rps", 50),
    appPort: arg("port", 4100),
    ...(process.argv.includes("--nginx-port") ? { nginxPort: arg("nginx-port", 4150) } : {}),
  });
  console.log(`\nPublic pages, ${results.connections} connections, ${results.seconds} s each, as fast as answered (${results.countries} visitor countries)\n`);
  console.log(row("page", "via", "views/s", "p50 ms", "p99 ms", "errors"));
  for (const r of results.pages) console.log(row(r.path, r.via, r.views.requestsPerSecond.toFixed(0), r.views.p50, r.views.p99, r.views.errors));
  console.log(`\n5 × surge (offered ${results.normalRps * 5}/s), signing at ${results.signRps}/s beside it\n`);
  console.log(row("", "offered/s", "views/s", "p50 ms", "p99 ms", "errors", "signed/s", "sign p99", "sign err"));
  for (const r of results.surge) {
    console.log(row(r.label, r.offered, r.views.requestsPerSecond.toFixed(0), r.views.p50, r.views.p99, r.views.errors, r.signing.requestsPerSecond.toFixed(0), r.signing.p99, r.signing.errors));
  }
  writeResults(results);
}
