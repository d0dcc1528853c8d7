import type { HeadersFunction } from "@remix-run/node";

/**
 * Public pages that show the same facts to everyone: shared caches may keep
 * them a minute and serve a stale copy while refreshing (facts change rarely).
 */
export const publicPageHeaders: HeadersFunction = ({ errorHeaders }) =>
  errorHeaders ?? { "Cache-Control": "public, max-age=60, stale-while-revalidate=300" };

/** Pages for one signed-in person: never stored by the browser's or anyone's cache. */
export const privatePageHeaders: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });
