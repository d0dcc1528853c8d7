import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { loadConfig, VARIABLES } from "~/lib/config.server";
import { composeProblems, environmentOf, interpolate, interpolateAll, InterpolationError, parseCompose, readEnvFile, referencedVariables, type Compose } from "./compose-rules";

/**
 * deploy/compose.yaml cannot be run here (no Docker engine), so it is checked with tools that
 * can: the Compose Specification's JSON schema (tests/fixtures/compose-spec.json), then the
 * product's rules (./compose-rules.ts), then the environment each app process would get, read
 * by the same configuration module the processes use.
 */
const composeText = readFileSync("deploy/compose.yaml", "utf8");
const envExampleText = readFileSync("deploy/.env.example", "utf8");
const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
const facts = { variables: Object.keys(VARIABLES), scripts };
const compose = (): Compose => parseCompose(composeText);

// The schema is draft-07 with annotations ajv does not know ("deprecated"): not strict. It names
// the draft by its https address; ajv knows the draft by its http one.
const ajv = new Ajv({ strict: false, allErrors: true });
const draft07 = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("ajv/dist/refs/json-schema-draft-07.json"), "utf8")) as object;
ajv.addMetaSchema({ ...draft07, $id: "https://json-schema.org/draft-07/schema" });
const validate = ajv.compile(JSON.parse(readFileSync("tests/fixtures/compose-spec.json", "utf8")) as object);

/** A newcomer's deploy/.env: the example with its secrets filled in. */
const filledEnv = () => ({ ...readEnvFile(envExampleText), POSTGRES_PASSWORD: "5f0d2c9a1b7e4d3c", SESSION_SECRET: "0123456789abcdef0123456789abcdef" });

