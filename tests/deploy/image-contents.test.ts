import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { builtinModules } from "node:module";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { ensureProductionBuild } from "../../server/build";
import { freePort } from "../support/processes";
import { parseCompose } from "./compose-rules";
import { BUILD_DIR, finalStage, imageCopies, parseDockerfile } from "./dockerfile-rules";

/**
 * The final stage of deploy/Dockerfile, laid out as its COPY instructions say (the installed
 * packages linked in for `npm ci --omit=dev`), then run as compose.yaml runs it: the one-shot
 * migrations, an organizer added from the command line, the web server (the image's CMD) and the
 * worker (compose.yaml's command). What the image lacks shows here as a failure, not in production.
 */
const ROOT = resolve(".");
const tree = mkdtempSync(join(tmpdir(), "treaty-watch-image-"));
const dockerfile = parseDockerfile(readFileSync("deploy/Dockerfile", "utf8"));
const compose = parseCompose(readFileSync("deploy/compose.yaml", "utf8"));
const packageJson = JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string> };

let env: NodeJS.ProcessEnv;
let open: () => Promise<DatabaseHandle>;
let dropDatabase: () => Promise<void> = async () => {};

beforeAll(async () => {
  ensureProductionBuild();
  for (const copy of imageCopies(dockerfile)) {
    for (const source of copy.sources) {
      const from = copy.from ? source.replace(new RegExp(`^${BUILD_DIR}/`, "u"), "") : source;
      const into = copy.destination.endsWith("/") ? join(tree, copy.destination, from.split("/").at(-1)!) : join(tree, copy.destination);
      mkdirSync(dirname(into), { recursive: true });
      cpSync(join(ROOT, from), into, { recursive: true });
    }
  }
  symlinkSync(join(ROOT, "node_modules"), join(tree, "node_modules"));
  mkdirSync(join(tree, ".data", "outbox"), { recursive: true });

  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", SESSION_SECRET: "image-test-secret-0123456789", LOG_REQUESTS: "0" };
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `tw_test_${randomBytes(6).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    env = { ...base, DATABASE_URL: url.toString() };
    open = () => openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    const folder = join(tree, ".data", "pglite");
    env = { ...base, PGLITE_DIR: folder };
    open = () => openDatabase({ pgliteDir: folder });
  }
}, 180_000);
afterAll(async () => {
  await dropDatabase();
  rmSync(tree, { recursive: true, force: true });
});

const inImage = (command: string[]) => spawnSync(command[0]!, command.slice(1), { cwd: tree, env, encoding: "utf8", timeout: 60_000 });

async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await open();
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

/** A bare specifier: a package name (scoped or not), perhaps with a path inside it. */
const PACKAGE_SPECIFIER = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w.@/-]*)?$/u;

/** Bare imports in compiled JavaScript: `import … from "x"`, `import "x"`, `import("x")`, `require("x")`. */
function packagesImported(dir: string): Set<string> {
  const found = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".js")) continue;
    const code = readFileSync(join(entry.parentPath, entry.name), "utf8");
    const statements = /^\s*(?:import|export)\b[^;"'`]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)|\brequire\(\s*["']([^"']+)["']\s*\)/gmu;
    for (const match of code.matchAll(statements)) {
      const specifier = (match[1] ?? match[2] ?? match[3] ?? match[4])!;
      if (!PACKAGE_SPECIFIER.test(specifier)) continue;
      if (specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0]!)) continue;
      found.add(specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!);
    }
  }
  return found;
}

