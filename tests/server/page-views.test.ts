import { describe, expect, it } from "vitest";
import { campaignPageOf } from "~/modules/campaign/page-views";
import { PageViewTally } from "../../server/page-views";

describe("page views", () => {
  it("knows campaign pages from their path only", () => {
    expect(campaignPageOf("/fr/petitions/stop-it")).toEqual({ kind: "petition", slug: "stop-it" });
    expect(campaignPageOf("/en/letters/write-now")).toEqual({ kind: "letter", slug: "write-now" });
    expect(campaignPageOf("/en/petitions/stop-it/signed")).toBeNull();
    expect(campaignPageOf("/en/organize/petitions/stop-it")).toBeNull();
    expect(campaignPageOf("/en/petitions/Stop_It")).toBeNull();
  });

  it("counts per page and UTC day, drains to zero, and takes back what could not be written", () => {
    const tally = new PageViewTally();
    tally.add("petition", "a", new Date("2026-11-28T23:59:59Z"));
    tally.add("petition", "a", new Date("2026-11-29T00:00:00Z"));
    tally.add("petition", "a", new Date("2026-11-29T10:00:00Z"));
    tally.add("letter", "a", new Date("2026-11-29T10:00:00Z"));
    const drained = tally.drain();
    expect(drained).toEqual([
      { kind: "petition", slug: "a", day: "2026-11-28", views: 1 },
      { kind: "petition", slug: "a", day: "2026-11-29", views: 2 },
      { kind: "letter", slug: "a", day: "2026-11-29", views: 1 },
    ]);
    expect(tally.drain()).toEqual([]);
    tally.add("petition", "a", new Date("2026-11-29T11:00:00Z"));
    tally.restore(drained);
    expect(tally.drain()).toContainEqual({ kind: "petition", slug: "a", day: "2026-11-29", views: 3 });
  });
});
