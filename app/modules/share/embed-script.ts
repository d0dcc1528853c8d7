import { EMBED_MESSAGE_TYPE, FRAME_HEIGHT_LIMITS } from "./embed-protocol";

/**
 * The script partners load with the snippet (served at EMBED_SCRIPT_PATH). It
 * trusts a height message only from one of the page's iframes marked
 * `data-treatywatch-embed`, whose document is at the script's own origin, and
 * only that iframe's height changes. Plain ES5 in one function: it runs on
 * pages we do not know, so it touches no global but its one guard flag.
 */
export const EMBED_SCRIPT = `(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__treatyWatchEmbed) return;
  window.__treatyWatchEmbed = true;
  var origin = new URL(script.src, location.href).origin;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.type !== ${JSON.stringify(EMBED_MESSAGE_TYPE)}) return;
    if (typeof data.height !== "number" || !isFinite(data.height)) return;
    var frames = document.querySelectorAll("iframe[data-treatywatch-embed]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      if (new URL(frame.src, location.href).origin !== origin) return;
      var height = Math.min(Math.max(Math.ceil(data.height), ${FRAME_HEIGHT_LIMITS.min}), ${FRAME_HEIGHT_LIMITS.max});
      frame.style.height = height + "px";
      return;
    }
  });
})();
`;
