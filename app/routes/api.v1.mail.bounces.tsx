import type { ActionFunctionArgs } from "@remix-run/node";
import { jsonError } from "~/lib/http.server";
import { receiveBounces, type BounceRefusal } from "~/modules/mail/bounce.service.server";

const REFUSAL_STATUS: Record<BounceRefusal, number> = { unauthorized: 401, invalid_body: 400, not_configured: 503 };

/**
 * POST /api/v1/mail/bounces — the mail provider's bounce and complaint
 * notifications, authenticated by `Authorization: Bearer $MAIL_BOUNCE_SECRET`.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "method_not_allowed", false);
  const auth = request.headers.get("authorization") ?? "";
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    body = undefined;
  }
  const result = await receiveBounces(context.db, {
    secretGiven: auth.startsWith("Bearer ") ? auth.slice(7) : null,
    secretExpected: context.config.mail.bounceSecret,
    body,
    signingSecrets: context.config.server.sessionSecrets,
  });
  if (!result.ok) return jsonError(REFUSAL_STATUS[result.refused], result.refused, false);
  return new Response(JSON.stringify({ suppressed: result.suppressed }), {
    status: 200,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export async function loader() {
  return jsonError(405, "method_not_allowed", false);
}