describe("deploy/compose.yaml against the Compose Specification", () => {
  it("is valid", () => {
    const valid = validate(compose());
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each([
    ["a condition Compose does not know", (c: Compose) => ((c.services["app-1"]!.depends_on as Record<string, { condition: string }>).migrate!.condition = "service_finished")],
    ["a misspelt key", (c: Compose) => Object.assign(c.services.postgres!, { healtcheck: { test: ["CMD", "true"] } })],
    ["a command of the wrong type", (c: Compose) => Object.assign(c.services.worker!, { command: { run: "worker" } })],
  ])("refuses %s", (_, breakIt) => {
    const broken = compose();
    breakIt(broken);
    expect(validate(broken)).toBe(false);
  });
});

describe("deploy/compose.yaml's own rules", () => {
  it("keeps every rule", () => {
    expect(composeProblems(compose(), facts)).toEqual([]);
  });

  it.each<[string, (c: Compose) => void, string]>([
    ["an app that starts before the migrations end", (c) => ((c.services["app-2"]!.depends_on as Record<string, { condition: string }>).migrate = { condition: "service_started" }), "app-2 does not wait for the migrations to complete (depends_on migrate: service_started)"],
    ["an app that sends mail", (c) => delete (c.services["app-1"]!.environment as Record<string, string>).MAIL_WORKER, "app-1 sends mail itself (MAIL_WORKER=unset)"],
    ["an app that delivers webhooks", (c) => ((c.services["app-2"]!.environment as Record<string, string>).WEBHOOK_WORKER = "on"), "app-2 delivers webhooks itself (WEBHOOK_WORKER=on)"],
    ["an app without TRUST_PROXY", (c) => delete (c.services["app-1"]!.environment as Record<string, string>).TRUST_PROXY, "app-1 behind nginx has no TRUST_PROXY"],
    ["a variable the app does not read", (c) => ((c.services.worker!.environment as Record<string, string>).MAIL_WORKERS = "2"), "worker sets MAIL_WORKERS, which app/lib/config.server.ts does not declare"],
    ["a secret written in the file", (c) => ((c.services["app-1"]!.environment as Record<string, string>).SESSION_SECRET = "hunter2"), "app-1 writes SESSION_SECRET in the file instead of taking it from deploy/.env"],
    ["a database password written in the URL", (c) => ((c.services.migrate!.environment as Record<string, string>).DATABASE_URL = "postgres://treatywatch:hunter2@postgres/treatywatch"), "migrate writes DATABASE_URL in the file instead of taking it from deploy/.env"],
    ["PostgreSQL's password written in the file", (c) => ((c.services.postgres!.environment as Record<string, string>).POSTGRES_PASSWORD = "hunter2"), "postgres writes POSTGRES_PASSWORD in the file instead of taking it from deploy/.env"],
    ["PostgreSQL without a volume", (c) => delete c.services.postgres!.volumes, "postgres keeps its data in no named volume"],
    ["PostgreSQL without a healthcheck", (c) => delete c.services.postgres!.healthcheck, "postgres has no healthcheck"],
    ["an unpinned PostgreSQL", (c) => (c.services.postgres!.image = "postgres:latest"), "postgres image postgres:latest is not a pinned PostgreSQL 15"],
    ["an unpinned nginx", (c) => (c.services.nginx!.image = "nginx:stable"), "nginx image nginx:stable is not a pinned version"],
    ["a migration service that restarts", (c) => (c.services.migrate!.restart = "always"), "migrate restarts (always): it must run once"],
    ["no worker", (c) => delete c.services.worker, "0 mail worker services (want one, scaled with --scale): "],
    ["a second worker service", (c) => (c.services["worker-2"] = { ...c.services.worker! }), "2 mail worker services (want one, scaled with --scale): worker, worker-2"],
    ["nginx.conf mounted writable", (c) => (c.services.nginx!.volumes = ["./nginx.conf:/etc/nginx/nginx.conf", "nginx-cache:/var/cache/nginx/treatywatch"]), "nginx does not mount ./nginx.conf read-only as /etc/nginx/nginx.conf"],
    ["no app-2", (c) => delete c.services["app-2"], "no service app-2"],
  ])("finds %s", (_, breakIt, problem) => {
    const broken = compose();
    breakIt(broken);
    expect(composeProblems(broken, facts)).toContain(problem);
  });
});

describe("the environment each process gets", () => {
  it("needs only variables that deploy/.env.example lists, and the example holds no secret", () => {
    const example = readEnvFile(envExampleText);
    expect(referencedVariables(composeText).filter((name) => !(name in example))).toEqual([]);
    for (const name of ["POSTGRES_PASSWORD", "SESSION_SECRET", "SMTP_URL", "MAIL_BOUNCE_SECRET"]) expect(example[name], name).toBe("");
  });

  it("stops with the variable's name while a secret is left empty", () => {
    const example = readEnvFile(envExampleText);
    expect(() => interpolateAll(compose() as never, example)).toThrow(InterpolationError);
    expect(() => interpolateAll(compose() as never, { ...example, POSTGRES_PASSWORD: "x" })).toThrow("SESSION_SECRET: set SESSION_SECRET in deploy/.env");
  });

  it("is a configuration every app-image process accepts, with the roles the shape needs", () => {
    const resolved = interpolateAll(compose() as never, filledEnv()) as Compose;
    for (const name of ["migrate", "app-1", "app-2", "worker"]) {
      const config = loadConfig(environmentOf(resolved.services[name]!), { purpose: name === "migrate" ? "command" : "serve" });
      expect(config.database.databaseUrl, name).toBe("postgres://treatywatch:5f0d2c9a1b7e4d3c@postgres:5432/treatywatch");
      expect(config.server.sessionSecrets, name).toEqual(["0123456789abcdef0123456789abcdef"]);
      expect(config.database.readUrl, name).toBeUndefined();
    }
    for (const name of ["app-1", "app-2"]) {
      const config = loadConfig(environmentOf(resolved.services[name]!));
      expect([config.mail.workerInWebProcess, config.webhooks.workerInWebProcess, config.server.trustProxy], name).toEqual([false, false, 1]);
    }
    expect(resolved.services.nginx!.ports).toEqual(["80:80"]);
  });

  it("interpolates as Compose does", () => {
    const env = { SET: "a", EMPTY: "" };
    expect(interpolate("${SET}-${EMPTY:-d}-${EMPTY-d}-${UNSET-d}-$${SET}-$SET", env)).toBe("a-d--d-${SET}-a");
    expect(() => interpolate("${EMPTY:?say so}", env)).toThrow("EMPTY: say so");
    expect(interpolate("${EMPTY?say so}", env)).toBe("");
    expect(() => interpolate("${UNSET?say so}", env)).toThrow("UNSET: say so");
    expect(readEnvFile('A=1\n# B=2\nC="x y" \nD=z # note\n  E = \n')).toEqual({ A: "1", C: "x y", D: "z", E: "" });
  });
});

describe("deploy/nginx.conf, as compose.yaml mounts it", () => {
  it.skipIf(!existsSync("deploy/nginx.conf"))("sends requests to the app services compose.yaml runs and caches where it mounts the cache", () => {
    const conf = readFileSync("deploy/nginx.conf", "utf8");
    const upstream = /upstream\s+treatywatch_app\s*\{([^}]*)\}/u.exec(conf)?.[1] ?? "";
    const servers = [...upstream.matchAll(/^\s*server\s+([^\s;]+)/gmu)].map((m) => m[1]).sort();
    const apps = Object.keys(compose().services).filter((name) => /^app-\d+$/u.test(name));
    expect(servers).toEqual(apps.map((name) => `${name}:3000`).sort());
    expect(conf).toMatch(/proxy_cache_path\s+\/var\/cache\/nginx\/treatywatch[\s;]/u);
    expect(conf).toMatch(/listen\s+80[\s;]/u);
  });
});
