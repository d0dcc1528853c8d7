import { useEffect } from "react";
import { EMBED_MESSAGE_TYPE, type EmbedHeightMessage } from "~/modules/share/embed-protocol";

/**
 * Inside a partner's iframe: tells the parent page the content's height
 * whenever it changes (the form's errors, the thank-you note), so the
 * partner's copy of our listener can fit the frame. Outside a frame, or
 * before JavaScript, nothing: the frame keeps the snippet's fixed height.
 */
export function EmbedHeight({ frame }: { frame: string }) {
  useEffect(() => {
    if (window.parent === window || typeof ResizeObserver === "undefined") return;
    let last = -1;
    const report = () => {
      const height = Math.ceil(document.body.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      // The height is no secret: any parent may read it (the listener checks who sent it).
      window.parent.postMessage({ type: EMBED_MESSAGE_TYPE, height, id: frame } satisfies EmbedHeightMessage, "*");
    };
    const observer = new ResizeObserver(report);
    observer.observe(document.body);
    report();
    return () => observer.disconnect();
  }, [frame]);
  return null;
}
