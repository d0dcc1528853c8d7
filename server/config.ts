import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import { dirname } from "node:path";
import { nonNegativeNumberFromEnv } from "../app/lib/env-number.server";

export interface ServerConfig {
  port: number;
  /**
   * The address to listen on (`HOST`). A local trial (embedded database) listens on loopback
   * only unless told otherwise; with `DATABASE_URL`, unset: every interface.
   */
  host?: string;
  publicUrl: string;
  sessionSecrets: string[];
  trustProxy: string | number | false;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** How long a process replays a rendered petition page (PAGE_CACHE_MS; 0 turns it off). */
  pageCacheMs: number;
}

const LOCAL_SECRET_FILE = ".data/session-secret";

/**
 * A local trial keeps one generated secret under .data/; against a real
 * database (a deployment) the secret must be given.
 */
function sessionSecrets(env: NodeJS.ProcessEnv): string[] {
  const given = (env.SESSION_SECRET ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (given.length > 0) return given;
  if (env.DATABASE_URL) throw new Error("SESSION_SECRET is required when DATABASE_URL is set.");
  if (!existsSync(LOCAL_SECRET_FILE)) {
    mkdirSync(dirname(LOCAL_SECRET_FILE), { recursive: true });
    writeFileSync(LOCAL_SECRET_FILE, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return [readFileSync(LOCAL_SECRET_FILE, "utf8").trim()];
}

/** A loopback address: only this machine can reach a local trial. */
export const LOCAL_TRIAL_HOST = "127.0.0.1";
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/u;

function listenHost(env: NodeJS.ProcessEnv): string | undefined {
  const given = env.HOST?.trim();
  if (given) {
    // An address (`0.0.0.0`, `::`, `192.168.1.20`) or a name this machine resolves (`localhost`).
    const address = given.replace(/^\[(.*)\]$/u, "$1");
    if (isIP(address) === 0 && !HOST_NAME.test(address)) throw new Error(`HOST is not an IP address or host name: ${env.HOST}`);
    return address;
  }
  return env.DATABASE_URL ? undefined : LOCAL_TRIAL_HOST;
}

function trustProxy(value: string | undefined): string | number | false {
  if (!value) return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port number: ${env.PORT}`);
  return {
    port,
    host: listenHost(env),
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ""),
    sessionSecrets: sessionSecrets(env),
    trustProxy: trustProxy(env.TRUST_PROXY),
    maxBodyBytes: 64 * 1024,
    pageCacheMs: nonNegativeNumberFromEnv(env, "PAGE_CACHE_MS", 1000),
  };
}