describe("the image's final stage", () => {
  it("imports no package that npm ci --omit=dev leaves out", () => {
    const imported = packagesImported(join(tree, "build"));
    for (const name of ["@remix-run/node", "express", "kysely", "postgres", "react", "nodemailer"]) expect(imported, name).toContain(name);
    expect([...imported].filter((name) => !(name in packageJson.dependencies)).sort()).toEqual([]);
  });

  it("would notice a development package imported by the build", () => {
    const dir = mkdtempSync(join(tmpdir(), "treaty-watch-imports-"));
    try {
      writeFileSync(join(dir, "a.js"), 'import { x } from "vitest";\nconst y = await import("@remix-run/dev/server");\nconst s = "from \\"not-an-import\\"";\n');
      expect([...packagesImported(dir)].sort()).toEqual(["@remix-run/dev", "vitest"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("holds no sources, tests or local data", () => {
    const top = readdirSync(tree).sort();
    expect(top).toEqual([".data", ".npmrc", "build", "db", "locales", "node_modules", "package-lock.json", "package.json", "patches", "public"]);
    expect(readdirSync(join(tree, "db", "seeds")).sort()).toEqual(["convention", "demo"]);
  });

  it("migrates and seeds an empty database once, then never re-seeds what organizers edited", async () => {
    const command = compose.services.migrate!.command as string[];
    const first = inImage(command);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("Empty database: loaded countries and convention facts");

    await withDatabase((h) => h.db.updateTable("countries").set({ reference_name: "France (edited)" }).where("code3", "=", "FRA").execute());
    const second = inImage(command);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain("are current");
    expect(second.stdout).not.toContain("loaded");
    const france = await withDatabase((h) => h.db.selectFrom("countries").select("reference_name").where("code3", "=", "FRA").executeTakeFirstOrThrow());
    expect(france.reference_name).toBe("France (edited)");
  }, 120_000);

  it("adds the first organizer from the command line, and refuses a bad address", async () => {
    const added = inImage(["node", "build/server/cli/organizer-add.js", "--email", "First@Example.org", "--role", "admin"]);
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toContain("Added first@example.org as admin");
    const refused = inImage(["node", "build/server/cli/organizer-add.js", "--email", "not-an-address", "--role", "admin"]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("--email must be an email address");
    const row = await withDatabase((h) => h.db.selectFrom("organizers").select("role").where("email", "=", "first@example.org").executeTakeFirst());
    expect(row?.role).toBe("admin");
  }, 60_000);

  it("serves pages, their scripts and its health checks with the image's command, and stops on SIGTERM", async () => {
    const cmd = JSON.parse(finalStage(dockerfile).findLast((i) => i.getKeyword() === "CMD")!.getArgumentsContent()!) as string[];
    const port = await freePort();
    const server = spawn(cmd[0]!, cmd.slice(1), { cwd: tree, env: { ...env, PORT: String(port), HOST: "127.0.0.1", MAIL_WORKER: "off", WEBHOOK_WORKER: "off", TRUST_PROXY: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    server.stdout.on("data", (d) => (output += d));
    server.stderr.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((done) => server.on("exit", (code) => done(code)));
    try {
      const base = `http://127.0.0.1:${port}`;
      for (let tries = 0; !output.includes("Treaty Watch on") && tries < 300; tries++) await new Promise((r) => setTimeout(r, 100));
      expect(output).toContain("Treaty Watch on");
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const page = await fetch(`${base}/en`);
      expect(page.status).toBe(200);
      const script = /\/build\/[^"]+\.js/u.exec(await page.text())?.[0];
      expect(script).toBeDefined();
      expect((await fetch(`${base}${script}`)).status).toBe(200);
      expect((await fetch(`${base}/en/countries/fra`)).status).toBe(200);
    } finally {
      server.kill("SIGTERM");
    }
    expect(await exited, output).toBe(0);
  }, 60_000);

  it("runs the worker with compose.yaml's command where workers can run (PostgreSQL), and refuses on the embedded database", async () => {
    const command = (compose.services.worker!.command as string[]).map((word) => word.replaceAll("$$", "$"));
    const worker = spawn(command[0]!, command.slice(1), { cwd: tree, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    worker.stdout.on("data", (d) => (output += d));
    worker.stderr.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((done) => worker.on("exit", (code) => done(code)));
    if (!env.DATABASE_URL) {
      expect(await exited).toBe(2);
      expect(output).toContain("Use DATABASE_URL to run separate workers");
      return;
    }
    for (let tries = 0; !output.includes("worker started") && tries < 200; tries++) await new Promise((r) => setTimeout(r, 100));
    expect(output).toContain("Mail and webhook worker started");
    worker.kill("SIGTERM");
    expect(await exited, output).toBe(0);
  }, 60_000);
});
