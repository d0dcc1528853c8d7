import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../server/demo-content";
import { importTargets } from "~/modules/letter/target-import.service.server";
import { targetsCsv } from "~/modules/letter/targets.repo.server";
import { openTestDatabase } from "../../support/database";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  await handle.db.deleteFrom("targets").execute();
});

const HEADER = "country,name,role,organization,email,language,active,source_url";
const row = (email: string, name = "Jeanne Dupont", country = "FR") =>
  `${country},${name},Minister,Ministry of Foreign Affairs,${email},fr,true,https://example.org/directory`;
const csv = (...rows: string[]) => [HEADER, ...rows].join("\n");
const targets = () => handle.db.selectFrom("targets").selectAll().orderBy("email").execute();

describe("importTargets", () => {
  it("adds new targets, then updates changed ones and leaves identical ones alone", async () => {
    expect(await importTargets(handle.db, csv(row("a@example.org"), row("b@example.org")))).toMatchObject({ rows: 2, inserted: 2, updated: 0, unchanged: 0, applied: true, problems: [] });
    expect(await importTargets(handle.db, csv(row("a@example.org"), row("b@example.org", "Jean Martin")))).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    expect((await targets()).map((t) => [t.email, t.name, t.country_code])).toEqual([
      ["a@example.org", "Jeanne Dupont", "FRA"],
      ["b@example.org", "Jean Martin", "FRA"],
    ]);
  });

  it("reports what a dry run would do, and changes nothing", async () => {
    const report = await importTargets(handle.db, csv(row("a@example.org")), { dryRun: true });
    expect(report).toMatchObject({ rows: 1, inserted: 1, applied: false, problems: [] });
    expect(await targets()).toEqual([]);
  });

  it("imports nothing when any row is wrong, and names each problem by line", async () => {
    const report = await importTargets(handle.db, csv(row("a@example.org"), row("not-an-address"), row("c@example.org", "", "ZZ"), row("a@example.org")));
    expect(report.applied).toBe(false);
    expect(report.problems).toEqual([
      { line: 3, column: "email", problem: "email_invalid" },
      { line: 4, column: "name", problem: "missing" },
      { line: 4, column: "country", problem: "country_unknown" },
      { line: 5, column: "email", problem: "email_repeated", detail: "same as line 2" },
    ]);
    expect(await targets()).toEqual([]);
  });

  it("refuses a malformed file or a wrong header", async () => {
    const malformed = await importTargets(handle.db, `${HEADER}\nFR,"unclosed quote,Minister`);
    expect(malformed.problems[0]).toMatchObject({ column: "file", problem: "csv_malformed" });
    const wrongHeader = await importTargets(handle.db, "country,name,mail\nFR,x,a@example.org");
    expect(wrongHeader.problems).toEqual([{ line: 1, column: "file", problem: "columns_wrong", detail: "missing role, missing organization, missing email, missing language, missing source_url, unknown mail" }]);
    expect(await targets()).toEqual([]);
  });

  it("reads a UTF-8 file with a byte-order mark, as spreadsheets save it", async () => {
    const report = await importTargets(handle.db, `\uFEFF${csv(row("a@example.org", "Ångström Ñuñez"))}`);
    expect(report).toMatchObject({ inserted: 1, problems: [] });
    expect((await targets())[0]!.name).toBe("Ångström Ñuñez");
  });
});

describe("whether a target's address is public (email_public)", () => {
  const PUBLIC_HEADER = `${HEADER},email_public`;
  const flags = async () => (await targets()).map((t) => [t.email, t.email_public]);

  it("is off for a new target unless the file says so; the file can turn it on and off", async () => {
    expect(await importTargets(handle.db, csv(row("a@example.org")))).toMatchObject({ inserted: 1, problems: [] });
    expect(await importTargets(handle.db, [PUBLIC_HEADER, `${row("b@example.org")},yes`, `${row("c@example.org")},`].join("\n"))).toMatchObject({ inserted: 2, problems: [] });
    expect(await flags()).toEqual([
      ["a@example.org", false],
      ["b@example.org", true],
      ["c@example.org", false],
    ]);
    const changed = await importTargets(handle.db, [PUBLIC_HEADER, `${row("a@example.org")},1`, `${row("b@example.org")},FALSE`, `${row("c@example.org")},no`].join("\n"));
    expect(changed).toMatchObject({ inserted: 0, updated: 2, unchanged: 1 });
    expect(await flags()).toEqual([
      ["a@example.org", true],
      ["b@example.org", false],
      ["c@example.org", false],
    ]);
  });

  it("a file without the column leaves it as it is (an older spreadsheet does not make public addresses private, nor the reverse)", async () => {
    await importTargets(handle.db, [PUBLIC_HEADER, `${row("a@example.org")},true`, `${row("b@example.org")},false`].join("\n"));
    expect(await importTargets(handle.db, csv(row("a@example.org"), row("b@example.org")))).toMatchObject({ updated: 0, unchanged: 2 });
    expect(await importTargets(handle.db, csv(row("a@example.org", "Renamed"), row("b@example.org", "Renamed")))).toMatchObject({ updated: 2 });
    expect((await targets()).map((t) => [t.name, t.email_public])).toEqual([
      ["Renamed", true],
      ["Renamed", false],
    ]);
  });

  it("refuses the whole file for a value that is not yes or no, naming the line", async () => {
    await importTargets(handle.db, csv(row("a@example.org")));
    const report = await importTargets(handle.db, [PUBLIC_HEADER, `${row("a@example.org")},true`, `${row("b@example.org")},public`].join("\n"));
    expect(report).toMatchObject({ applied: false, problems: [{ line: 3, column: "email_public", problem: "email_public_invalid" }] });
    expect(await flags()).toEqual([["a@example.org", false]]);
  });

  it("survives the round trip: the export has the column, and importing the export changes nothing", async () => {
    await importTargets(handle.db, [PUBLIC_HEADER, `${row("a@example.org")},yes`, `${row("b@example.org")},no`].join("\n"));
    const exported = await targetsCsv(handle.db);
    expect(exported.split("\n")[0]).toBe(PUBLIC_HEADER);
    expect(exported).toContain("a@example.org,fr,true,https://example.org/directory,true");
    expect(exported).toContain("b@example.org,fr,true,https://example.org/directory,false");
    expect(await importTargets(handle.db, exported)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, problems: [] });
    await handle.db.deleteFrom("targets").execute();
    expect(await importTargets(handle.db, exported)).toMatchObject({ inserted: 2, problems: [] });
    expect(await flags()).toEqual([
      ["a@example.org", true],
      ["b@example.org", false],
    ]);
  });
});

describe("the demo targets", () => {
  it("cover France, Germany, Brazil, Nigeria, India and the United States, at example.org, marked as demo", async () => {
    await seedDemoContent(handle.db);
    await seedDemoContent(handle.db);
    const rows = await targets();
    expect(new Set(rows.map((t) => t.country_code))).toEqual(new Set(["FRA", "DEU", "BRA", "NGA", "IND", "USA"]));
    expect(rows.every((t) => t.is_demo && t.email.endsWith("@example.org") && t.role.includes("DEMO"))).toBe(true);
    // Two show the mail-app link (an office's published address); the others are private.
    expect(rows.filter((t) => t.email_public).map((t) => t.name).sort()).toEqual(["Demo Minister (France)", "Demo Permanent Mission (United States)"]);
  });
});
