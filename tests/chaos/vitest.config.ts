import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Fault tests (`npm run test:chaos`, after `npm run build`): real processes killed, a real
// PostgreSQL restarted, a real SMTP server stopped. PostgreSQL only (DATABASE_URL).
export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("../../app", import.meta.url)) } },
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["tests/chaos/**/*.chaos.test.ts"],
    environment: "node",
    pool: "forks",
    // One fault at a time: the machine has two cores, and timings are part of what is measured.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
