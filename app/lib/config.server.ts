/**
 * The configuration: every environment variable the app reads, declared once
 * with its type, default and bounds (README.md's table is checked against
 * this list). Read once when a process starts, then passed down: nothing else
 * reads `process.env`. See docs/decisions/0020-one-configuration.md.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import { dirname } from "node:path";
import { z } from "zod";

type Environment = Record<string, string | undefined>;

/** An empty variable is an unset one (`PUBLIC_URL=` in a .env file). */
const unsetIfBlank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

function boundsText(integer: boolean, min: number, max: number | undefined): string {
  const kind = integer ? "an integer" : "a number";
  return max === undefined ? `${kind} ≥ ${min}` : `${kind} ${min}–${max}`;
}

/** A number within bounds (`min` 0 unless said otherwise); unset: `fallback`. */
function number(about: string, fallback: number, { integer = false, min = 0, max }: { integer?: boolean; min?: number; max?: number } = {}) {
  const error = boundsText(integer, min, max);
  let schema = z.coerce.number({ error }).min(min, { error });
  if (max !== undefined) schema = schema.max(max, { error });
  if (integer) schema = schema.int({ error });
  return z.preprocess(unsetIfBlank, schema.default(fallback)).describe(about);
}

/** A non-negative whole count. */
const count = (about: string, fallback: number, min = 0) => number(about, fallback, { integer: true, min });

const text = (about: string, fallback: string) => z.preprocess(unsetIfBlank, z.string().default(fallback)).describe(about);

const optionalText = (about: string) => z.preprocess(unsetIfBlank, z.string().optional()).describe(about);

/** One of a few words; the first is the default. */
const oneOf = <const T extends readonly [string, ...string[]]>(about: string, words: T) =>
  z.preprocess(unsetIfBlank, z.enum(words, { error: `one of ${words.map((w) => `"${w}"`).join(", ")}` }).default(words[0])).describe(about);

/** A URL whose scheme is one of `schemes` (without `://`). */
function url(about: string, schemes: readonly string[]) {
  const error = `a URL starting with ${schemes.map((s) => `${s}://`).join(" or ")}`;
  const valid = (value: string) => {
    if (!schemes.some((scheme) => value.startsWith(`${scheme}://`))) return false;
    // A postgres:// connection string may name no host (a Unix socket): only the scheme is checked there.
    if (schemes.includes("postgres")) return true;
    return URL.canParse(value) && new URL(value).hostname !== "";
  };
  return z.preprocess(unsetIfBlank, z.string().refine(valid, { error }).optional()).describe(about);
}

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/u;

/** An address (`0.0.0.0`, `::`, `[::1]`, `192.168.1.20`) or a name this machine resolves (`localhost`). */
const host = z
  .preprocess(
    unsetIfBlank,
    z
      .string()
      .transform((given) => given.trim().replace(/^\[(.*)\]$/u, "$1"))
      .refine((address) => isIP(address) !== 0 || HOST_NAME.test(address), { error: "an IP address or a host name of this machine" })
      .optional(),
  )
  .describe("address to listen on: 0.0.0.0 or :: for every interface, or one address or name of this machine");

/**
 * Every variable, by name. The descriptions are short; README.md's table says
 * more, and a test keeps both lists (and the plain defaults) the same.
 */
