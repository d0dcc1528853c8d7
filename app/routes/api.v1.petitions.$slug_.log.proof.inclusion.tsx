import type { LoaderFunctionArgs } from "@remix-run/node";
import { inclusionProofOf } from "~/modules/transparency/log-read.service.server";
import { answerJson, badParameters, logEndpoint, requiredIntegers } from "~/web/log-api-route.server";

/** GET /api/v1/petitions/:slug/log/proof/inclusion?index=I&size=N — RFC 9162 inclusion proof of entry I in the tree of size N. */
export function loader(args: LoaderFunctionArgs) {
  return logEndpoint(args, async ({ log, query, db }) => {
    const asked = requiredIntegers(query, ["index", "size"]);
    if (!asked) return badParameters();
    return answerJson(args.request, await inclusionProofOf(db, log, asked.index, asked.size), "immutable");
  });
}
