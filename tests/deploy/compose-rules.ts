/**
 * The product's own rules for deploy/compose.yaml, beyond the Compose Specification's schema:
 * which services, in which order they start, what each process is told, and where secrets come
 * from. Each rule reports a problem as a sentence, so a test shows what is wrong.
 *
 * `interpolate` follows Compose's variable syntax for the forms the file uses (`${NAME}`,
 * `${NAME:-default}`, `${NAME-default}`, `${NAME:?message}`, `${NAME?message}`, `$$`).
 */
import { parse } from "yaml";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Compose = { services: Record<string, Service>; volumes?: Record<string, unknown> } & Record<string, unknown>;
export interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: (string | { type?: string; source?: string; target?: string; read_only?: boolean })[];
  ports?: (string | number | { target?: number })[];
  healthcheck?: { test?: unknown; disable?: boolean };
  restart?: string;
}

export class InterpolationError extends Error {}

/** Compose reads YAML 1.1 merge keys (`<<: *anchor`). */
export const parseCompose = (text: string): Compose => parse(text, { merge: true }) as Compose;

/** A value with Compose's variables replaced from `env`; throws InterpolationError for a required one missing. */
export function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/gu, (whole, name?: string, colon?: string, op?: string, word?: string, bare?: string) => {
    if (whole === "$$") return "$";
    if (bare) return env[bare] ?? "";
    const given = env[name!];
    const missing = given === undefined || (colon === ":" && given === "");
    if (!op) return given ?? "";
    if (!missing) return given!;
    if (op === "-") return interpolate(word ?? "", env);
    throw new InterpolationError(`${name}: ${word || "required"}`);
  });
}

/** Every string in a parsed file, interpolated (Compose does this after reading the YAML). */
export function interpolateAll<T extends Json>(value: T, env: Record<string, string>): T {
  if (typeof value === "string") return interpolate(value, env) as T;
  if (Array.isArray(value)) return value.map((item) => interpolateAll(item, env)) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateAll(v, env)])) as T;
  return value;
}

/** The names of the variables a text refers to (`$$` escapes are not references). */
export const referencedVariables = (text: string): string[] =>
  [...new Set([...text.replaceAll("$$", "").matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)|\$([A-Za-z_][A-Za-z0-9_]*)/gu)].map((m) => (m[1] ?? m[2])!))].sort();

/** `NAME=value` lines as Compose reads an `.env` file: comments, blank lines, quoted values. */
export function readEnvFile(text: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/u.exec(line);
    if (!match) continue;
    const raw = match[2]!.trim();
    const quoted = /^(["'])(.*)\1$/u.exec(raw);
    entries[match[1]!] = quoted ? quoted[2]! : raw.replace(/\s+#.*$/u, "");
  }
  return entries;
}

export const environmentOf = (service: Service): Record<string, string> =>
  Array.isArray(service.environment)
    ? Object.fromEntries(service.environment.map((entry) => [entry.split("=")[0]!, entry.slice(entry.indexOf("=") + 1)]))
    : Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, v === null ? "" : String(v)]));

const dependencyOn = (service: Service, other: string): string | undefined =>
  Array.isArray(service.depends_on) ? (service.depends_on.includes(other) ? "service_started" : undefined) : service.depends_on?.[other]?.condition ?? (service.depends_on && other in service.depends_on ? "service_started" : undefined);

const commandText = (service: Service): string => (Array.isArray(service.command) ? service.command.join(" ") : service.command ?? "");

/** What `sh -c "<script>"` in a Compose command runs, with Compose's `$$` handed to the shell as `$`. */
const shellScript = (service: Service): string | undefined =>
  Array.isArray(service.command) && service.command[0] === "sh" && service.command[1] === "-c" ? service.command[2]?.replaceAll("$$", "$") : undefined;

const longVolumes = (service: Service) =>
  (service.volumes ?? []).map((volume) => {
    if (typeof volume !== "string") return { source: volume.source ?? "", target: volume.target ?? "", readOnly: volume.read_only === true };
    const [source = "", target = "", mode = ""] = volume.split(":");
    return { source, target, readOnly: mode.split(",").includes("ro") };
  });

/** A secret's value must come from the environment (deploy/.env), never be written in the file. */
const SECRET_NAMES = /SECRET|PASSWORD|TOKEN|_KEY$|^SMTP_URL$|^DATABASE(_READ)?_URL$/u;

export interface ComposeFacts {
  /** Names declared in app/lib/config.server.ts's VARIABLES. */
  variables: readonly string[];
  /** package.json's scripts. */
  scripts: Record<string, string>;
}