export const VARIABLES = {
  DATABASE_URL: url("postgres:// URL of a real server; unset: embedded PGlite in PGLITE_DIR", ["postgres", "postgresql"]),
  PGLITE_DIR: text("embedded database folder (owned by one process)", ".data/pglite"),
  DATABASE_POOL_SIZE: count("connections per process to DATABASE_URL (and as many to DATABASE_READ_URL)", 10, 1),
  NODE_HEAP_MB: count("JavaScript heap limit of production processes, in MB", 1024, 16),
  DATABASE_READ_URL: url("a read replica of DATABASE_URL for public pages", ["postgres", "postgresql"]),
  DATABASE_CONNECT_TIMEOUT_SECONDS: number("give up opening a database connection after this (the page answers 503)", 5, { min: 1 }),
  SMTP_URL: url("smtp(s)://user:pass@host:port for outgoing mail; unset: .eml files in MAIL_OUTBOX_DIR", ["smtp", "smtps"]),
  SMTP_MAX_CONNECTIONS: count("SMTP connections a process keeps open at most", 5, 1),
  MAIL_FROM: text("From address of all mail", "Treaty Watch <no-reply@localhost>"),
  MAIL_OUTBOX_DIR: text("where the local transport writes mail", ".data/outbox"),
  MAIL_WORKER: oneOf("off: this web process sends no mail (separate workers do)", ["on", "off"]),
  MAIL_BATCH_SIZE: count("rows a worker claims at a time", 20, 1),
  MAIL_PER_DOMAIN_PER_MINUTE: count("most mails per recipient domain per minute", 600, 1),
  BULK_MAIL_PER_MINUTE: count("most bulk mails (updates, alerts) sent per minute by all workers; confirmations and letters are not counted and go first", 1000, 1),
  MAIL_LEASE_SECONDS: number("how long a claimed row stays a worker's before another retries it", 300, { min: 1 }),
  MAIL_BOUNCE_SECRET: optionalText("bearer secret of POST /api/v1/mail/bounces; unset: the endpoint answers 503"),
  SMTP_TLS_INSECURE: oneOf("1 accepts self-signed SMTP certificates (local test servers only)", ["0", "1"]),
  PUBLIC_URL: url("absolute base URL used in links that leave the page; unset: http://localhost:$PORT", ["http", "https"]),
  SESSION_SECRET: optionalText("cookie signing secret(s), comma separated for rotation; required with DATABASE_URL"),
  PORT: number("HTTP port", 3000, { integer: true, max: 65535 }),
  HOST: host,
  TRUST_PROXY: optionalText("take the client address from X-Forwarded-For (how many proxies, or loopback)"),
  TREATY_SLUG: text("which treaty in the database the site campaigns on", "un-cybercrime-convention"),
  LOG_REQUESTS: oneOf("0 turns the request log off", ["1", "0"]),
  SIGN_MIN_FILL_SECONDS: number("a sign form submitted faster than this after it was served is stored as suspect", 2),
  SIGN_RATE_PER_MINUTE: number("signatures per client address per petition per minute before the form asks the next ones to wait a minute", 20),
  SIGN_RATE_PER_HOUR: number("signatures per client address per petition per hour before further ones are marked trending for review", 200),
  SIGN_RATE_PER_DOMAIN_PER_HOUR: number("signatures per email domain per petition per hour before further ones are marked trending for review", 50),
  TRENDING_RULE: oneOf("what a confirmed trending signature does until organizers decide on its source: hold it for review, or count it", ["hold", "count"]),
  TRENDING_ALERT_MAIL: oneOf("off: a newly trending source is shown on the dashboard only, without a mail to the campaign's organizers", ["on", "off"]),
  CONFIRM_LINK_DAYS: number("how long a confirmation link works after its last mail", 30),
  PETITION_CACHE_MS: number("how long a process reuses a petition's row and texts", 2000),
  PAGE_CACHE_MS: number("how long a process replays a rendered public page; 0 turns it off", 1000),
  SURGE_PAGE_CACHE_MS: number("the same in surge mode", 15_000),
  EDGE_CACHE_SECONDS: number("how long a shared cache (a proxy or CDN in front) may serve an anonymous public page (s-maxage); 0: public pages are not for shared caches", 30),
  EDGE_STALE_WHILE_REVALIDATE_SECONDS: number("… and then serve it stale while it fetches a fresh one", 30),
  EDGE_STALE_IF_ERROR_SECONDS: number("… or serve it stale this long while the app answers errors", 86_400),
  SIGN_BATCH_MAX: count("most signatures one process writes in one statement (group commit of concurrent signers)", 64, 1),
  SURGE_THRESHOLD_RPS: number("on auto, a process goes into surge mode at this many requests per second; 0: only the switch", 400),
  SURGE_THRESHOLD_BUSY: number("… or when its event loop is busy this share of a second (0 = the rate only)", 0.9, { max: 1 }),
  SURGE_HOLD_SECONDS: number("surge mode stays on this long after the load fell below both", 120),
  SURGE_SWITCH_POLL_MS: number("how often a process reads the organizers' surge switch", 5000),
  LETTERS_PER_SENDER_PER_DAY: number("letters one email address may write per day", 10),
  LETTERS_PER_ADDRESS_PER_DAY: number("letters one client address may write per campaign per day", 50),
  LETTER_MIN_FILL_SECONDS: number("a letter sent faster than this after its form was served is refused with a note", 3),
  LETTER_CONFIRM_DAYS: number("an unconfirmed letter expires after this", 7),
  LETTER_IDENTICAL_THRESHOLD: number("identical letters to one target sent one by one before the rest go into its daily digest", 3),
  LETTER_FOLLOWUP_DAYS: number("after delivery, the sender is asked whether they got a reply", 14),
  RETENTION_UNCONFIRMED_DAYS: number("signatures never confirmed and letters never sent are deleted after this", 30),
  RETENTION_AFTER_CLOSE_DAYS: number("a closed campaign's signatures and letters keep only country, the people written to and dates after this", 90),
  RETENTION_MAIL_DAYS: number("a mail that went out keeps its delivery facts but not its personal content after this", 30),
  API_REQUESTS_PER_MINUTE: count("requests one API key may make per minute (/api/osdi/v1)", 600, 1),
  WEBHOOK_ALLOW_PRIVATE: oneOf("1 lets webhooks target loopback/private addresses (local testing only)", ["0", "1"]),
  WEBHOOK_WORKER: oneOf("off: this web process delivers no webhooks (separate workers do)", ["on", "off"]),
  WEBHOOK_TIMEOUT_SECONDS: number("a webhook receiver must answer within this", 10, { min: 1, max: 60 }),
  WEBHOOK_GIVE_UP_HOURS: number("a delivery still failing this long after its event is given up", 24, { min: 1 }),
  CHECKPOINT_INTERVAL_SECONDS: number("how often each petition's signature log gets a signed checkpoint when it has grown (and at once when a petition closes)", 600, { min: 1 }),
  LOG_SIGNING_KEY: optionalText("the Ed25519 private key (PKCS#8 PEM; \\n for line breaks) that signs log checkpoints; unset: a local trial makes one under .data/, a deployment publishes none"),
} as const;

