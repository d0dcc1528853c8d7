import type { LoaderFunctionArgs } from "@remix-run/node";
import { partnerLogo } from "~/modules/partner/partner-admin.service.server";
import { readPartnerCode } from "~/modules/partner/partner-link";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });

/**
 * GET /partners/:code/logo.png — a partner's logo from our own address (campaign pages make no
 * third-party requests): always the PNG we drew from the upload, never the upload. The security
 * headers every answer gets (server/security.ts) include `X-Content-Type-Options: nosniff`.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const code = readPartnerCode(params.code);
  if (code === null || code !== params.code) return notFound();
  const logo = await partnerLogo(context.readDb, code);
  if (!logo) return notFound();
  const etag = `"${code}-${logo.updatedAt.getTime().toString(36)}"`;
  const headers = {
    "Content-Type": "image/png",
    "Cache-Control": "public, max-age=300, stale-while-revalidate=3600",
    "Content-Security-Policy": "default-src 'none'",
    ETag: etag,
  };
  const given = request.headers.get("if-none-match");
  if (given !== null && given.split(",").some((tag) => tag.trim().replace(/^W\//u, "") === etag)) return new Response(null, { status: 304, headers });
  return new Response(Buffer.from(logo.png), { status: 200, headers: { ...headers, "Content-Length": String(logo.png.byteLength) } });
}
