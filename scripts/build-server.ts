/**
 * Compiles the web server and the mail worker (`server/start.ts`,
 * `server/worker.ts`) with what they import from `app/` and `db/` into plain
 * JavaScript under `build/server/`, so production runs `node` alone: no
 * TypeScript compiler in the process (about 75 MB less memory per process,
 * see docs/benchmarks.md). Packages stay in node_modules, except JSON files,
 * which Node would only import with an import attribute. Run by `npm run build`.
 *
 * The command lines (`cli/*.ts`) are compiled too, to `build/server/cli/`: the
 * container image has no sources, so its migrations, seeding and
 * `organizer:add` run from there (docs/deploy.md, ADR 0045).
 */
import { build, type Plugin } from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { SERVER_BUNDLE_DIR } from "../server/build";

const packagesStayExternal: Plugin = {
  name: "packages-stay-external",
  setup(compiler) {
    compiler.onResolve({ filter: /^[^./]/u }, (args) => (args.path.endsWith(".json") ? undefined : { path: args.path, external: true }));
  },
};

const commandLines = Object.fromEntries(
  readdirSync("cli")
    .filter((file) => file.endsWith(".ts"))
    .map((file) => [`cli/${file.slice(0, -".ts".length)}`, `cli/${file}`]),
);

rmSync(SERVER_BUNDLE_DIR, { recursive: true, force: true });
await build({
  entryPoints: { start: "server/start.ts", worker: "server/worker.ts", ...commandLines },
  outdir: SERVER_BUNDLE_DIR,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  plugins: [packagesStayExternal],
});
