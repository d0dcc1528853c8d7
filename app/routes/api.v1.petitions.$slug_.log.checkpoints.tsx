import type { LoaderFunctionArgs } from "@remix-run/node";
import { checkpointsAfter } from "~/modules/transparency/log-read.service.server";
import { badParameters, integerParameter, logEndpoint, logJson } from "~/web/log-api-route.server";

/** GET /api/v1/petitions/:slug/log/checkpoints[?after=S] — the signed checkpoints larger than S, a page at a time. */
export function loader(args: LoaderFunctionArgs) {
  return logEndpoint(args, async ({ log, query, db }) => {
    const after = integerParameter(query, "after");
    if (after === null) return badParameters();
    const page = await checkpointsAfter(db, log, after ?? -1);
    return logJson(args.request, page, page.next === null ? "growing" : "immutable");
  });
}