const environment = z.object(VARIABLES);

export type Variables = z.output<typeof environment>;
export type VariableName = keyof typeof VARIABLES;

const DAY_MS = 86_400_000;

/** A loopback address: only this machine can reach a local trial. */
export const LOCAL_TRIAL_HOST = "127.0.0.1";

/** Where a local trial keeps the signing secret it generated on its first start. */
export const LOCAL_SECRET_FILE = ".data/session-secret";

/** Where a local trial keeps the log signing key it generated on its first start. */
export const LOCAL_LOG_KEY_FILE = ".data/log-signing-key.pem";

export interface Config {
  server: {
    port: number;
    /** Where to listen (HOST): a local trial listens on loopback only unless told otherwise; with DATABASE_URL, unset: every interface. */
    host?: string;
    /** Absolute base URL for links that leave the page (mail, hreflang), without a trailing slash. */
    publicUrl: string;
    /** Signing secrets, newest first: cookies, unsubscribe links, keyed hashes. */
    sessionSecrets: string[];
    trustProxy: string | number | false;
    /** Largest request body accepted, in bytes. */
    maxBodyBytes: number;
    /** The JavaScript heap limit of production processes (MB). */
    heapMb: number;
  };
  database: {
    databaseUrl?: string;
    pgliteDir: string;
    poolSize: number;
    connectTimeoutSeconds: number;
    readUrl?: string;
  };
  mail: {
    /** Pooled SMTP when set; otherwise `.eml` files in `outboxDir`. */
    smtpUrl?: string;
    smtpMaxConnections: number;
    smtpTlsInsecure: boolean;
    outboxDir: string;
    from: string;
    /** False when separate worker processes send the mail (MAIL_WORKER=off). */
    workerInWebProcess: boolean;
    batchSize: number;
    perDomainPerMinute: number;
    /** Bulk mail (priority 1) sent per minute at most, by all workers together. */
    bulkPerMinute: number;
    leaseMs: number;
    bounceSecret?: string;
  };
  /** Signing petitions. */
  signing: {
    /** Faster than this from page to submit is a bot. */
    minFillMs: number;
    /** A served form may be submitted for this long (a day after the oldest copy a shared cache may serve: `formMaxAgeMs`). */
    formMaxAgeMs: number;
    /** Signatures per client address per petition per minute … */
    perMinute: number;
    /** … and per hour. */
    perHour: number;
    /** Signatures per email domain per petition per hour, any client address (public mail services are not counted). */
    perDomainPerHour: number;
    /** How long a confirmation link works. */
    confirmTtlMs: number;
    /** Repeated signing: least time between two confirmation mails, most mails one signature may get. */
    resend: { minIntervalMs: number; maxMails: number };
    /** Most signatures one process writes in one statement. */
    batchMax: number;
    /** What a confirmed trending signature does until organizers decide on its source. */
    trendingRule: "hold" | "count";
    /** Whether a newly trending source is also mailed to the campaign's organizers. */
    trendingAlertMail: boolean;
  };
  /** What the app tells shared caches (a proxy or CDN in front) about anonymous public pages; 0 s: not for shared caches. */
  edge: { cacheSeconds: number; staleWhileRevalidateSeconds: number; staleIfErrorSeconds: number };
  letters: {
    /** Letters one sender address may write per day. */
    perSenderPerDay: number;
    /** Letters one client address may write per campaign per day. */
    perAddressPerDay: number;
    /** How long an unconfirmed letter may still be confirmed; then it expires. */
    confirmTtlMs: number;
    /** Identical letters to one target sent one by one before the rest are folded into the digest. */
    identicalThreshold: number;
    /** When the sender is asked "did you get a reply?", after delivery. */
    followupAfterMs: number;
    /** A letter sent faster than this after its form was served is a bot's. */
    minFillMs: number;
    /** A served letter form may be submitted for this long. */
    formMaxAgeMs: number;
  };
  /** How long a process reuses what it read: organizer edits reach every process within this. */
  caches: { petitionMs: number };
  surge: {
    thresholdRps: number;
    thresholdBusy: number;
    holdMs: number;
    switchPollMs: number;
    normal: SurgeTuningConfig;
    surge: SurgeTuningConfig;
  };
  retention: {
    /** Signatures never confirmed (pending, suspect, rejected) and letters never sent are deleted after this, with their mails. */
    unconfirmedDays: number;
    /** Signatures and letters of a closed campaign keep only country, target and dates after this. */
    anonymizeAfterCloseDays: number;
    /** Finished mail keeps its delivery facts but not its personal content after this. */
    mailDays: number;
  };
  /** The partner API (/api/osdi/v1). */
  api: { requestsPerMinute: number };
  webhooks: {
    /** Only for local testing: lets a subscription target loopback and private addresses. */
    allowPrivate: boolean;
    workerInWebProcess: boolean;
    timeoutMs: number;
    giveUpAfterMs: number;
    maxResponseBytes: number;
  };
  logging: { requests: boolean };
  /** The public signature logs (docs/transparency.md). */
  transparency: {
    checkpointIntervalMs: number;
    /** PKCS#8 PEM of the checkpoint signing key; undefined: no checkpoints are signed. */
    signingKeyPem: string | undefined;
  };
  /** The treaty this deployment campaigns on: configured by slug, not in code. */
  treaty: { slug: string };
}

