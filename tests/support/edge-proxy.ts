import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

/** Debian's nginx, as CI installs it (.ci/run). */
export const NGINX = "/usr/sbin/nginx";
/** Run from the repository root, as npm scripts and vitest are. */
export const NGINX_CONF = join(process.cwd(), "deploy", "nginx.conf");

export const nginxInstalled = (): boolean => existsSync(NGINX);

/** Why a test of the proxy does not run here; null when it does. Under CI the test fails instead of skipping. */
export function nginxMissing(): string | null {
  if (nginxInstalled()) return null;
  return `${NGINX} is not installed: the tests of nginx in front of the app are skipped (apt-get install nginx; CI installs it and fails without it)`;
}

export interface EdgeConfigOptions {
  /** host:port of each app process. */
  upstreams: readonly string[];
  port: number;
  /** Where nginx keeps its pid, logs, temporary files and cache. */
  dir: string;
  workers?: number | "auto";
  accessLog?: boolean;
}

function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const found = typeof from === "string" ? text.includes(from) : from.test(text);
  if (!found) throw new Error(`deploy/nginx.conf no longer has ${String(from)}: update tests/support/edge-proxy.ts with it`);
  return text.replace(from, () => to);
}

/**
 * deploy/nginx.conf as it runs here: its upstream block replaced by the given app processes, paths
 * into `dir`, in the foreground, listening on 127.0.0.1:`port`; as root, its workers run as root
 * (the files are root's). Every other line is the production file's.
 */
export function edgeNginxConfig(template: string, { upstreams, port, dir, workers = 1, accessLog = true }: EdgeConfigOptions): string {
  let conf = template;
  const servers = upstreams.map((address) => `    server ${address} max_fails=0;`).join("\n");
  conf = replaceOnce(conf, /upstream treatywatch_app \{[^}]*\}/u, `upstream treatywatch_app {\n${servers}\n    keepalive 64;\n  }`);
  conf = replaceOnce(conf, "listen 80 default_server;", `listen 127.0.0.1:${port} default_server;`);
  conf = replaceOnce(conf, "/var/cache/nginx/treatywatch", join(dir, "cache"));
  conf = replaceOnce(conf, "pid /run/nginx.pid;", `pid ${join(dir, "nginx.pid")};`);
  conf = replaceOnce(conf, "error_log stderr warn;", `error_log ${join(dir, "error.log")} warn;`);
  conf = replaceOnce(conf, "worker_processes auto;", `worker_processes ${workers};\ndaemon off;${process.getuid?.() === 0 ? `\nuser ${userInfo().username};` : ""}`);
  conf = replaceOnce(conf, "access_log /dev/stdout treatywatch;", accessLog ? `access_log ${join(dir, "access.log")} treatywatch;` : "access_log off;");
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path ${join(dir, `${kind}-temp`)};`).join("\n");
  conf = replaceOnce(conf, "http {\n", `http {\n${temp}\n`);
  return conf;
}

/** A free TCP port in [from, to] on 127.0.0.1. */
export async function freePortIn(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}–${to}`);
}

async function waitForPort(port: number, process: ChildProcess, errorLog: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (process.exitCode !== null) throw new Error(`nginx exited (${process.exitCode}): ${existsSync(errorLog) ? readFileSync(errorLog, "utf8") : ""}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() - started > timeoutMs) throw new Error(`nginx did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface EdgeProxy {
  base: string;
  port: number;
  dir: string;
  /** What nginx logged (errors and warnings). */
  errorLog(): string;
  stop(): Promise<void>;
}

/** Starts Debian's nginx with deploy/nginx.conf in front of `upstreams`, on a port in 4150–4199. */
export async function startEdgeProxy(options: Omit<EdgeConfigOptions, "port" | "dir"> & { port?: number }): Promise<EdgeProxy> {
  const dir = mkdtempSync(join(tmpdir(), "tw-nginx-"));
  mkdirSync(join(dir, "cache"));
  const port = options.port ?? (await freePortIn(4150, 4199));
  const confPath = join(dir, "nginx.conf");
  writeFileSync(confPath, edgeNginxConfig(readFileSync(NGINX_CONF, "utf8"), { ...options, port, dir }));
  const errorLog = join(dir, "error.log");
  const child = spawn(NGINX, ["-p", dir, "-c", confPath, "-e", errorLog], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await waitForPort(port, child, errorLog);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    dir,
    errorLog: () => (existsSync(errorLog) ? readFileSync(errorLog, "utf8") : ""),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
