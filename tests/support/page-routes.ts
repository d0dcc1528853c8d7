import type { ServerBuild } from "@remix-run/node";
import type { PageCacheability } from "~/lib/page-cacheability";
import type { SurgeMode } from "~/lib/context";
import { pageCacheabilityIn } from "../../server/page-cacheability";

const route = (id: string, parentId: string | undefined, path: string | undefined, pageCache?: PageCacheability, index?: true) => ({
  [id]: { id, parentId, path, index, module: { handle: pageCache ? { pageCache } : undefined } },
});

/**
 * The public pages' routes as the Remix build lists them, with what they declare to the page
 * cache (as app/routes does; tests/server/page-cacheability.test.ts checks the real build), for
 * an express app that stands in for Remix.
 */
export const PUBLIC_PAGE_ROUTES = {
  ...route("root", undefined, ""),
  ...route("routes/$lng", "root", ":lng"),
  ...route("routes/$lng._index", "routes/$lng", undefined, "same-for-everyone", true),
  ...route("routes/$lng.countries._index", "routes/$lng", "countries", "same-for-everyone", true),
  ...route("routes/$lng.countries.$code", "routes/$lng", "countries/:code", "same-for-everyone"),
  ...route("routes/$lng.petitions.$slug", "routes/$lng", "petitions/:slug", "same-for-everyone"),
  ...route("routes/$lng.petitions.$slug_.signed", "routes/$lng", "petitions/:slug/signed"),
  ...route("routes/$lng.petitions.$slug_.verify", "routes/$lng", "petitions/:slug/verify", "same-for-everyone"),
} as unknown as ServerBuild["routes"];

export const publicPageCacheability = pageCacheabilityIn(PUBLIC_PAGE_ROUTES);

/** Surge mode as a request is given it, with the page cache life a test wants. */
export const testSurgeMode = (active: boolean, pageCacheMs: number): SurgeMode => ({
  active,
  pageCacheMs,
  countsMaxAgeSeconds: active ? 30 : 5,
  mapMaxAgeSeconds: active ? 60 : 10,
  liveCountIntervalMs: active ? 60_000 : 10_000,
});