/** Cache lives and refresh intervals of one surge state. */
interface SurgeTuningConfig {
  pageCacheMs: number;
  countsMaxAgeSeconds: number;
  mapMaxAgeSeconds: number;
  liveCountIntervalMs: number;
}

/** The environment is not a valid configuration: `problems` names each bad variable and what it expects. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The configuration is not valid:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const blank = (env: Environment, name: VariableName) => unsetIfBlank(env[name]) === undefined;

const givenSecrets = (value: string | undefined) => (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);

/**
 * A refused value as an error message may show it: never a secret, and never the password of
 * a connection string (`postgres://user:pass@host`), since start-up errors go to the logs.
 */
function shownValue(name: string, value: string | undefined): string {
  if (/SECRET/u.test(name)) return "(hidden)";
  return `"${String(value).replace(/\/\/[^/@\s]*@/u, "//…@")}"`;
}

/**
 * The variables of `env`, each checked, and the rules between them: one error
 * names every bad variable and what it expects.
 */
function checkedVariables(env: Environment, { secretRequired }: { secretRequired: boolean }): Variables {
  const parsed = environment.safeParse(Object.fromEntries(Object.keys(VARIABLES).map((name) => [name, env[name]])));
  const problems = new Map<string, string>();
  for (const issue of parsed.error?.issues ?? []) {
    const name = String(issue.path[0]);
    if (!problems.has(name)) problems.set(name, `${name} must be ${issue.message}, got ${shownValue(name, env[name])}`);
  }
  if (!blank(env, "DATABASE_READ_URL") && blank(env, "DATABASE_URL")) {
    problems.set("DATABASE_READ_URL", "DATABASE_READ_URL needs DATABASE_URL: the embedded database has no replicas");
  }
  if (secretRequired && !blank(env, "DATABASE_URL") && givenSecrets(env.SESSION_SECRET).length === 0) {
    problems.set("SESSION_SECRET", "SESSION_SECRET must be set when DATABASE_URL is: a deployment signs with its own secret(s), comma separated");
  }
  // In the order of the table, whatever order the checks ran in.
  const ordered = Object.keys(VARIABLES).flatMap((name) => problems.get(name) ?? []);
  if (ordered.length > 0 || !parsed.success) throw new ConfigError(ordered);
  return parsed.data;
}

