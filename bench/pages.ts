/**
 * Load test of the public pages: starts the production server on a fresh
 * database, then hits each page with autocannon and prints requests/s and
 * latency percentiles. Usage: `npm run bench:pages [-- --seconds 10 --connections 20]`.
 * Uses DATABASE_URL (a fresh database is created beside it) or a temporary PGlite folder.
 */
import autocannon from "autocannon";
import { arg, freshDatabaseEnv, seedDemo, startBenchServer, stopBenchServer, writeResults } from "./support";

const seconds = arg("seconds", 10);
const connections = arg("connections", 20);
const port = arg("port", 3456);

const PAGES = ["/en/petitions/stop-the-cybercrime-convention", "/en/countries/fra", "/en/countries", "/ar", "/api/v1/countries", "/api/v1/countries/deu"];

const { env, cleanup } = await freshDatabaseEnv();
const server = await startBenchServer(port, env);
const results: { path: string; requestsPerSecond: number; p50: number; p99: number; errors: number; kbPerRequest: number }[] = [];
try {
  // The embedded database gets the demo petition on its first start; PostgreSQL on request.
  if (env.DATABASE_URL) seedDemo(env);
  console.log(`database: ${env.DATABASE_URL ? "postgres" : "pglite"}; ${connections} connections, ${seconds} s per page\n`);
  console.log("page".padEnd(26) + "req/s".padStart(9) + "p50 ms".padStart(9) + "p99 ms".padStart(9) + "  errors  KB/req");
  for (const path of PAGES) {
    // Warm up caches (search index, map geometry) and the JIT before measuring.
    await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections, duration: 2, headers: { "accept-encoding": "gzip", "accept-language": "en" } });
    const result = await autocannon({
      url: `http://127.0.0.1:${port}${path}`,
      connections,
      duration: seconds,
      headers: { "accept-encoding": "gzip", "accept-language": "en" },
    });
    const kbPerRequest = result.throughput.total / Math.max(result.requests.total, 1) / 1024;
    results.push({ path, requestsPerSecond: result.requests.total / seconds, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx, kbPerRequest });
    console.log(
      path.padEnd(26) +
        result.requests.average.toFixed(0).padStart(9) +
        String(result.latency.p50).padStart(9) +
        String(result.latency.p99).padStart(9) +
        String(result.errors + result.non2xx).padStart(8) +
        kbPerRequest.toFixed(1).padStart(8),
    );
  }
  writeResults({ database: env.DATABASE_URL ? "postgres" : "pglite", connections, seconds, pages: results });
} finally {
  await stopBenchServer(server);
  await cleanup();
}
