import type { RequestHandler } from "express";
import type { Kysely } from "kysely";
import onHeaders from "on-headers";
import type { Database } from "../db/schema";
import { campaignPageOf, type CampaignPageKind, type PageViewCount } from "../app/modules/campaign/page-views";
import { recordPageViews } from "../app/modules/campaign/page-views.repo.server";
import { logError } from "../app/lib/safe-log.server";

/**
 * Views counted in memory between writes: one upsert per page and day every
 * few seconds instead of one per view, so a viral page's counter row is
 * never a queue. Views of the last interval are lost if the process dies.
 */
export class PageViewTally {
  private counts = new Map<string, number>();

  add(kind: CampaignPageKind, slug: string, at: Date): void {
    const key = `${kind}|${slug}|${at.toISOString().slice(0, 10)}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Everything counted since the last drain; the tally starts again from zero. */
  drain(): PageViewCount[] {
    const drained = [...this.counts].map(([key, views]) => {
      const [kind, slug, day] = key.split("|") as [CampaignPageKind, string, string];
      return { kind, slug, day, views };
    });
    this.counts = new Map();
    return drained;
  }

  /** Puts counts back after a failed write, so a database hiccup loses nothing. */
  restore(counts: readonly PageViewCount[]): void {
    for (const c of counts) {
      const key = `${c.kind}|${c.slug}|${c.day}`;
      this.counts.set(key, (this.counts.get(key) ?? 0) + c.views);
    }
  }
}

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
