import type { ServerBuild } from "@remix-run/node";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { seedDatabase } from "../../db/seed";
import { seedDemoContent } from "../../server/demo-content";
import { createApp } from "../../server/app";
import { ensureProductionBuild, SERVER_BUILD_PATH } from "../../server/build";
import { testConfig } from "../support/test-config";
import { openTestDatabase } from "../support/database";

const SLUG = "stop-the-cybercrime-convention";
let primary: DatabaseHandle;
let replica: DatabaseHandle;
let server: Server;
let base: string;

// Two separate databases stand in for a primary and its replica: only the "replica" has the demo
// petition, so a page that answers 200 read it from there.
beforeAll(async () => {
  ensureProductionBuild();
  const build = (await import(pathToFileURL(SERVER_BUILD_PATH).href)) as ServerBuild;
  [primary, replica] = await Promise.all([openTestDatabase(), openTestDatabase()]);
  for (const handle of [primary, replica]) {
    await migrateToLatest(handle.db);
    await seedDatabase(handle.db);
  }
  await seedDemoContent(replica.db);
  server = createApp({ database: { ...primary, readDb: replica.db }, config: testConfig(), build, mode: "production" }).listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await Promise.all([primary.close(), replica.close()]);
});

describe("a read replica for public pages (DATABASE_READ_URL)", () => {
  it("serves the petition page, its counts and its map from the replica", async () => {
    expect(await primary.db.selectFrom("petitions").select("id").where("slug", "=", SLUG).executeTakeFirst()).toBeUndefined();
    for (const path of [`/en/petitions/${SLUG}`, `/api/v1/petitions/${SLUG}`, `/petitions/${SLUG}/signers.svg`, `/embed/petitions/${SLUG}?lng=fr`]) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(200);
    }
  });

  it("is refused without a primary on PostgreSQL", async () => {
    await expect(openDatabase({ pgliteDir: "memory://", readUrl: "postgres://replica.invalid/db" })).rejects.toThrow(/DATABASE_READ_URL/u);
  });
});
