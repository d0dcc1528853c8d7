import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { recordTreatyFact } from "~/modules/country/country-facts.service.server";
import { statusChanges, writeTreatyFacts, type TreatyFactInput } from "~/modules/country/fact-write.server";
import { loadParticipantStanding } from "~/modules/country/treaty-standing.server";
import { openTestDatabase } from "../../support/database";

const TREATY = "un-cybercrime-convention";
const DEPOSITARY_URL = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-16&chapter=18";
const TODAY = "2026-12-05";
let handle: DatabaseHandle;
let actor: { id: number; email: string };

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  actor = await handle.db.insertInto("organizers").values({ email: "facts@example.org", role: "organizer" }).returning(["id", "email"]).executeTakeFirstOrThrow();
});
beforeEach(async () => {
  await handle.db.deleteFrom("country_status_changes").execute();
  await handle.db.deleteFrom("fact_changes").execute();
  await handle.db.deleteFrom("treaty_actions").execute();
  await seedDatabase(handle.db);
});
afterAll(() => handle.close());

const ratification = (code3: string, over: Partial<TreatyFactInput> = {}): TreatyFactInput => ({
  code3,
  kind: "ratification",
  actedOn: "2026-11-20",
  sourceUrl: DEPOSITARY_URL,
  notes: "",
  confidence: "depositary",
  ...over,
});

const write = (facts: TreatyFactInput[], extra: { removeFactIds?: number[]; today?: string } = {}) =>
  handle.db.transaction().execute((trx) => writeTreatyFacts(trx, { treatySlug: TREATY, facts, actor, cause: "import", today: TODAY, ...extra }));

const statusRows = () => handle.db.selectFrom("country_status_changes").selectAll().orderBy("id").execute();

describe("writeTreatyFacts", () => {
  it("records the status a deposit moves, with what made the move", async () => {
    const result = await write([ratification("AZE")]);
    expect(result).toMatchObject({ written: 1, unchanged: 0, removed: 0 });
    expect(result.statusChanges).toEqual([{ code3: "AZE", from: "signed", to: "party", reportedFrom: "domestic_approval_reported", reportedTo: null }]);
    const [row] = await statusRows();
    expect(row).toMatchObject({ country_code: "AZE", from_status: "signed", to_status: "party", cause: "import", actor_email: "facts@example.org", judged_on: TODAY });
    const history = await handle.db.selectFrom("fact_changes").selectAll().execute();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ kind: "ratification", cause: "import", before: null });
  });

  it("writes nothing and records no move when the fact is held exactly so", async () => {
    await write([ratification("AZE")]);
    const again = await write([ratification("AZE")]);
    expect(again).toEqual({ written: 0, unchanged: 1, removed: 0, statusChanges: [] });
    expect(await statusRows()).toHaveLength(1);
    expect(await handle.db.selectFrom("fact_changes").selectAll().execute()).toHaveLength(1);
  });

  it("corrects the participant's one signature in place, keeping what it was", async () => {
    const held = await handle.db.selectFrom("treaty_actions").selectAll().where("country_code", "=", "DZA").where("action", "=", "signature").executeTakeFirstOrThrow();
    const result = await write([{ code3: "DZA", kind: "signature", actedOn: "2025-10-26", sourceUrl: DEPOSITARY_URL, notes: "", confidence: "depositary" }]);
    expect(result).toMatchObject({ written: 1, statusChanges: [] });
    const signatures = await handle.db.selectFrom("treaty_actions").selectAll().where("country_code", "=", "DZA").where("action", "=", "signature").execute();
    expect(signatures).toHaveLength(1);
    expect(signatures[0]).toMatchObject({ id: held.id, acted_on: "2025-10-26" });
    const [change] = await handle.db.selectFrom("fact_changes").selectAll().execute();
    expect(change?.before).toMatchObject({ acted_on: held.acted_on, source_url: held.source_url });
  });

  it("keeps one fact per source for kinds that can be many", async () => {
    const step = (sourceUrl: string): TreatyFactInput => ({ code3: "FRA", kind: "domestic_step", actedOn: "2026-06-01", sourceUrl, notes: "Senate vote", confidence: "press" });
    const result = await write([step("https://example.org/a"), step("https://example.org/b")]);
    expect(result.written).toBe(2);
    expect(result.statusChanges).toEqual([{ code3: "FRA", from: "signed", to: "signed", reportedFrom: null, reportedTo: "domestic_approval_reported" }]);
  });

  it("removes a fact on request, kept in the history, and records the move back", async () => {
    await write([ratification("AZE")]);
    const fact = await handle.db.selectFrom("treaty_actions").select("id").where("country_code", "=", "AZE").where("action", "=", "ratification").executeTakeFirstOrThrow();
    const result = await write([], { removeFactIds: [fact.id] });
    expect(result).toMatchObject({ written: 0, removed: 1 });
    expect(result.statusChanges).toMatchObject([{ code3: "AZE", from: "party", to: "signed" }]);
    const removal = await handle.db.selectFrom("fact_changes").selectAll().where("after", "is", null).executeTakeFirstOrThrow();
    expect(removal).toMatchObject({ kind: "ratification", country_code: "AZE" });
  });

  it("leaves nothing behind when the transaction fails", async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await writeTreatyFacts(trx, { treatySlug: TREATY, facts: [ratification("AZE")], actor, cause: "import", today: TODAY });
        throw new Error("the import found a problem after writing");
      }),
    ).rejects.toThrow(/problem/u);
    expect(await statusRows()).toHaveLength(0);
    expect((await loadParticipantStanding(handle.db, TREATY, "AZE", TODAY))?.standing.confirmed).toBe("signed");
  });
});

describe("recordTreatyFact (an organizer's edit)", () => {
  it("takes the same path as an import: the same status change, caused by hand, and one audit entry", async () => {
    const result = await recordTreatyFact(handle.db, { treatySlug: TREATY, code3: "AZE", fact: ratification("AZE"), actor, today: TODAY });
    expect(result?.statusChanges).toMatchObject([{ code3: "AZE", from: "signed", to: "party" }]);
    expect(await statusRows()).toMatchObject([{ country_code: "AZE", cause: "manual" }]);
    const audits = await handle.db.selectFrom("audit_log").selectAll().where("action", "=", "facts.ratification").execute();
    expect(audits.at(-1)).toMatchObject({ subject: "AZE" });
  });

  it("answers null for a country we do not track, and writes nothing", async () => {
    expect(await recordTreatyFact(handle.db, { treatySlug: TREATY, code3: "XXX", fact: ratification("XXX"), actor, today: TODAY })).toBeNull();
    expect(await handle.db.selectFrom("fact_changes").selectAll().execute()).toHaveLength(0);
  });
});

describe("statusChanges", () => {
  it("lists only participants whose confirmed or reported status differs", () => {
    const before = new Map([
      ["AAA", { confirmed: "signed" as const, reported: null }],
      ["BBB", { confirmed: "not_signed" as const, reported: null }],
    ]);
    const after = new Map([
      ["AAA", { confirmed: "signed" as const, reported: null }],
      ["BBB", { confirmed: "not_signed" as const, reported: "signed" as const }],
    ]);
    expect(statusChanges(before, after)).toEqual([{ code3: "BBB", from: "not_signed", to: "not_signed", reportedFrom: null, reportedTo: "signed" }]);
  });
});
