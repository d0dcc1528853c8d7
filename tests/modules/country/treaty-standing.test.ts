import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { loadParticipantStanding, loadTreatyStandings } from "~/modules/country/treaty-standing.server";
import { openTestDatabase } from "../../support/database";

const TREATY = "un-cybercrime-convention";
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
});
afterAll(() => handle.close());

describe("loadTreatyStandings on the seeded convention", () => {
  it("counts only the depositary's signatures as confirmed, and the rest as reported", async () => {
    const { headline, treaty } = await loadTreatyStandings(handle.db, TREATY, "2026-12-05");
    const depositarySigners = await handle.db
      .selectFrom("treaty_actions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("action", "=", "signature")
      .where("confidence", "=", "depositary")
      .executeTakeFirstOrThrow();
    expect(headline.signatories.confirmed).toBe(Number(depositarySigners.n));
    expect(headline.signatories.moreReported).toBeGreaterThan(0);
    expect(headline.instruments).toMatchObject({ confirmed: 0, needed: 40 });
    expect(headline.asOf).toBe(treaty.depositaryCheckedOn);
    expect(treaty.parameters.signatureClosesOn).toBe("2026-12-31");
  });

  it("says a domestic approval is reported for Azerbaijan, and nothing stronger is confirmed", async () => {
    const aze = await loadParticipantStanding(handle.db, TREATY, "AZE", "2026-12-05");
    expect(aze?.standing.confirmed).toBe("signed");
    expect(aze?.standing.reported).toBe("domestic_approval_reported");
  });

  it("moves a country that never signed from not signed to not joined when signature closes", async () => {
    const before = await loadParticipantStanding(handle.db, TREATY, "DEU", "2026-12-31");
    const after = await loadParticipantStanding(handle.db, TREATY, "DEU", "2027-01-01");
    expect(before?.standing.confirmed).toBe("not_signed");
    expect(after?.standing.confirmed).toBe("not_joined");
  });

  it("knows no unknown country", async () => {
    expect(await loadParticipantStanding(handle.db, TREATY, "XXX", "2026-12-05")).toBeNull();
  });
});
