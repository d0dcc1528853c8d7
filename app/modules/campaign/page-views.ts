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
