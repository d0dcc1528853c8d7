import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { MAIL_WORKER_ENTRY, productionCommand, WEB_SERVER_ENTRY } from "../../server/build";

/** A port nothing listens on right now (the system's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * What `npm start` runs (the production build of `server/start.ts`), without
 * npm in between so that signals reach the server, with `env`. What it prints
 * is kept for failure messages; `exited` is its exit code.
 */
export function spawnWebServer(env: NodeJS.ProcessEnv) {
  const [node, args] = productionCommand(WEB_SERVER_ENTRY);
  const child = spawn(node, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** A worker process (the production build of `server/worker.ts`) with `env`; its errors go to the test's output. */
export function spawnWorkerProcess(env: NodeJS.ProcessEnv): ChildProcess {
  const [node, args] = productionCommand(MAIL_WORKER_ENTRY);
  return spawn(node, args, { env, stdio: ["ignore", "ignore", "inherit"] });
}

/** Stops every process still running (SIGTERM) and waits for each to exit. */
export async function stopProcesses(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve(null);
          child.once("exit", resolve);
          child.kill("SIGTERM");
        }),
    ),
  );
}
