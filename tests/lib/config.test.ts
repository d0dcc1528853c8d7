import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, configFrom, loadConfig, readVariable, settleRunMode, VARIABLES, type VariableName } from "~/lib/config.server";

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    configFrom(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe("the configuration's defaults", () => {
  it("are what the README promises when nothing is set", () => {
    const config = configFrom({});
    expect(config.server).toMatchObject({ port: 3000, host: "127.0.0.1", publicUrl: "http://localhost:3000", trustProxy: false, heapMb: 1024 });
    expect(config.database).toEqual({ databaseUrl: undefined, pgliteDir: ".data/pglite", poolSize: 10, connectTimeoutSeconds: 5, readUrl: undefined });
    expect(config.mail).toMatchObject({ from: "Treaty Watch <no-reply@localhost>", outboxDir: ".data/outbox", workerInWebProcess: true, batchSize: 20, perDomainPerMinute: 600, leaseMs: 300_000, smtpTlsInsecure: false, smtpMaxConnections: 5 });
    expect(config.mail.smtpUrl).toBeUndefined();
    expect(config.mail.bounceSecret).toBeUndefined();
    expect(config.signing).toMatchObject({ minFillMs: 2000, perMinute: 20, perHour: 200, perDomainPerHour: 50, confirmTtlMs: 30 * 86_400_000 });
    expect(config.letters).toMatchObject({ perSenderPerDay: 10, perAddressPerDay: 50, minFillMs: 3000, confirmTtlMs: 7 * 86_400_000, identicalThreshold: 3, followupAfterMs: 14 * 86_400_000 });
    expect(config.caches).toEqual({ petitionMs: 2000 });
    expect(config.surge).toMatchObject({ thresholdRps: 400, thresholdBusy: 0.9, holdMs: 120_000, switchPollMs: 5000 });
    expect([config.surge.normal.pageCacheMs, config.surge.surge.pageCacheMs]).toEqual([1000, 15_000]);
    expect(config.retention).toEqual({ unconfirmedDays: 30, anonymizeAfterCloseDays: 90, mailDays: 30 });
    expect(config.logging.requests).toBe(true);
    expect(config.treaty.slug).toBe("un-cybercrime-convention");
  });

  it("take an empty variable for an unset one", () => {
    expect(configFrom({ PORT: "", PAGE_CACHE_MS: " ", MAIL_WORKER: "" })).toMatchObject({ server: { port: 3000 }, surge: { normal: { pageCacheMs: 1000 } }, mail: { workerInWebProcess: true } });
  });

  it("derive PUBLIC_URL from PORT, and drop a trailing slash from a given one", () => {
    expect(configFrom({ PORT: "8080" }).server.publicUrl).toBe("http://localhost:8080");
    expect(configFrom({ PUBLIC_URL: "https://treaty.example.org//" }).server.publicUrl).toBe("https://treaty.example.org");
  });

  it("read the switches and the proxy setting", () => {
    expect(configFrom({ MAIL_WORKER: "off", LOG_REQUESTS: "0", SMTP_TLS_INSECURE: "1" })).toMatchObject({ mail: { workerInWebProcess: false, smtpTlsInsecure: true }, logging: { requests: false } });
    expect(configFrom({ TRUST_PROXY: "2" }).server.trustProxy).toBe(2);
    expect(configFrom({ TRUST_PROXY: "loopback" }).server.trustProxy).toBe("loopback");
  });

  it("is frozen: nothing changes it after the start", () => {
    const config = configFrom({});
    expect(Object.isFrozen(config) && Object.isFrozen(config.signing) && Object.isFrozen(config.surge.normal)).toBe(true);
    expect(() => {
      (config.signing as { perMinute: number }).perMinute = 1;
    }).toThrow(TypeError);
  });
});

describe("a bad value", () => {
  it.each([
    ["PORT", "abc", 'PORT must be an integer 0–65535, got "abc"'],
    ["PORT", "65536", 'PORT must be an integer 0–65535, got "65536"'],
    ["PORT", "80.5", 'PORT must be an integer 0–65535, got "80.5"'],
    ["SIGN_MIN_FILL_SECONDS", "-1", 'SIGN_MIN_FILL_SECONDS must be a number ≥ 0, got "-1"'],
    ["PAGE_CACHE_MS", "Infinity", 'PAGE_CACHE_MS must be a number ≥ 0, got "Infinity"'],
    ["SURGE_THRESHOLD_BUSY", "1.5", 'SURGE_THRESHOLD_BUSY must be a number 0–1, got "1.5"'],
    ["MAIL_BATCH_SIZE", "0", 'MAIL_BATCH_SIZE must be an integer ≥ 1, got "0"'],
    ["DATABASE_POOL_SIZE", "ten", 'DATABASE_POOL_SIZE must be an integer ≥ 1, got "ten"'],
    ["MAIL_WORKER", "no", 'MAIL_WORKER must be one of "on", "off", got "no"'],
    ["LOG_REQUESTS", "false", 'LOG_REQUESTS must be one of "1", "0", got "false"'],
    ["SMTP_URL", "http://mail.example", 'SMTP_URL must be a URL starting with smtp:// or smtps://, got "http://mail.example"'],
    ["PUBLIC_URL", "treaty.example.org", 'PUBLIC_URL must be a URL starting with http:// or https://, got "treaty.example.org"'],
    ["DATABASE_URL", "mysql://db/app", 'DATABASE_URL must be a URL starting with postgres:// or postgresql://, got "mysql://db/app"'],
  ])("%s=%s is refused, naming the variable and what it expects", (name, value, message) => {
    expect(problemsOf({ [name]: value })).toEqual([message]);
  });

  it("of any number is refused with its own name", () => {
    const numbers = (Object.keys(VARIABLES) as VariableName[]).filter((name) => typeof VARIABLES[name].parse(undefined) === "number");
    expect(numbers.length).toBeGreaterThan(25);
    for (const name of numbers) {
      expect(problemsOf({ [name]: "lots" }), name).toEqual([expect.stringMatching(new RegExp(`^${name} must be (a number|an integer) .*, got "lots"$`, "u"))]);
      expect(problemsOf({ [name]: "-5" }), name).toHaveLength(1);
    }
  });

  it("stops the start with one error that names every bad variable", () => {
    expect(() => loadConfig({ PORT: "x", SURGE_THRESHOLD_RPS: "lots", MAIL_WORKER: "maybe", SESSION_SECRET: "s" })).toThrow(
      /The configuration is not valid:\n {2}MAIL_WORKER must be .*\n {2}PORT must be .*\n {2}SURGE_THRESHOLD_RPS must be /u,
    );
  });

  it("never echoes a password or a secret into the message (start-up errors go to the logs)", () => {
    const problems = problemsOf({ DATABASE_URL: "mysql://app:hunter2@db/app", SMTP_URL: "http://mailer:s3cret@mail.example.org", MAIL_BOUNCE_SECRET: " " });
    expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL must be .*got "mysql:\/\/…@db\/app"$/u), expect.stringMatching(/^SMTP_URL must be .*got "http:\/\/…@mail\.example\.org"$/u)]);
    expect(problems.join("\n")).not.toMatch(/hunter2|s3cret/u);
    expect(() => readVariable("SMTP_URL", { SMTP_URL: "ftp://u:pw@x" })).toThrow(/got "ftp:\/\/…@x"/u);
  });

  it("DATABASE_READ_URL without DATABASE_URL is refused", () => {
    expect(problemsOf({ DATABASE_READ_URL: "postgres://replica/app" })).toEqual([expect.stringMatching(/^DATABASE_READ_URL needs DATABASE_URL/u)]);
    expect(configFrom({ DATABASE_URL: "postgres://db/app", DATABASE_READ_URL: "postgres://replica/app" }).database.readUrl).toBe("postgres://replica/app");
  });
});

