import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPetitionApiView } from "~/modules/petition/petition-page.service.server";
import { renderSignerMapSvg } from "~/modules/country/signer-map.server";

/** GET /petitions/:slug/signers.svg — the signer map of a public petition, as an image. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const view = await getPetitionApiView(context.readDb, params.slug ?? "", context.config.caches.petitionMs);
  if (!view) throw new Response(null, { status: 404, statusText: "Not Found" });
  return new Response(renderSignerMapSvg(view.byCountry.map((c) => ({ code3: c.code, count: c.count }))), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      // Counts move every few seconds; a shared cache may keep the picture briefly (longer in surge mode).
      "Cache-Control": `public, max-age=${context.surge.mapMaxAgeSeconds}, stale-while-revalidate=60`,
      // Shown in <img> anywhere; framed by no one (only the embed page is).
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    },
  });
}
