/**
 * Drawing a card's SVG into a PNG with resvg. The drawing runs on libuv's thread pool
 * (`renderAsync`), so the event loop goes on serving pages while a card is drawn; at most
 * `RENDER_CONCURRENCY` cards are drawn at once and at most `RENDER_QUEUE` wait, so a flood of
 * requests for cards not drawn yet takes one core at most and cannot starve signing: past the
 * queue the caller answers "busy" and the link preview asks again later.
 */
import { renderAsync } from "@resvg/resvg-js";
import { fontFilesFor } from "./card-fonts.server";

export const RENDER_CONCURRENCY = 1;
export const RENDER_QUEUE = 32;

export class CardRenderBusy extends Error {
  constructor() {
    super("Too many share cards are waiting to be drawn");
  }
}

/** A slot limiter: `run` waits for one of `limit` slots, or throws `CardRenderBusy` past `queue` waiters. */
export function slots(limit: number, queue: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (running >= limit) {
        if (waiting.length >= queue) throw new CardRenderBusy();
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else running++;
      try {
        return await work();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
    get pending() {
      return running + waiting.length;
    },
  };
}

const renderSlots = slots(RENDER_CONCURRENCY, RENDER_QUEUE);

/** The PNG of a card's SVG, drawn with the fonts of its languages only (no system fonts). */
export async function renderCardPng(svg: string, languages: readonly string[]): Promise<Buffer> {
  return renderSlots.run(async () => {
    const image = await renderAsync(svg, {
      font: { loadSystemFonts: false, fontFiles: fontFilesFor(languages), defaultFontFamily: "Noto Sans" },
      fitTo: { mode: "original" },
      shapeRendering: 2,
      textRendering: 1,
    });
    return image.asPng();
  });
}
