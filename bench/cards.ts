/**
 * Share cards: the cold drawing (SVG composed with the fonts' measures, drawn by resvg) per
 * language and kind of card, median and p95 over `--samples` drawings in this process; then the
 * production server on a fresh database: the first request of each card (read, drawn, stored),
 * cached requests per second with autocannon (200s, and 304s for a client holding the ETag), and
 * the server's resident memory. Usage: `npm run bench:cards [-- --samples 5 --seconds 5]`.
 * Uses DATABASE_URL (a fresh database is created beside it) or a temporary PGlite folder.
 */
import autocannon from "autocannon";
import { readFileSync } from "node:fs";
import { SUPPORTED_LANGUAGES, type Language } from "../app/lib/i18n/languages";
import { formatNumber } from "../app/lib/i18n/format";
import { countryNameOverrides, serverT } from "../app/lib/i18n/translate.server";
import { shareCardPath } from "../app/lib/share/card-paths";
import { countryName } from "../app/modules/country/country-names";
import { countryOutline } from "../app/modules/country/world-map.server";
import { SHAPE_BOX, STATUS_COLORS, type CardContent } from "../app/modules/share/card-svg";
import { drawCard } from "../app/modules/share/share-card.service.server";
import { arg, freshDatabaseEnv, row, seedDemo, startBenchServer, stopBenchServer, writeResults } from "./support";

const samples = arg("samples", 5);
const seconds = arg("seconds", 5);
const connections = arg("connections", 10);
const port = arg("port", 3911);
const KINDS = ["petition", "letter", "country", "site"] as const;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const rssMb = (pid: number | "self") => Number(/VmRSS:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN) / 1024;

/** A card of each kind as the pages show it, with a long title so the wrapping works too. */
function sampleCard(lng: Language, kind: (typeof KINDS)[number]): CardContent {
  const t = serverT(lng);
  const demo = JSON.parse(readFileSync("db/seeds/demo/petitions.json", "utf8")).petitions[0].texts as Record<string, { title: string }>;
  const title = demo[lng]?.title ?? demo.en!.title;
  switch (kind) {
    case "petition":
    case "letter":
      return {
        kind: "campaign",
        title,
        figure: { value: formatNumber(lng, 12_000), label: t(kind === "petition" ? "share:card.petition.signatures" : "share:card.letter.letters", { count: 12_000 }) },
        progress: { fraction: 0.24, text: t("share:card.goal", { goal: formatNumber(lng, 50_000) }) },
        call: t(`share:card.${kind}.call`),
      };
    case "country":
      return {
        kind: "country",
        name: countryName(lng, "RU", countryNameOverrides(lng)),
        badge: { text: t("countries:status.signed"), color: STATUS_COLORS.signed },
        summary: t("share:card.country.summary.signed"),
        shape: { path: countryOutline("RUS", SHAPE_BOX.width, SHAPE_BOX.height) ?? "", color: STATUS_COLORS.signed },
      };
    case "site":
      return { kind: "site", question: t("common:home.question"), figure: { value: formatNumber(lng, 30), label: t("share:card.site.signatories", { count: 30 }) } };
  }
}

// 1. Cold drawings in this process (after one drawing per language to open the fonts).
const cold: { lng: string; kind: string; medianMs: number; p95Ms: number; kb: number }[] = [];
for (const lng of SUPPORTED_LANGUAGES) await drawCard(lng, sampleCard(lng, "site"));
console.log(`cold drawing, ${samples} samples each (ms)\n${row("card", "median", "p95", "KB")}`);
for (const lng of SUPPORTED_LANGUAGES) {
  for (const kind of KINDS) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      bytes = (await drawCard(lng, sampleCard(lng, kind))).png.byteLength;
      times.push(performance.now() - started);
    }
    const result = { lng, kind, medianMs: percentile(times, 50), p95Ms: percentile(times, 95), kb: bytes / 1024 };
    cold.push(result);
    console.log(row(`${lng} ${kind}`, result.medianMs.toFixed(0), result.p95Ms.toFixed(0), result.kb.toFixed(0)));
  }
}
const drawingRssMb = rssMb("self");

// 2. Through the production server.
const { env, cleanup } = await freshDatabaseEnv();
const server = await startBenchServer(port, env);
const base = `http://127.0.0.1:${port}`;
try {
  if (env.DATABASE_URL) seedDemo(env);
  const subjects = {
    petition: { kind: "petition", slug: "stop-the-cybercrime-convention" },
    letter: { kind: "letter", slug: "write-to-your-government" },
    country: { kind: "country", code3: "rus" },
    site: { kind: "site" },
  } as const;
  const first: { lng: string; kind: string; ms: number }[] = [];
  for (const lng of SUPPORTED_LANGUAGES) {
    for (const kind of KINDS) {
      const started = performance.now();
      const response = await fetch(`${base}${shareCardPath(lng, subjects[kind])}`);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${lng} ${kind}: ${response.status}`);
      first.push({ lng, kind, ms: performance.now() - started });
    }
  }
  const firstMs = first.map((f) => f.ms);
  console.log(`\nfirst request of each card through the server (read, drawn, stored): median ${percentile(firstMs, 50).toFixed(0)} ms, p95 ${percentile(firstMs, 95).toFixed(0)} ms`);

  const path = shareCardPath("ar", subjects.petition);
  const etag = (await fetch(`${base}${path}`)).headers.get("etag") ?? "";
  const load = async (headers: Record<string, string>) => {
    await autocannon({ url: `${base}${path}`, connections, duration: 1, headers });
    const result = await autocannon({ url: `${base}${path}`, connections, duration: seconds, headers });
    return { requestsPerSecond: result.requests.total / seconds, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, statuses: { ok: result["2xx"], notModified: result["3xx"] } };
  };
  const cached = await load({});
  const revalidated = await load({ "if-none-match": etag });
  const serverRssMb = server.pid ? rssMb(server.pid) : NaN;
  console.log(`\ncached card ${path}, ${connections} connections, ${seconds} s\n${row("", "req/s", "p50 ms", "p99 ms", "errors")}`);
  console.log(row("200 (PNG)", cached.requestsPerSecond.toFixed(0), cached.p50, cached.p99, cached.errors));
  console.log(row("304 (If-None-Match)", revalidated.requestsPerSecond.toFixed(0), revalidated.p50, revalidated.p99, revalidated.errors));
  console.log(`\nresident memory: this process after ${cold.length * samples} drawings ${drawingRssMb.toFixed(0)} MB; server after the load ${serverRssMb.toFixed(0)} MB`);
  writeResults({ database: env.DATABASE_URL ? "postgres" : "pglite", samples, seconds, connections, cold, first, cached, revalidated, drawingRssMb, serverRssMb });
} finally {
  await stopBenchServer(server);
  await cleanup();
}
