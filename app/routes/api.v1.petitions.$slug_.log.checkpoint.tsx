import type { LoaderFunctionArgs } from "@remix-run/node";
import { checkpointOf } from "~/modules/transparency/log-read.service.server";
import { answerJson, badParameters, integerParameter, logEndpoint } from "~/web/log-api-route.server";

/** GET /api/v1/petitions/:slug/log/checkpoint[?size=N] — the latest signed checkpoint, or the one of size N. */
export function loader(args: LoaderFunctionArgs) {
  return logEndpoint(args, async ({ log, query, db }) => {
    const size = integerParameter(query, "size");
    if (size === null) return badParameters();
    return answerJson(args.request, await checkpointOf(db, log, size), size === undefined ? "growing" : "immutable");
  });
}