describe("SESSION_SECRET", () => {
  const folder = () => mkdtempSync(join(tmpdir(), "tw-config-"));

  it("is required with DATABASE_URL (a deployment), and named when missing", () => {
    expect(() => loadConfig({ DATABASE_URL: "postgres://db/app" })).toThrow(/SESSION_SECRET must be set when DATABASE_URL is/u);
    expect(() => loadConfig({ DATABASE_URL: "postgres://db/app", SESSION_SECRET: " , " })).toThrow(/SESSION_SECRET/u);
  });

  it("is a comma-separated list, newest first", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://db/app", SESSION_SECRET: "new, old" }).server.sessionSecrets).toEqual(["new", "old"]);
  });

  it("in a local trial is generated once into the secret file, readable by its owner only, and reused", () => {
    const file = join(folder(), ".data", "session-secret");
    const first = loadConfig({}, { localSecretFile: file }).server.sessionSecrets;
    expect(first).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/u)]);
    expect(readFileSync(file, "utf8")).toBe(first[0]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({}, { localSecretFile: file }).server.sessionSecrets).toEqual(first);
  });

  it("is only looked for by the command line: never required, never generated", () => {
    const file = join(folder(), "session-secret");
    expect(loadConfig({ DATABASE_URL: "postgres://db/app" }, { purpose: "command", localSecretFile: file }).server.sessionSecrets).toEqual([]);
    expect(loadConfig({}, { purpose: "command", localSecretFile: file }).server.sessionSecrets).toEqual([]);
    expect(existsSync(file)).toBe(false);
  });
});