/** Every way `compose` breaks the product's rules; empty when it keeps them all. */
export function composeProblems(compose: Compose, facts: ComposeFacts): string[] {
  const problems: string[] = [];
  const services = compose.services ?? {};
  const names = Object.keys(services);
  const appImage = (name: string) => Boolean(services[name]?.build);
  const appImageServices = names.filter(appImage);
  const isWorker = (service: Service) => /\bnpm run worker\b/u.test(commandText(service)) || shellScript(service) === facts.scripts.worker;

  for (const required of ["nginx", "app-1", "app-2", "postgres", "migrate"]) if (!services[required]) problems.push(`no service ${required}`);
  const workers = names.filter((name) => isWorker(services[name]!));
  if (workers.length !== 1) problems.push(`${workers.length} mail worker services (want one, scaled with --scale): ${workers.join(", ")}`);
  for (const name of workers) {
    const command = services[name]!.command;
    if (!/\bnpm run worker\b/u.test(commandText(services[name]!)) && shellScript(services[name]!) !== facts.scripts.worker) problems.push(`${name} runs ${JSON.stringify(command)}, not npm run worker`);
  }

  const postgres = services.postgres;
  if (postgres) {
    if (!/^postgres:15\.\d+(-[a-z]+)?$/u.test(postgres.image ?? "")) problems.push(`postgres image ${postgres.image} is not a pinned PostgreSQL 15`);
    const data = longVolumes(postgres).find((v) => v.target === "/var/lib/postgresql/data");
    if (!data || !compose.volumes || !(data.source in compose.volumes)) problems.push("postgres keeps its data in no named volume");
    if (!postgres.healthcheck?.test || postgres.healthcheck.disable) problems.push("postgres has no healthcheck");
  }

  const migrate = services.migrate;
  if (migrate) {
    if (!/build\/server\/cli\/migrate\.js|npm run db:migrate/u.test(commandText(migrate))) problems.push(`migrate runs ${JSON.stringify(migrate.command)}, not the migrations`);
    if (migrate.restart && migrate.restart !== "no") problems.push(`migrate restarts (${migrate.restart}): it must run once`);
    if (dependencyOn(migrate, "postgres") !== "service_healthy") problems.push("migrate does not wait for a healthy postgres");
  }

  const appProcesses = names.filter((name) => /^app-\d+$/u.test(name));
  for (const name of [...appProcesses, ...workers]) {
    const condition = dependencyOn(services[name]!, "migrate");
    if (condition !== "service_completed_successfully") problems.push(`${name} does not wait for the migrations to complete (depends_on migrate: ${condition ?? "none"})`);
  }
  for (const name of appProcesses) {
    const service = services[name]!;
    const env = environmentOf(service);
    if (env.MAIL_WORKER !== "off") problems.push(`${name} sends mail itself (MAIL_WORKER=${env.MAIL_WORKER ?? "unset"})`);
    if (env.WEBHOOK_WORKER !== "off") problems.push(`${name} delivers webhooks itself (WEBHOOK_WORKER=${env.WEBHOOK_WORKER ?? "unset"})`);
    if (!env.TRUST_PROXY) problems.push(`${name} behind nginx has no TRUST_PROXY`);
    if (service.command !== undefined) problems.push(`${name} overrides the image's command`);
  }

  for (const name of appImageServices) {
    for (const [variable, value] of Object.entries(environmentOf(services[name]!))) {
      if (!facts.variables.includes(variable)) problems.push(`${name} sets ${variable}, which app/lib/config.server.ts does not declare`);
      if (SECRET_NAMES.test(variable) && !hidesSecret(variable, value)) problems.push(`${name} writes ${variable} in the file instead of taking it from deploy/.env`);
    }
  }
  for (const name of names.filter((n) => !appImage(n))) {
    for (const [variable, value] of Object.entries(environmentOf(services[name]!))) {
      if (SECRET_NAMES.test(variable) && !/^\$\{[A-Z_]+(:?[?-][^}]*)?\}$/u.test(value)) problems.push(`${name} writes ${variable} in the file instead of taking it from deploy/.env`);
    }
  }

  const nginx = services.nginx;
  if (nginx) {
    if (!/^nginx:1\.\d+\.\d+(-[a-z]+)?$/u.test(nginx.image ?? "")) problems.push(`nginx image ${nginx.image} is not a pinned version`);
    const volumes = longVolumes(nginx);
    if (!volumes.some((v) => v.source === "./nginx.conf" && v.target === "/etc/nginx/nginx.conf" && v.readOnly)) problems.push("nginx does not mount ./nginx.conf read-only as /etc/nginx/nginx.conf");
    const cache = volumes.find((v) => v.target === "/var/cache/nginx/treatywatch");
    if (!cache || !compose.volumes || !(cache.source in compose.volumes)) problems.push("nginx keeps its cache in no named volume");
    if (!(nginx.ports ?? []).some((port) => (typeof port === "object" ? port.target === 80 : /(^|:)80$/u.test(String(port))))) problems.push("nginx publishes no port 80");
    for (const name of appProcesses) if (!dependencyOn(nginx, name)) problems.push(`nginx does not wait for ${name}`);
  }
  return problems;
}

/** A secret in the file is only a reference: `${NAME…}` for the whole value, or for a URL's password. */
function hidesSecret(variable: string, value: string): boolean {
  if (value === "" || /^\$\{[A-Z_]+(:?[?-][^}]*)?\}$/u.test(value)) return true;
  if (!/_URL$/u.test(variable)) return false;
  const password = /^[a-z]+:\/\/[^:@/]*:([^@]*)@/u.exec(value)?.[1];
  return password === undefined ? !/@/u.test(value) : /^\$\{[A-Z_]+(:?[?-][^}]*)?\}$/u.test(password);
}
