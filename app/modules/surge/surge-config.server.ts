import { nonNegativeNumberFromEnv as number } from "../../lib/env-number.server";
import type { SurgeSettings } from "./surge";

/**
 * SURGE_THRESHOLD_RPS (requests per second one process serves; 0 = only the
 * organizers' switch), SURGE_THRESHOLD_BUSY (share of a second the event loop
 * is busy, 0.9; 0 = the rate only), SURGE_HOLD_SECONDS, PAGE_CACHE_MS and
 * SURGE_PAGE_CACHE_MS.
 */
export function surgeSettings(env: NodeJS.ProcessEnv = process.env): SurgeSettings {
  return {
    thresholdRps: number(env, "SURGE_THRESHOLD_RPS", 400),
    thresholdBusy: number(env, "SURGE_THRESHOLD_BUSY", 0.9),
    holdMs: number(env, "SURGE_HOLD_SECONDS", 120) * 1000,
    switchPollMs: number(env, "SURGE_SWITCH_POLL_MS", 5000),
    normal: { pageCacheMs: number(env, "PAGE_CACHE_MS", 1000), countsMaxAgeSeconds: 5, mapMaxAgeSeconds: 10, liveCountIntervalMs: 10_000 },
    surge: { pageCacheMs: number(env, "SURGE_PAGE_CACHE_MS", 15_000), countsMaxAgeSeconds: 30, mapMaxAgeSeconds: 60, liveCountIntervalMs: 60_000 },
  };
}
