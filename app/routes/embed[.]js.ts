import { EMBED_SCRIPT } from "~/modules/share/embed-script";

/**
 * The listener partners load with the embed snippet. Cached an hour by
 * browsers, a day by shared caches; the script's behaviour only ever widens
 * (new messages), so an old copy keeps working.
 */
export function loader() {
  return new Response(EMBED_SCRIPT, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=3600, s-maxage=86400",
    },
  });
}
