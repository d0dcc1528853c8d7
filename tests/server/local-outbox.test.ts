import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnWebServer } from "../support/processes";
import { startTestServer, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

/**
 * The local outbox holds everything a local trial "sent", organizers' sign-in links included. It
 * answers only to a client on the machine itself; any other client, and any client a proxy or
 * tunnel forwards for, gets the 404 that production gives (same status, same page).
 */

/** An address of this machine on its network (what a laptop on the same Wi-Fi would connect to). */
const networkAddress = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && !entry.internal && (entry.family === "IPv4" || !entry.address.startsWith("fe80")))?.address;

const outbox = mkdtempSync(join(tmpdir(), "tw-local-outbox-"));
const MAIL = "1764800000000-sign-in.example";
const LINK = "http://localhost:3000/en/organize/sign-in/secret-sign-in-token";

let trial: TestServer;
let production: TestServer;

beforeAll(async () => {
  mkdirSync(outbox, { recursive: true });
  writeFileSync(
    join(outbox, `${MAIL}.json`),
    JSON.stringify({ to: "admin@example.org", from: "Treaty Watch <no-reply@localhost>", subject: "Your sign-in link", text: `Sign in: ${LINK}`, date: "2026-12-04T09:00:00.000Z" }),
  );
  // A local trial as a proxy on this machine would front it (TRUST_PROXY=loopback), and production.
  trial = await startTestServer({ localOutbox: true, config: testConfig({ MAIL_OUTBOX_DIR: outbox, TRUST_PROXY: "loopback" }) });
  production = await startTestServer({ config: testConfig({ MAIL_OUTBOX_DIR: outbox }) });

  // Two servers (two fresh databases) take longer than one on a busy machine.
}, 120_000);
afterAll(async () => {
  await trial?.close();
  await production?.close();
  rmSync(outbox, { recursive: true, force: true });
});

