import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { seedDatabase } from "../../db/seed";

/**
 * `npm run organizer:add` as a deployment runs it, against a database of its own: a new
 * database on the server in DATABASE_URL, or an embedded folder (closed here while the
 * command holds it).
 */
let env: NodeJS.ProcessEnv;
let open: () => Promise<DatabaseHandle>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `tw_test_${randomBytes(6).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    env = { ...process.env, DATABASE_URL: url.toString() };
    open = () => openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
    cleanup = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    const folder = join(mkdtempSync(join(tmpdir(), "tw-organizer-add-")), "db");
    env = { ...process.env, PGLITE_DIR: folder, DATABASE_URL: "" };
    open = () => openDatabase({ pgliteDir: folder });
    cleanup = async () => rmSync(join(folder, ".."), { recursive: true, force: true });
  }
  const handle = await open();
  try {
    await migrateToLatest(handle.db);
    await seedDatabase(handle.db);
    await handle.db
      .insertInto("partners")
      .values([
        { code: "digital-rights", name: "Digital Rights Now", website_url: "https://digital-rights.example.org", privacy_url: "https://digital-rights.example.org/privacy", contact_email: "team@digital-rights.example.org" },
        { code: "gone", name: "Gone Away", website_url: "https://gone.example.org", privacy_url: "https://gone.example.org/privacy", contact_email: "team@gone.example.org", active: false },
      ])
      .execute();
  } finally {
    await handle.close();
  }
}, 120_000);
afterAll(async () => cleanup?.());

function organizerAdd(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "cli/organizer-add.ts", ...args], { env, encoding: "utf8" });
}

async function organizerRow(email: string) {
  const handle = await open();
  try {
    return await handle.db.selectFrom("organizers").select(["role", "partner_id"]).where("email", "=", email).executeTakeFirst();
  } finally {
    await handle.close();
  }
}

describe("npm run organizer:add with a partner", () => {
  it.each([
    [["--email", "a@example.org", "--role", "partner"], "--role partner needs --partner <code>"],
    [["--email", "a@example.org", "--role", "admin", "--partner", "digital-rights"], "--partner goes only with --role partner"],
    [["--email", "a@example.org", "--role", "partner", "--partner", "nobody"], "--partner names no active partner"],
    [["--email", "a@example.org", "--role", "partner", "--partner", "gone"], "--partner names no active partner"],
  ])("refuses %j with a clear message and adds nobody", async (args, message) => {
    const result = organizerAdd(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("Usage: npm run organizer:add");
    expect(await organizerRow("a@example.org")).toBeUndefined();
  }, 60_000);

  it("adds a partner account for an active partner's code, typed in any case", async () => {
    const result = organizerAdd("--email", "People@Digital-Rights.example.org", "--role", "partner", "--partner", "Digital-Rights");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Added people@digital-rights.example.org as partner for partner digital-rights.");
    const row = await organizerRow("people@digital-rights.example.org");
    expect(row?.role).toBe("partner");
    expect(row?.partner_id).not.toBeNull();

    // Made an admin later, the account no longer acts for the partner.
    expect(organizerAdd("--email", "people@digital-rights.example.org", "--role", "admin").status).toBe(0);
    expect(await organizerRow("people@digital-rights.example.org")).toEqual({ role: "admin", partner_id: null });
  }, 60_000);
});
