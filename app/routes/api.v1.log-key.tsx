import type { LoaderFunctionArgs } from "@remix-run/node";
import { cacheableJson } from "~/lib/http.server";
import { logKeys } from "~/modules/transparency/log-read.service.server";

/** GET /api/v1/log-key — every key the instance signs (or signed) checkpoints with (docs/transparency.md). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return cacheableJson(request, { keys: await logKeys(context.readDb) }, { maxAge: 300, staleWhileRevalidate: 300, cors: true });
}
