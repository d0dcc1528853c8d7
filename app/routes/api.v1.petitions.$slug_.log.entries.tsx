import type { LoaderFunctionArgs } from "@remix-run/node";
import { ENTRIES_PAGE_MAX } from "~/modules/transparency/log-api";
import { entriesOf } from "~/modules/transparency/log-read.service.server";
import { answerJson, badParameters, logEndpoint, requiredIntegers } from "~/web/log-api-route.server";

/** GET /api/v1/petitions/:slug/log/entries?start=A&end=B — the log's entries A ≤ index < B (a page at most), without personal data. */
export function loader(args: LoaderFunctionArgs) {
  return logEndpoint(args, async ({ log, query, db }) => {
    const range = requiredIntegers(query, ["start", "end"]);
    if (!range) return badParameters();
    const answer = await entriesOf(db, log, range.start, range.end);
    // A page holding every entry asked for (or a page's worth) never changes; a short one may still grow.
    const full = answer.ok && answer.value.entries.length === Math.min(range.end - range.start, ENTRIES_PAGE_MAX);
    return answerJson(args.request, answer, full ? "immutable" : "growing");
  });
}
