import { spawn } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { productionCommand, WEB_SERVER_ENTRY } from "../../server/build";

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
