import type { LoaderFunctionArgs } from "@remix-run/node";
import { consistencyProofOf } from "~/modules/transparency/log-read.service.server";
import { answerJson, badParameters, logEndpoint, requiredIntegers } from "~/web/log-api-route.server";

/** GET /api/v1/petitions/:slug/log/proof/consistency?from=M&to=N — RFC 9162 consistency proof between the trees of sizes M and N. */
export function loader(args: LoaderFunctionArgs) {
  return logEndpoint(args, async ({ log, query, db }) => {
    const asked = requiredIntegers(query, ["from", "to"]);
    if (!asked) return badParameters();
    return answerJson(args.request, await consistencyProofOf(db, log, asked.from, asked.to), "immutable");
  });
}