describe("the address the server listens on (HOST)", () => {
  const secret = { SESSION_SECRET: "s" };

  it("is loopback in a local trial, every interface with a database server", () => {
    expect(loadConfig({ ...secret }).server.host).toBe("127.0.0.1");
    expect(loadConfig({ ...secret, DATABASE_URL: "postgres://db/app" }).server.host).toBeUndefined();
  });

  it("is what HOST says, in either case", () => {
    expect(loadConfig({ ...secret, HOST: "0.0.0.0" }).server.host).toBe("0.0.0.0");
    expect(loadConfig({ ...secret, HOST: "::" }).server.host).toBe("::");
    expect(loadConfig({ ...secret, HOST: "[::1]" }).server.host).toBe("::1");
    expect(loadConfig({ ...secret, HOST: " localhost " }).server.host).toBe("localhost");
    expect(loadConfig({ ...secret, DATABASE_URL: "postgres://db/app", HOST: "10.0.0.5" }).server.host).toBe("10.0.0.5");
  });

  it("refuses a HOST that is no address or host name", () => {
    for (const host of ["http://0.0.0.0", "0.0.0.0:3000", "a b", "-bad", "example..org"]) {
      expect(() => loadConfig({ ...secret, HOST: host }), host).toThrow(`HOST must be an IP address or a host name of this machine, got "${host}"`);
    }
  });
});

describe("outside the configuration", () => {
  it("one variable can be read alone, checked the same way", () => {
    expect(readVariable("NODE_HEAP_MB", {})).toBe(1024);
    expect(readVariable("NODE_HEAP_MB", { NODE_HEAP_MB: "512" })).toBe(512);
    expect(() => readVariable("NODE_HEAP_MB", { NODE_HEAP_MB: "lots" })).toThrow(/NODE_HEAP_MB must be an integer ≥ 16, got "lots"/u);
  });

  it("a start is in production unless `--dev` or NODE_ENV=development says otherwise", () => {
    const env: Record<string, string | undefined> = {};
    expect(settleRunMode(["node", "start.js"], env)).toBe("production");
    expect(env.NODE_ENV).toBe("production");
    expect(settleRunMode(["node", "start.ts", "--dev"], {})).toBe("development");
    expect(settleRunMode(["node", "start.ts"], { NODE_ENV: "development" })).toBe("development");
  });
});
