import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import type { Database } from "../../../db/schema";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../server/demo-content";
import { CARD_DESIGN, shareCard } from "~/modules/share/share-card.service.server";
import { openTestDatabase } from "../../support/database";
import { demoPetition, DEMO_PETITION } from "../../support/petition";
import { testConfig } from "../../support/test-config";

const LETTERS = "write-to-your-government";
const settings = { treatySlug: testConfig().treaty.slug, petitionCacheMs: 0, now: new Date("2026-12-06T01:00:00Z") };
let handle: DatabaseHandle;
let firstVersion = "";

/** Another handle on the same database: the caches of a process that has drawn nothing yet. */
const freshProcess = (db: Kysely<Database>) => db.withoutPlugins();

const isPng1200x630 = (png: Uint8Array) => {
  const bytes = Buffer.from(png);
  return bytes.subarray(1, 4).toString("latin1") === "PNG" && bytes.readUInt32BE(16) === 1200 && bytes.readUInt32BE(20) === 630;
};

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  await seedDemoContent(handle.db);
});
afterAll(async () => {
  await handle?.close();
});

describe("share cards", () => {
  it("draws a petition's card once, keeps it in memory and in the database, one row per subject and language", async () => {
    const { db } = handle;
    const card = await shareCard(db, db, "en", { kind: "petition", slug: DEMO_PETITION }, settings);
    expect(card && isPng1200x630(card.png)).toBe(true);
    expect(card?.png.byteLength).toBeLessThan(300 * 1024);
    expect(await shareCard(db, db, "en", { kind: "petition", slug: DEMO_PETITION }, settings)).toBe(card);
    const rows = await db.selectFrom("share_cards").select(["subject", "language", "version", "etag"]).execute();
    expect(rows).toEqual([{ subject: `petition:${DEMO_PETITION}`, language: "en", version: expect.stringMatching(new RegExp(`^${CARD_DESIGN}:`, "u")), etag: card?.etag }]);
    firstVersion = rows[0]?.version ?? "";
  });

  it("another process takes the stored card instead of drawing it again", async () => {
    const { db } = handle;
    const marker = new Uint8Array([1, 2, 3]);
    await db.updateTable("share_cards").set({ png: marker, etag: '"marker"' }).where("subject", "=", `petition:${DEMO_PETITION}`).execute();
    const other = freshProcess(db);
    const card = await shareCard(other, other, "en", { kind: "petition", slug: DEMO_PETITION }, settings);
    expect(card?.etag).toBe('"marker"');
    expect([...(card?.png ?? [])]).toEqual([1, 2, 3]);
  });

  it("draws it again when the count reaches the next step, replacing the stored row", async () => {
    const { db } = handle;
    const petition = await demoPetition(db);
    await sql`insert into petition_counts (petition_id, confirmed) values (${petition.id}, 1234) on conflict (petition_id) do update set confirmed = 1234`.execute(db);
    const other = freshProcess(db);
    const card = await shareCard(other, other, "en", { kind: "petition", slug: DEMO_PETITION }, settings);
    expect(card && isPng1200x630(card.png)).toBe(true);
    const rows = await db.selectFrom("share_cards").select(["version", "etag"]).where("subject", "=", `petition:${DEMO_PETITION}`).execute();
    expect(rows).toEqual([{ version: expect.not.stringMatching(firstVersion), etag: card?.etag }]);
    expect(card?.etag).not.toBe('"marker"');
  });

  it("differs per language, and draws a country, a letter campaign and the site", async () => {
    const { db } = handle;
    const etags = new Set<string>();
    for (const lng of ["en", "ar", "zh"] as const) {
      for (const subject of [{ kind: "country", code3: "fra" }, { kind: "letter", slug: LETTERS }, { kind: "site" }] as const) {
        const card = await shareCard(db, db, lng, subject, settings);
        expect(card && isPng1200x630(card.png), `${lng} ${subject.kind}`).toBe(true);
        etags.add(card?.etag ?? "");
      }
    }
    expect(etags.size).toBe(9);
  });

  it("has no card for what has no public page: unknown subjects and drafts", async () => {
    const { db } = handle;
    expect(await shareCard(db, db, "en", { kind: "petition", slug: "no-such-petition" }, settings)).toBeNull();
    expect(await shareCard(db, db, "en", { kind: "country", code3: "xyz" }, settings)).toBeNull();
    await db.updateTable("letter_campaigns").set({ status: "draft" }).where("slug", "=", LETTERS).execute();
    const other = freshProcess(db);
    expect(await shareCard(other, other, "fr", { kind: "letter", slug: LETTERS }, settings)).toBeNull();
    await db.updateTable("letter_campaigns").set({ status: "live" }).where("slug", "=", LETTERS).execute();
  });
});
