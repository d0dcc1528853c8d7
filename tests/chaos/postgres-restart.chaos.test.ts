import postgres from "postgres";
import { describe, expect, it } from "vitest";
import {
  agedFormToken,
  attempt,
  DEMO_SLUG,
  freePort,
  freshDatabase,
  kill,
  missingSignatures,
  percentile,
  postgresBinDir,
  sign,
  signatureInvariants,
  sleep,
  spawnApp,
  startLoad,
  startPrivateCluster,
  tally,
  waitReady,
  type Attempt,
} from "./support";

const binDir = postgresBinDir();
/** How long PostgreSQL stays down (CHAOS_PG_DOWN_SECONDS). */
const DOWN_MS = Number(process.env.CHAOS_PG_DOWN_SECONDS || 5) * 1000;
/** A request that takes longer than this counts as hung. */
const HANG_MS = 10_000;

/**
 * PostgreSQL goes away under load and comes back. The machine's server is shared,
 * so the test starts a cluster of its own (initdb into a temporary folder, a free
 * port) and stops it with `pg_ctl -m immediate` — a crash as far as the app can
 * tell: every connection drops, recovery runs on the next start. While it is down,
 * pages and forms must answer 503 with Retry-After quickly (no hang, no 500) and
 * /readyz must say so; once it is back, the same app process serves again.
 */
describe.runIf(Boolean(process.env.DATABASE_URL) && binDir !== null)("PostgreSQL restarted under load", () => {
  it("answers 503 while it is down, then recovers without a restart and keeps what it acknowledged", async () => {
    const cluster = await startPrivateCluster(binDir!);
    const database = await freshDatabase(cluster.url);
    const port = await freePort();
    // Pages read the database on every request: no replayed page may hide the outage, not even
    // surge mode's (a fast machine reaches its threshold with these eight clients).
    const app = spawnApp(port, { DATABASE_URL: database.url, MAIL_WORKER: "off", TRUST_PROXY: "loopback", PAGE_CACHE_MS: "0", PETITION_CACHE_MS: "0", SURGE_THRESHOLD_RPS: "0" });
    const readiness: { at: number; doneAt: number; status: number | null; body: string }[] = [];
    let probing = true;
    try {
      await waitReady(app);
      const formToken = await agedFormToken(app.base);
      const probe = (async () => {
        while (probing) {
          const at = Date.now();
          try {
            const response = await fetch(`${app.base}/readyz`, { signal: AbortSignal.timeout(HANG_MS) });
            readiness.push({ at, status: response.status, body: await response.text(), doneAt: Date.now() });
          } catch (error) {
            readiness.push({ at, status: null, body: String(error), doneAt: Date.now() });
          }
          await sleep(100);
        }
      })();

      // Half the clients sign, half read the petition page.
      const step = (client: number): Promise<Attempt> =>
        client % 2 === 0
          ? sign(app.base, formToken)
          : attempt("page", "", [200], (signal) => fetch(`${app.base}/en/petitions/${DEMO_SLUG}`, { signal }), HANG_MS);
      const load = startLoad(8, step);
      await sleep(2000);
      const downAt = Date.now();
      cluster.stop("immediate");
      await sleep(DOWN_MS);
      const upAt = Date.now();
      cluster.start();
      const startedAt = Date.now();
      // The same process must find its way back: no restart, no signal.
      let recoveredAt: number | null = null;
      while (Date.now() - startedAt < 30_000) {
        const ok = readiness.filter((r) => r.at > startedAt && r.status === 200);
        const signedAgain = load.attempts.filter((a) => a.kind === "sign" && a.outcome === "ok" && a.at > startedAt);
        if (ok.length > 0 && signedAgain.length > 0) {
          recoveredAt = Math.max(ok[0]!.at, signedAgain[0]!.at + signedAgain[0]!.ms);
          break;
        }
        await sleep(100);
      }
      await sleep(2000);
      const attempts = await load.stop();
      probing = false;
      await probe;

      const during = attempts.filter((a) => a.at >= downAt + 200 && a.at + a.ms <= upAt);
      const readyDuring = readiness.filter((r) => r.at >= downAt + 200 && r.doneAt <= upAt);
      const figures = tally(attempts);
      const duringFigures = tally(during);
      const sql = postgres(database.url, { max: 1, onnotice: () => {} });
      const signed = attempts.filter((a) => a.kind === "sign" && a.outcome === "ok").map((a) => a.key);
      const lost = await missingSignatures(sql, signed);
      const invariants = await signatureInvariants(sql);
      await sql.end();
      const unavailableMs = during.filter((a) => a.outcome === "unavailable").map((a) => a.ms);
      console.log(
        `[chaos] PostgreSQL down ${DOWN_MS} ms (private cluster, pg_ctl -m immediate): ${figures.total} requests — ok ${figures.ok} (${signed.length} signed), ` +
          `503 ${figures.unavailable}, refused ${figures.refused}, other ${figures.other}; while down: ${duringFigures.unavailable} of ${duringFigures.total} answered 503 ` +
          `(p50 ${percentile(unavailableMs, 50)} ms, max ${Math.max(0, ...unavailableMs)} ms); /readyz 503 ${readyDuring.filter((r) => r.status === 503).length} of ${readyDuring.length}; ` +
          `lost ${lost.length}; recovered ${recoveredAt === null ? "never" : `${recoveredAt - startedAt} ms after PostgreSQL was up (${recoveredAt - upAt} ms after the start command)`}`,
      );

      expect(app.child.exitCode, `the app exited:\n${app.output().slice(-3000)}`).toBeNull();
      const afterStart = attempts.filter((a) => a.at > startedAt);
      expect(recoveredAt, `no recovery: after the start ${JSON.stringify(tally(afterStart))}, /readyz ${JSON.stringify(readiness.filter((r) => r.at > startedAt).slice(-3))}\n${app.output().slice(-3000)}`).not.toBeNull();
      // While it is down: 503s, quickly, with Retry-After; no hang, no 500, no dropped connection.
      expect(duringFigures.unavailable).toBeGreaterThan(0);
      expect(during.filter((a) => a.kind === "sign" && a.outcome === "unavailable").length).toBeGreaterThan(0);
      expect(during.filter((a) => a.kind === "page" && a.outcome === "unavailable").length).toBeGreaterThan(0);
      expect(attempts.filter((a) => a.error)).toEqual([]);
      expect(attempts.filter((a) => a.outcome === "other" || a.outcome === "refused")).toEqual([]);
      // The reader gets the localized page that says so, not a stack trace nor "something went wrong".
      const page = during.find((a) => a.outcome === "unavailable")!.body ?? "";
      expect(/<h1 id="error-title">([^<]*)<\/h1>/u.exec(page)?.[1]).toBe("The site is briefly unavailable");
      expect(/<title>([^<]*)<\/title>/u.exec(page)?.[1]).toContain("The site is briefly unavailable");
      expect(readyDuring.length).toBeGreaterThan(0);
      expect(readyDuring.every((r) => r.status === 503 && r.body.includes("database_unreachable"))).toBe(true);
      // What was acknowledged survived the crash, whole.
      expect(lost).toEqual([]);
      expect(invariants.pendingWithoutMail).toBe(0);
      expect(invariants.mailWithoutSignature).toBe(0);
    } finally {
      probing = false;
      await kill(app.child, "SIGKILL");
      try {
        cluster.start();
      } catch {
        // running
      }
      await database.drop().catch(() => {});
      cluster.destroy();
    }
  });
});
