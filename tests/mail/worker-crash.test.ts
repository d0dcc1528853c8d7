import { describe, expect, it } from "vitest";
import { startMailRig } from "../support/mail-drain";

describe.runIf(Boolean(process.env.DATABASE_URL))("a mail worker killed mid-batch", () => {
  it("loses no mail: another worker delivers the rest once the lease runs out, any second copy with the same Message-ID", async () => {
    const rig = await startMailRig(process.env.DATABASE_URL!, 2000);
    try {
      const first = rig.spawnWorker({ MAIL_LEASE_SECONDS: "2" });
      expect(await rig.waitForSent(300)).toBeGreaterThanOrEqual(300);
      first.kill("SIGKILL");
      await new Promise((resolve) => first.once("exit", resolve));
      const sentAtKill = await rig.countSent();
      expect(sentAtKill).toBeLessThan(2000);

      rig.spawnWorker({ MAIL_LEASE_SECONDS: "2" });
      expect(await rig.waitForSent(2000)).toBe(2000);
      const failed = await rig.database.db.selectFrom("outgoing_mails").select("id").where("status", "<>", "sent").execute();
      expect(failed).toEqual([]);
      // Every row reached the server; a row sent just before the kill may have gone twice, with one Message-ID.
      expect(new Set(rig.messageIds).size).toBe(2000);
      expect(rig.messageIds.length - 2000).toBeLessThanOrEqual(50);
    } finally {
      await rig.close();
    }
  }, 180_000);
});
