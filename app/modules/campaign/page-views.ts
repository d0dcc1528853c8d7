export type CampaignPageKind = "petition" | "letter";

/** Which campaign page a path is, if any: `/:lng/petitions/:slug` or `/:lng/letters/:slug`. */
export function campaignPageOf(path: string): { kind: CampaignPageKind; slug: string } | null {
  const match = /^\/[a-z]{2,3}\/(petitions|letters)\/([a-z0-9]+(?:-[a-z0-9]+)*)$/u.exec(path);
  if (!match) return null;
  return { kind: match[1] === "petitions" ? "petition" : "letter", slug: match[2]! };
}

export interface PageViewCount {
  kind: CampaignPageKind;
  slug: string;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  views: number;
}

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
