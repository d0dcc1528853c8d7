import { describe, expect, it } from "vitest";
import { startWebhookRig } from "../../support/webhook-rig";

// On PGlite one process owns the database: there are no separate worker processes to kill
// (the web process delivers webhooks itself; webhook-delivery.test.ts tests that worker there).
describe.runIf(Boolean(process.env.DATABASE_URL))("a webhook worker process killed after claiming (PostgreSQL only: separate workers need it)", () => {
  it("loses no delivery: another worker delivers the rest once the lease runs out, every delivery id arriving, repeats only of those in flight", async () => {
    const rig = await startWebhookRig(process.env.DATABASE_URL!, 2000, 20);
    try {
      // A 1 s timeout makes the lease 7 s (twice the timeout and 5 s).
      const first = rig.spawnWorker({ WEBHOOK_TIMEOUT_SECONDS: "1" });
      const deadline = Date.now() + 60_000;
      while (rig.arrivals.length < 300 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      first.kill("SIGKILL");
      await new Promise((resolve) => first.once("exit", resolve));
      const deliveredAtKill = await rig.countDelivered();
      expect(deliveredAtKill).toBeLessThan(2000);
      // Claimed by the dead worker, not finished: these wait for its lease.
      const held = await rig.database.db.selectFrom("webhook_deliveries").select("id").where("status", "=", "sending").execute();
      expect(held.length).toBeGreaterThan(0);

      rig.spawnWorker({ WEBHOOK_TIMEOUT_SECONDS: "1" });
      rig.spawnWorker({ WEBHOOK_TIMEOUT_SECONDS: "1" });
      expect(await rig.waitForDelivered(2000)).toBe(2000);
      const rows = await rig.database.db.selectFrom("webhook_deliveries").select(["id", "status"]).execute();
      expect(rows.every((r) => r.status === "delivered")).toBe(true);
      const ids = new Set(rig.arrivals.map((a) => a.id));
      expect(ids.size).toBe(2000);
      expect([...ids].every((id) => rows.some((r) => r.id === id))).toBe(true);
      // A delivery can arrive twice only if the dead worker had sent it without recording it: at most what it had in flight.
      expect(rig.arrivals.length - 2000).toBeLessThanOrEqual(held.length);
      // Each delivery's log holds exactly one success.
      const successes = await rig.database.db
        .selectFrom("webhook_attempts")
        .select(["delivery_id", (eb) => eb.fn.countAll<string>().as("n")])
        .where("status_code", "=", 200)
        .groupBy("delivery_id")
        .execute();
      expect(successes).toHaveLength(2000);
      expect(successes.every((s) => Number(s.n) === 1)).toBe(true);
    } finally {
      await rig.close();
    }
  }, 180_000);
});
