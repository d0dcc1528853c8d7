/**
 * Which folder may import which (docs/decisions/0019-layers-and-modules.md).
 * Pure: a repository-relative file path and one import specifier in, the broken rule out.
 */
import { posix } from "node:path";

/** Layers, lowest first. A layer imports itself and the layers it lists. */
export const LAYERS = ["db", "lib", "emails", "modules", "components", "web", "routes", "server", "cli"] as const;
export type Layer = (typeof LAYERS)[number];

const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  db: ["db"],
  lib: ["db", "lib"],
  emails: ["db", "lib", "emails"],
  modules: ["db", "lib", "emails", "modules"],
  components: ["db", "lib", "emails", "modules", "components"],
  web: ["db", "lib", "emails", "modules", "web"],
  routes: ["db", "lib", "emails", "modules", "components", "web", "routes"],
  server: ["db", "lib", "emails", "modules", "components", "web", "routes", "server"],
  cli: ["db", "lib", "emails", "modules", "components", "web", "routes", "server", "cli"],
};

/** Modules, lowest first: a module imports only itself and the modules before it. */
export const MODULES = ["audit", "surge", "mail", "people", "partner", "webhooks", "country", "transparency", "campaign", "follow", "alerts", "petition", "letter", "updates", "share", "api", "privacy", "organizer"] as const;

/** Folders outside the layers that may import anything (and that nothing in a layer imports). */
const FREE = ["scripts", "tests", "bench"];

export type Violation = { rule: "layer" | "module-order" | "unknown-module" | "remix-in-module"; message: string };

/** The layer a repository-relative path belongs to; `"free"` for scripts, tests, bench; null outside the checked tree. */
export function layerOf(path: string): Layer | "free" | null {
  const parts = posix.normalize(path).split("/");
  const [top, second] = parts;
  if (top === undefined) return null;
  if (FREE.includes(top)) return "free";
  if (top === "db" || top === "emails" || top === "server" || top === "cli") return top;
  if (top !== "app") return null;
  if (second === "lib" || second === "modules" || second === "components" || second === "web" || second === "routes") return second;
  // app/root.tsx, app/entry.*.tsx: the top of the app, beside the routes.
  return "routes";
}

/** `app/modules/<name>/…` → `<name>`. */
export function moduleOf(path: string): string | null {
  const match = /^app\/modules\/([^/]+)\//.exec(posix.normalize(path));
  return match?.[1] ?? null;
}

/** The repository-relative path an import specifier points at, or null for a package. */
export function resolveSpecifier(fromFile: string, specifier: string): string | null {
  if (specifier.startsWith("~/")) return posix.join("app", specifier.slice(2));
  if (specifier.startsWith("./") || specifier.startsWith("../")) return posix.join(posix.dirname(fromFile), specifier);
  return null;
}

/** Every rule that `import … from specifier` in `fromFile` breaks (usually none). */
export function checkImport(fromFile: string, specifier: string): Violation[] {
  const from = layerOf(fromFile);
  if (from === null || from === "free") return [];
  if (from === "modules" && (specifier === "@remix-run" || specifier.startsWith("@remix-run/"))) {
    return [{ rule: "remix-in-module", message: `a module imports ${specifier}: HTTP glue belongs in app/web` }];
  }
  const target = resolveSpecifier(fromFile, specifier);
  if (target === null) return [];
  const to = layerOf(target);
  if (to === null) return [];
  if (to === "free") return [{ rule: "layer", message: `${from} imports ${specifier} (${target.split("/")[0]} is not part of the app)` }];
  if (!MAY_IMPORT[from].includes(to)) {
    return [{ rule: "layer", message: `${from} imports ${to} (${specifier}): ${from} may import only ${MAY_IMPORT[from].join(", ")}` }];
  }
  if (from === "modules" && to === "modules") return checkModuleOrder(moduleOf(fromFile), moduleOf(target), specifier);
  return [];
}

function checkModuleOrder(from: string | null, to: string | null, specifier: string): Violation[] {
  const unknown = [from, to].filter((m): m is string => m !== null && !(MODULES as readonly string[]).includes(m));
  if (unknown.length > 0) {
    return [{ rule: "unknown-module", message: `module ${unknown[0]} is not in the module order (scripts/boundaries.ts MODULES)` }];
  }
  if (from === null || to === null || from === to) return [];
  const fromRank = (MODULES as readonly string[]).indexOf(from);
  const toRank = (MODULES as readonly string[]).indexOf(to);
  if (toRank < fromRank) return [];
  return [{ rule: "module-order", message: `module ${from} imports ${to} (${specifier}), which comes after it: ${MODULES.join(" ← ")}` }];
}

/**
 * Cycles between modules, from the module-to-module imports actually found.
 * Each cycle is listed once, starting at its lowest module in the order.
 */
export function moduleCycles(edges: Iterable<readonly [string, string]>): string[][] {
  const next = new Map<string, Set<string>>();
  for (const [from, to] of edges) {
    if (from === to) continue;
    const targets = next.get(from) ?? new Set<string>();
    targets.add(to);
    next.set(from, targets);
  }
  const rank = (m: string) => {
    const index = (MODULES as readonly string[]).indexOf(m);
    return index === -1 ? MODULES.length : index;
  };
  const ordered = [...new Set([...next.keys(), ...[...next.values()].flatMap((s) => [...s])])].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const cycles: string[][] = [];
  const seen = new Set<string>();
  for (const start of ordered) {
    // Shortest cycle through `start` that visits only modules not already a cycle's start.
    const previous = new Map<string, string>();
    const queue = [start];
    let closing: string | undefined;
    while (queue.length > 0 && closing === undefined) {
      const current = queue.shift()!;
      for (const target of next.get(current) ?? []) {
        if (seen.has(target)) continue;
        if (target === start) {
          closing = current;
          break;
        }
        if (!previous.has(target)) {
          previous.set(target, current);
          queue.push(target);
        }
      }
    }
    seen.add(start);
    if (closing === undefined) continue;
    const path = [closing];
    while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
    cycles.push(path);
  }
  return cycles;
}
