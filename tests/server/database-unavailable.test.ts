import type { ServerBuild } from "@remix-run/node";
import type { Server } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { createApp } from "../../server/app";
import { ensureProductionBuild, SERVER_BUILD_PATH } from "../../server/build";
import { testConfig } from "../support/test-config";

/** A port nothing listens on: every connection to it is refused, as when PostgreSQL is down. */
async function closedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("while PostgreSQL cannot be reached", () => {
  let server: Server;
  let database: DatabaseHandle;
  let base = "";

  beforeAll(async () => {
    ensureProductionBuild();
    const build = (await import(pathToFileURL(SERVER_BUILD_PATH).href)) as ServerBuild;
    database = await openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${await closedPort()}/nowhere`, poolSize: 2, connectTimeoutSeconds: 2 });
    server = createApp({ database, config: testConfig(), build, mode: "production" }).listen(0);
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.close();
  });

  it("pages answer a localized 503 with Retry-After, and the cause is logged in one line", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await fetch(`${base}/fr/petitions/stop-the-cybercrime-convention`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    const html = await response.text();
    expect(/<h1 id="error-title">([^<]*)<\/h1>/u.exec(html)?.[1]).toBe("Le site est momentanément indisponible");
    expect(logged.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringMatching(/^database unreachable: /u)]);
  });

  it("a form post answers 503 too, not 500", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await fetch(`${base}/en/petitions/stop-the-cybercrime-convention`, {
      method: "POST",
      body: new URLSearchParams({ formToken: "x", name: "Ann Lee", email: "ann@example.org", country: "FRA" }),
      redirect: "manual",
    });
    expect(response.status).toBe(503);
    expect(/<h1 id="error-title">([^<]*)<\/h1>/u.exec(await response.text())?.[1]).toBe("The site is briefly unavailable");
  });

  it("the JSON API answers 503 and /readyz says why", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await fetch(`${base}/api/v1/countries`)).status).toBe(503);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get("retry-after")).toBe("5");
    expect(await ready.json()).toEqual({ status: "database_unreachable" });
  });
});
