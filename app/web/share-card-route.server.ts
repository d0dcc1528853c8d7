import type { AppLoadContext } from "@remix-run/node";
import { clientHolds } from "~/lib/http.server";
import { isSupportedLanguage } from "~/lib/i18n/languages";
import { cardFileName, type CardSubject } from "~/lib/share/card-paths";
import { CardRenderBusy } from "~/modules/share/card-render.server";
import { shareCard } from "~/modules/share/share-card.service.server";

/**
 * A card changes at most when its count step or status does, and its link carries that as
 * `?v=`: a browser or a shared cache may keep it five minutes and serve a stale copy for a day
 * while it asks again (a 304 when nothing changed).
 */
export const CARD_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=86400";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });

/** The subject a card route names: a slug, or a lower-case alpha-3 code, with `.png` after it. */
export function cardSubject(kind: CardSubject["kind"], fileSegment: string | undefined): CardSubject | null {
  if (kind === "site") return { kind };
  const name = cardFileName(fileSegment);
  if (!name) return null;
  if (kind === "country") return /^[a-z]{3}$/u.test(name) ? { kind, code3: name } : null;
  return { kind, slug: name };
}

/** GET /cards/{lng}/…: the PNG, a 304 when the client holds it already, 404 for what has no public page. */
export async function shareCardResponse(request: Request, context: AppLoadContext, lng: string | undefined, subject: CardSubject | null): Promise<Response> {
  if (!subject || !isSupportedLanguage(lng)) return notFound();
  let card;
  try {
    card = await shareCard(context.db, context.readDb, lng, subject, {
      treatySlug: context.config.treaty.slug,
      petitionCacheMs: context.config.caches.petitionMs,
      now: new Date(),
    });
  } catch (error) {
    if (error instanceof CardRenderBusy) return new Response(null, { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store" } });
    throw error;
  }
  if (!card) return notFound();
  const headers = { ETag: card.etag, "Cache-Control": CARD_CACHE_CONTROL };
  if (clientHolds(request, card.etag)) return new Response(null, { status: 304, headers });
  // The bytes come from the renderer or the database driver: never a shared buffer.
  return new Response(card.png as Uint8Array<ArrayBuffer>, {
    headers: {
      ...headers,
      "Content-Type": "image/png",
      "Content-Length": String(card.png.byteLength),
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    },
  });
}
