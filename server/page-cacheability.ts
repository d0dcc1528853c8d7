import type { ServerBuild } from "@remix-run/node";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { isPageCacheability, type PageCacheability } from "../app/lib/page-cacheability";
import { routeHandle } from "../app/lib/route-handle";

/** What the page at a path declares about the page cache (`handle.pageCache`); undefined: not cacheable. */
export type PageCacheabilityLookup = (path: string) => PageCacheability | undefined;

/** The same, while the build may still be loading (in development). */
export type PageCacheabilityOf = (path: string) => PageCacheability | undefined | Promise<PageCacheability | undefined>;

type RouteManifest = ServerBuild["routes"];

/** Paths whose answer is remembered, per build; beyond this the memory starts over. */
const MAX_REMEMBERED_PATHS = 1000;

function routeTree(manifest: RouteManifest): AgnosticRouteObject[] {
  const byParent = new Map<string, RouteManifest[string][]>();
  for (const route of Object.values(manifest)) {
    const siblings = byParent.get(route.parentId ?? "") ?? [];
    siblings.push(route);
    byParent.set(route.parentId ?? "", siblings);
  }
  const childrenOf = (parentId: string): AgnosticRouteObject[] =>
    (byParent.get(parentId) ?? []).map(({ id, path, index, caseSensitive }) =>
      index ? { id, path, caseSensitive, index: true } : { id, path, caseSensitive, children: childrenOf(id) },
    );
  return childrenOf("");
}

const lookups = new WeakMap<RouteManifest, PageCacheabilityLookup>();

/**
 * The page cacheability a path's route declares: the route Remix would render for it (the
 * deepest match, as Remix matches: same tree, same router), and its module's `handle.pageCache`.
 * Matching a path against every route costs tens of microseconds, more than a replayed page
 * otherwise costs, so the answer is remembered per path (one lookup per build).
 */
export function pageCacheabilityIn(manifest: RouteManifest, basename?: string): PageCacheabilityLookup {
  const known = lookups.get(manifest);
  if (known) return known;
  const tree = routeTree(manifest);
  const answers = new Map<string, PageCacheability | undefined>();
  const lookup: PageCacheabilityLookup = (path) => {
    if (answers.has(path)) return answers.get(path);
    const matches = matchRoutes(tree, path, basename);
    const leaf = matches?.[matches.length - 1];
    const declared = leaf?.route.id === undefined ? undefined : routeHandle(manifest[leaf.route.id]?.module.handle).pageCache;
    const answer = isPageCacheability(declared) ? declared : undefined;
    if (answers.size >= MAX_REMEMBERED_PATHS) answers.clear();
    answers.set(path, answer);
    return answer;
  };
  lookups.set(manifest, lookup);
  return lookup;
}

/**
 * The lookup for the build the app serves. In development the build is a function (it changes
 * on every rebuild), so the answer waits for it.
 */
export function pageCacheabilityOf(build: ServerBuild | (() => Promise<ServerBuild>)): PageCacheabilityOf {
  if (typeof build !== "function") return pageCacheabilityIn(build.routes, build.basename);
  return async (path) => {
    const current = await build();
    return pageCacheabilityIn(current.routes, current.basename)(path);
  };
}