const portOf = (server: TestServer) => Number(new URL(server.base).port);

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A raw request to `host`, so the connection really comes from that address of this machine. */
function ask(server: TestServer, host: string, path: string, { method = "GET", headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port: portOf(server), path, method, headers: { "accept-language": "en", ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** What differs between two answers by design: the nonce, dates, the port. */
function comparable(answer: Answer) {
  const nonce = /nonce-[A-Za-z0-9+/=_-]+|nonce="[^"]*"/gu;
  const { date: _date, "keep-alive": _keepAlive, connection: _connection, ...headers } = answer.headers;
  return {
    status: answer.status,
    headers: { ...headers, "content-security-policy": headers["content-security-policy"]?.replace(nonce, "nonce") },
    body: answer.body.replace(nonce, "nonce"),
  };
}

const PATHS = ["/dev/outbox", `/dev/outbox/${MAIL}`];

describe("the local outbox of a local trial", () => {
  it("shows the mail to a client on this machine, over IPv4 and IPv6 loopback", async () => {
    for (const host of ["127.0.0.1", "::1"]) {
      const list = await ask(trial, host, "/dev/outbox");
      expect(list.status, host).toBe(200);
      expect(list.body).toContain("Your sign-in link");
      const mail = await ask(trial, host, `/dev/outbox/${MAIL}`);
      expect(mail.status, host).toBe(200);
      expect(mail.body).toContain(LINK);
    }
  });

  it.runIf(networkAddress)("answers a client at another address exactly as production does", async () => {
    for (const path of PATHS) {
      const stranger = await ask(trial, networkAddress!, path);
      expect(stranger.status, path).toBe(404);
      expect(stranger.body).not.toMatch(/Your sign-in link|secret-sign-in-token/u);
      expect(comparable(stranger), path).toEqual(comparable(await ask(production, "127.0.0.1", path)));
    }
  });

  it.runIf(networkAddress)("sends no test mail for a client at another address", async () => {
    const mails = async () => (await trial.database.db.selectFrom("outgoing_mails").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;
    const before = { files: readdirSync(outbox).length, rows: Number(await mails()) };
    const form = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "to=someone%40example.org" };
    const stranger = await ask(trial, networkAddress!, "/dev/outbox", form);
    expect(comparable(stranger)).toEqual(comparable(await ask(production, "127.0.0.1", "/dev/outbox", form)));
    expect(stranger.status).toBe(404);
    expect({ files: readdirSync(outbox).length, rows: Number(await mails()) }).toEqual(before);
  });

  it.each([
    ["a trusted proxy's X-Forwarded-For", { "x-forwarded-for": "203.0.113.7" }],
    ["a chain through this machine", { "x-forwarded-for": "203.0.113.7, 127.0.0.1" }],
    ["RFC 7239 Forwarded", { forwarded: "for=203.0.113.7;proto=https" }],
    ["a tunnel's client header", { "cf-connecting-ip": "2001:db8::7" }],
    ["a hidden client", { forwarded: "for=_tunnel" }],
  ])("answers a remote client forwarded through this machine (%s) exactly as production does", async (_what, headers) => {
    for (const path of PATHS) {
      const forwarded = await ask(trial, "127.0.0.1", path, { headers });
      expect(forwarded.status, path).toBe(404);
      expect(forwarded.body).not.toMatch(/Your sign-in link|secret-sign-in-token/u);
      expect(comparable(forwarded), path).toEqual(comparable(await ask(production, "127.0.0.1", path, { headers })));
    }
  });

  it("still shows the mail when a proxy on this machine forwards for this machine", async () => {
    const local = await ask(trial, "127.0.0.1", "/dev/outbox", { headers: { "x-forwarded-for": "127.0.0.1" } });
    expect(local.status).toBe(200);
    expect(local.body).toContain("Your sign-in link");
  });
});

/** Status of `GET path` at host:port, or the connection error's code. */
function statusAt(host: string, port: number, path: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request({ host, port, path, timeout: 5000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}

/** `npm start` of a local trial (embedded database, mail to files): the real server/start.ts. */
async function startLocalTrial(folder: string, port: number, host: string | undefined) {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), PGLITE_DIR: join(folder, "pglite"), MAIL_OUTBOX_DIR: outbox, DATABASE_URL: "", SMTP_URL: "", LOG_REQUESTS: "0" };
  delete env.HOST;
  if (host !== undefined) env.HOST = host;
  const { child, output, exited } = spawnWebServer(env);
  const deadline = Date.now() + 60_000;
  while ((await statusAt("127.0.0.1", port, "/readyz")) !== 200) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill("SIGKILL");
      throw new Error(`the local trial did not start:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    output,
    stop: async () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

describe("a local trial's server process", () => {
  const folder = mkdtempSync(join(tmpdir(), "tw-local-trial-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it.runIf(networkAddress)("listens on loopback only unless HOST says otherwise, and even then keeps the outbox its owner's", async () => {
    const port = 3800 + Math.floor(Math.random() * 90);
    const loopbackOnly = await startLocalTrial(folder, port, undefined);
    try {
      expect(await statusAt("127.0.0.1", port, "/dev/outbox")).toBe(200);
      expect(await statusAt(networkAddress!, port, "/readyz")).toBe("ECONNREFUSED");
      expect(loopbackOnly.output()).toContain("only this machine can reach it");
    } finally {
      expect(await loopbackOnly.stop()).toBe(0);
    }

    const open = await startLocalTrial(folder, port, "0.0.0.0");
    try {
      expect(await statusAt(networkAddress!, port, "/readyz")).toBe(200);
      expect(await statusAt(networkAddress!, port, "/dev/outbox")).toBe(404);
      expect(await statusAt(networkAddress!, port, `/dev/outbox/${MAIL}`)).toBe(404);
      expect(await statusAt("127.0.0.1", port, "/dev/outbox")).toBe(200);
    } finally {
      expect(await open.stop()).toBe(0);
    }
  }, 150_000);
});