/** One variable alone, checked like the rest (for a value needed before the configuration is loaded). */
export function readVariable<K extends VariableName>(name: K, env: Environment = process.env): Variables[K] {
  const parsed = VARIABLES[name].safeParse(env[name]);
  if (!parsed.success) throw new ConfigError([`${name} must be ${parsed.error.issues[0]?.message}, got ${shownValue(name, env[name])}`]);
  return parsed.data as Variables[K];
}

const trustProxy = (value: string | undefined): string | number | false => (!value ? false : /^\d+$/u.test(value) ? Number(value) : value);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * The configuration of `env`, with the signing secrets SESSION_SECRET gives (or `sessionSecrets`):
 * no file is read or written. Tests build theirs this way (tests/support/test-config.ts).
 */
export function configFrom(env: Environment, sessionSecrets: string[] = givenSecrets(env.SESSION_SECRET)): Config {
  const variables = checkedVariables(env, { secretRequired: false });
  return configOf(variables, sessionSecrets, givenPem(variables.LOG_SIGNING_KEY));
}

/**
 * How long a served public form's token is honoured: a day to fill it in, counted from the oldest
 * copy of its page a shared cache may still serve (its cache life, then stale while revalidating
 * or while the app errs). The token carries the render time, so a cached page only makes the
 * measured fill time longer (docs/decisions/0042-public-pages-for-shared-caches.md).
 */
function formMaxAgeMs(v: Pick<Variables, "EDGE_CACHE_SECONDS" | "EDGE_STALE_WHILE_REVALIDATE_SECONDS" | "EDGE_STALE_IF_ERROR_SECONDS">): number {
  const servedFor = v.EDGE_CACHE_SECONDS > 0 ? v.EDGE_CACHE_SECONDS + Math.max(v.EDGE_STALE_WHILE_REVALIDATE_SECONDS, v.EDGE_STALE_IF_ERROR_SECONDS) : 0;
  return DAY_MS + servedFor * 1000;
}

