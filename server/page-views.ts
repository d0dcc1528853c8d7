import type { RequestHandler } from "express";
import type { Kysely } from "kysely";
import onHeaders from "on-headers";
import type { Database } from "../db/schema";
import { campaignPageOf, type PageViewTally } from "../app/modules/campaign/page-views";
import { recordPageViews } from "../app/modules/campaign/page-views.repo.server";
import { logError } from "../app/lib/safe-log.server";

/**
 * Counts each successful GET of a campaign page, including replays from the
 * page cache, excluding organizers' previews. Nothing about the visitor is kept.
 */
export function countCampaignPageViews(tally: PageViewTally): RequestHandler {
  return (req, res, next) => {
    const page = req.method === "GET" && !("preview" in req.query) ? campaignPageOf(req.path) : null;
    // Counted as the headers go out: before the visitor has the page, whatever happens to the body.
    if (page) onHeaders(res, () => res.statusCode === 200 && tally.add(page.kind, page.slug, new Date()));
    next();
  };
}

/** Writes the tally every `intervalMs`, and once more on stop. */
export function startPageViewWrites(db: Kysely<Database>, tally: PageViewTally, intervalMs = 5_000) {
  const write = async () => {
    const counts = tally.drain();
    try {
      await recordPageViews(db, counts);
    } catch (error) {
      tally.restore(counts);
      logError("page views not written, kept for the next try", error);
    }
  };
  const timer = setInterval(() => void write(), intervalMs);
  timer.unref();
  return {
    write,
    stop: async () => {
      clearInterval(timer);
      await write();
    },
  };
}
