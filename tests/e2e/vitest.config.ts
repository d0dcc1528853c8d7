import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { FixedOrder } from "./fixed-order";

// Browser tests against the real server: `npm run build` first (or `npm test`, which does).
export default defineConfig({
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["tests/e2e/**/*.e2e.test.ts"],
    environment: "node",
    pool: "forks",
    // One server and one browser at a time: the machine has two cores.
    fileParallelism: false,
    sequence: { sequencer: FixedOrder },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Teardown waits for the server's graceful shutdown (at most 10 s, then its own forced exit).
    teardownTimeout: 30_000,
    globalSetup: ["tests/e2e/global-setup.ts"],
  },
});