function configOf(v: Variables, sessionSecrets: string[], logSigningKeyPem: string | undefined): Config {
  const publicUrl = (v.PUBLIC_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/u, "");
  return deepFreeze({
    server: {
      port: v.PORT,
      host: v.HOST ?? (v.DATABASE_URL ? undefined : LOCAL_TRIAL_HOST),
      publicUrl,
      sessionSecrets,
      trustProxy: trustProxy(v.TRUST_PROXY),
      maxBodyBytes: 64 * 1024,
      heapMb: v.NODE_HEAP_MB,
    },
    database: {
      databaseUrl: v.DATABASE_URL,
      pgliteDir: v.PGLITE_DIR,
      poolSize: v.DATABASE_POOL_SIZE,
      connectTimeoutSeconds: v.DATABASE_CONNECT_TIMEOUT_SECONDS,
      readUrl: v.DATABASE_READ_URL,
    },
    mail: {
      smtpUrl: v.SMTP_URL,
      smtpMaxConnections: v.SMTP_MAX_CONNECTIONS,
      smtpTlsInsecure: v.SMTP_TLS_INSECURE === "1",
      outboxDir: v.MAIL_OUTBOX_DIR,
      from: v.MAIL_FROM,
      workerInWebProcess: v.MAIL_WORKER === "on",
      batchSize: v.MAIL_BATCH_SIZE,
      perDomainPerMinute: v.MAIL_PER_DOMAIN_PER_MINUTE,
      bulkPerMinute: v.BULK_MAIL_PER_MINUTE,
      leaseMs: v.MAIL_LEASE_SECONDS * 1000,
      bounceSecret: v.MAIL_BOUNCE_SECRET,
    },
    signing: {
      minFillMs: v.SIGN_MIN_FILL_SECONDS * 1000,
      formMaxAgeMs: formMaxAgeMs(v),
      perMinute: v.SIGN_RATE_PER_MINUTE,
      perHour: v.SIGN_RATE_PER_HOUR,
      perDomainPerHour: v.SIGN_RATE_PER_DOMAIN_PER_HOUR,
      confirmTtlMs: v.CONFIRM_LINK_DAYS * DAY_MS,
      resend: { minIntervalMs: 5 * 60 * 1000, maxMails: 5 },
      batchMax: v.SIGN_BATCH_MAX,
      trendingRule: v.TRENDING_RULE,
      trendingAlertMail: v.TRENDING_ALERT_MAIL === "on",
    },
    edge: {
      cacheSeconds: v.EDGE_CACHE_SECONDS,
      staleWhileRevalidateSeconds: v.EDGE_STALE_WHILE_REVALIDATE_SECONDS,
      staleIfErrorSeconds: v.EDGE_STALE_IF_ERROR_SECONDS,
    },
    letters: {
      perSenderPerDay: v.LETTERS_PER_SENDER_PER_DAY,
      perAddressPerDay: v.LETTERS_PER_ADDRESS_PER_DAY,
      confirmTtlMs: v.LETTER_CONFIRM_DAYS * DAY_MS,
      identicalThreshold: v.LETTER_IDENTICAL_THRESHOLD,
      followupAfterMs: v.LETTER_FOLLOWUP_DAYS * DAY_MS,
      minFillMs: v.LETTER_MIN_FILL_SECONDS * 1000,
      formMaxAgeMs: formMaxAgeMs(v),
    },
    caches: { petitionMs: v.PETITION_CACHE_MS },
    surge: {
      thresholdRps: v.SURGE_THRESHOLD_RPS,
      thresholdBusy: v.SURGE_THRESHOLD_BUSY,
      holdMs: v.SURGE_HOLD_SECONDS * 1000,
      switchPollMs: v.SURGE_SWITCH_POLL_MS,
      normal: { pageCacheMs: v.PAGE_CACHE_MS, countsMaxAgeSeconds: 5, mapMaxAgeSeconds: 10, liveCountIntervalMs: 10_000 },
      surge: { pageCacheMs: v.SURGE_PAGE_CACHE_MS, countsMaxAgeSeconds: 30, mapMaxAgeSeconds: 60, liveCountIntervalMs: 60_000 },
    },
    retention: {
      unconfirmedDays: v.RETENTION_UNCONFIRMED_DAYS,
      anonymizeAfterCloseDays: v.RETENTION_AFTER_CLOSE_DAYS,
      mailDays: v.RETENTION_MAIL_DAYS,
    },
    api: { requestsPerMinute: v.API_REQUESTS_PER_MINUTE },
    webhooks: {
      allowPrivate: v.WEBHOOK_ALLOW_PRIVATE === "1",
      workerInWebProcess: v.WEBHOOK_WORKER === "on",
      timeoutMs: v.WEBHOOK_TIMEOUT_SECONDS * 1000,
      giveUpAfterMs: v.WEBHOOK_GIVE_UP_HOURS * 3_600_000,
      /** Response bodies are read up to this and then dropped: a receiver cannot make us hold more. */
      maxResponseBytes: 64 * 1024,
    },
    logging: { requests: v.LOG_REQUESTS === "1" },
    transparency: { checkpointIntervalMs: v.CHECKPOINT_INTERVAL_SECONDS * 1000, signingKeyPem: logSigningKeyPem },
    treaty: { slug: v.TREATY_SLUG },
  });
}

