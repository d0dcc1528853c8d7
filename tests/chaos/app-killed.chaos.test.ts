import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { confirmUrlFor } from "../../app/lib/links/signature-links.server";
import {
  agedFormToken,
  attempt,
  driftChanges,
  freePort,
  freshDatabase,
  kill,
  missingSignatures,
  SESSION_SECRET,
  sign,
  signatureInvariants,
  sleep,
  spawnApp,
  startLoad,
  tally,
  waitReady,
  type Attempt,
} from "./support";

/**
 * The app process is killed with SIGKILL in the middle of a signing load on
 * PostgreSQL, then started again. Whatever was acknowledged must be stored, and
 * nothing may be half-written: a pending signature without its confirmation
 * mail, a mail without its signature, a confirmation not counted.
 */
describe.runIf(Boolean(process.env.DATABASE_URL))("the app killed with SIGKILL under signing load", () => {
  it("keeps every acknowledged signature and confirmation, with its mail and count", async () => {
    const database = await freshDatabase(process.env.DATABASE_URL!);
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    const port = await freePort();
    // Mail is left to separate workers: the outbox only fills, so every mail row can be checked.
    // Every load signer writes from one test domain: the per-domain flood limit would hold them as suspect.
    const env = { DATABASE_URL: database.url, MAIL_WORKER: "off", TRUST_PROXY: "loopback", DATABASE_POOL_SIZE: "10", SIGN_RATE_PER_DOMAIN_PER_HOUR: "1000000" };
    let app = spawnApp(port, env);
    try {
      await waitReady(app);
      const formToken = await agedFormToken(app.base);
      const before = await signatureInvariants(sql);

      // Signed and acknowledged, waiting for someone to press the confirm button.
      const toConfirm: string[] = [];
      const step = async (client: number): Promise<Attempt> => {
        // One client in four confirms the signature an earlier request stored, the others sign.
        if (client % 4 === 3 && toConfirm.length > 0) {
          const email = toConfirm.shift()!;
          const [row] = await sql<{ id: string }[]>`select id from signatures where email = ${email}`;
          const path = new URL(confirmUrlFor(row!.id, app.base, "en", [SESSION_SECRET])).pathname;
          const result = await attempt("confirm", email, [303], (signal) => fetch(`${app.base}${path}`, { method: "POST", redirect: "manual", signal }));
          if (result.outcome !== "ok") toConfirm.push(email);
          return result;
        }
        const result = await sign(app.base, formToken);
        if (result.outcome === "ok") toConfirm.push(result.key);
        return result;
      };
      const load = startLoad(12, step);
      await sleep(Number(process.env.CHAOS_LOAD_BEFORE_KILL_MS || 3000));
      const acknowledgedAtKill = load.attempts.filter((a) => a.outcome === "ok").length;
      const killedAt = Date.now();
      await kill(app.child, "SIGKILL");
      await sleep(1000);
      app = spawnApp(port, env);
      await waitReady(app);
      const downMs = Date.now() - killedAt;
      await sleep(2000);
      const attempts = await load.stop();
      // A graceful stop of the second process: the counting job folds what it can on the way.
      await kill(app.child, "SIGTERM");

      const signed = attempts.filter((a) => a.kind === "sign" && a.outcome === "ok").map((a) => a.key);
      const confirmed = attempts.filter((a) => a.kind === "confirm" && a.outcome === "ok").map((a) => a.key);
      const lost = await missingSignatures(sql, signed);
      const notConfirmed = confirmed.length
        ? (await sql<{ email: string; status: string }[]>`select email, status from signatures where email in ${sql(confirmed)}`).filter((r) => r.status !== "confirmed")
        : [];
      const after = await signatureInvariants(sql);
      const [stored] = await sql<{ n: string; pending: string; confirmed: string; mails: string }[]>`
        select count(*) as n, count(*) filter (where status = 'pending') as pending, count(*) filter (where status = 'confirmed') as confirmed,
          (select count(*) from outgoing_mails where template = 'signature-confirm') as mails
        from signatures where email like 'chaos-%'`;
      const figures = tally(attempts);
      console.log(
        `[chaos] app SIGKILL: ${figures.total} requests — ok ${figures.ok} (${signed.length} signed, ${confirmed.length} confirmed; ${acknowledgedAtKill} before the kill), ` +
          `refused or cut ${figures.refused}, 503 ${figures.unavailable}, other ${figures.other}; lost ${lost.length + notConfirmed.length}; ` +
          `rows ${stored!.n} (${stored!.pending} pending, ${stored!.confirmed} confirmed), confirmation mails ${stored!.mails}; down ${downMs} ms until ready again`,
      );

      expect(acknowledgedAtKill).toBeGreaterThan(20);
      expect(signed.length).toBeGreaterThan(acknowledgedAtKill);
      expect(confirmed.length).toBeGreaterThan(0);
      expect(lost).toEqual([]);
      expect(notConfirmed).toEqual([]);
      expect(after.pendingWithoutMail).toBe(0);
      expect(after.mailWithoutSignature).toBe(0);
      expect(after.suspectWithMail).toBe(0);
      expect(driftChanges(before.drift, after.drift)).toEqual([]);
      // The only failures allowed are connections refused or cut while no process listened.
      expect(attempts.filter((a) => a.outcome === "other")).toEqual([]);
    } finally {
      await kill(app.child, "SIGKILL");
      await sql.end();
      await database.drop();
    }
  });
});
