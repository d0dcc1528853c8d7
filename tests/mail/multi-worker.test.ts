import { describe, expect, it } from "vitest";
import { drainWithWorkers } from "../support/mail-drain";

// Several worker processes need a real PostgreSQL: PGlite is one process.
describe.runIf(Boolean(process.env.DATABASE_URL))("several mail worker processes on PostgreSQL", () => {
  it("drain 5,000 queued mails to an SMTP server, each delivered exactly once", async () => {
    const result = await drainWithWorkers(process.env.DATABASE_URL!, 5000, 3);
    expect(result.sentRows).toBe(5000);
    expect(result.received).toBe(5000);
    expect(result.distinctMessageIds).toBe(5000);
  }, 180_000);
});