export interface LoadOptions {
  /**
   * `serve` (web and mail worker processes): SESSION_SECRET is required with DATABASE_URL, and a
   * local trial generates one into `localSecretFile` on its first start. `command` (the command
   * line): the secrets are only looked for (given, or a local trial's file), never required.
   */
  purpose?: "serve" | "command";
  localSecretFile?: string;
  localLogKeyFile?: string;
}

/**
 * A local trial keeps one generated secret under .data/; against a real
 * database (a deployment) the secret must be given (checkedVariables).
 */
function sessionSecrets(env: Environment, { purpose = "serve", localSecretFile = LOCAL_SECRET_FILE }: LoadOptions): string[] {
  const given = givenSecrets(env.SESSION_SECRET);
  if (given.length > 0 || !blank(env, "DATABASE_URL")) return given;
  if (!existsSync(localSecretFile)) {
    if (purpose === "command") return [];
    mkdirSync(dirname(localSecretFile), { recursive: true });
    writeFileSync(localSecretFile, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return [readFileSync(localSecretFile, "utf8").trim()];
}

/** A PEM given in one line (an environment file) has its line breaks written `\\n`. */
function givenPem(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.replace(/\\n/gu, "\n").trim() + "\n";
}

/**
 * The log signing key: LOG_SIGNING_KEY; else a local trial's own, generated under .data/ on its
 * first start; else (a deployment that set none) no key, and no checkpoints.
 */
function logSigningKeyPem(v: Variables, { purpose = "serve", localLogKeyFile = LOCAL_LOG_KEY_FILE }: LoadOptions): string | undefined {
  const given = givenPem(v.LOG_SIGNING_KEY);
  if (given !== undefined || v.DATABASE_URL !== undefined) return given;
  if (!existsSync(localLogKeyFile)) {
    if (purpose === "command") return undefined;
    mkdirSync(dirname(localLogKeyFile), { recursive: true });
    const { privateKey } = generateKeyPairSync("ed25519");
    writeFileSync(localLogKeyFile, privateKey.export({ format: "pem", type: "pkcs8" }).toString(), { mode: 0o600 });
  }
  return readFileSync(localLogKeyFile, "utf8");
}

/** The configuration of this process, from its environment: once, at start. Throws a ConfigError naming each bad variable. */
export function loadConfig(env: Environment = process.env, options: LoadOptions = {}): Config {
  const variables = checkedVariables(env, { secretRequired: (options.purpose ?? "serve") === "serve" });
  return configOf(variables, sessionSecrets(env, options), logSigningKeyPem(variables, options));
}

/** `loadConfig`, or a clear message and exit code 2: for the entry points of processes. */
export function loadConfigOrExit(options: LoadOptions = {}): Config {
  try {
    return loadConfig(process.env, options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

/**
 * `npm run dev` (`--dev`, or NODE_ENV=development) runs in development; anything else is
 * production, and the libraries that look at NODE_ENV (React, Remix) are told so.
 */
export function settleRunMode(argv: readonly string[] = process.argv, env: Environment = process.env): "development" | "production" {
  if (argv.includes("--dev") || env.NODE_ENV === "development") return "development";
  env.NODE_ENV = "production";
  return "production";
}

/** This process's environment with `overrides`: for a child process (a build, a server under test). */
export function environmentWith(overrides: Environment): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides } as NodeJS.ProcessEnv;
}
