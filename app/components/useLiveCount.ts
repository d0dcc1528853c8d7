import { useEffect, useState } from "react";

export const LIVE_COUNT_INTERVAL_MS = 10_000;

/**
 * A count shown on a page, refreshed from a counts JSON (`url`, field `field`) every
 * `refreshMs` while the tab is visible, so a page a shared cache served is behind only until the
 * first tick. Without JavaScript, or with `url` null, the count is the one the page came with.
 */
export function useLiveCount(count: number, url: string | null, field: string, refreshMs: number): number {
  const [current, setCurrent] = useState(count);
  useEffect(() => setCurrent(count), [count]);
  useEffect(() => {
    if (url === null) return;
    const timer = setInterval(async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const response = await fetch(url, { headers: { Accept: "application/json" } });
        if (response.ok) {
          const value = ((await response.json()) as Record<string, unknown>)[field];
          if (typeof value === "number") setCurrent(value);
        }
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    }, refreshMs);
    return () => clearInterval(timer);
  }, [url, field, refreshMs]);
  return current;
}
