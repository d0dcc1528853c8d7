import { describe, expect, it } from "vitest";
import { dayNumber } from "~/lib/chart";
import { busiestDay, daySlots, everyDay, funnel, MAX_DASHBOARD_DAYS, stackedBars } from "~/modules/campaign/dashboard";

describe("everyDay", () => {
  it("fills days without activity with zeros, up to today", () => {
    const days = everyDay([{ day: "2026-11-26", confirmed: 3, pending: 1 }, { day: "2026-11-28", confirmed: 1, pending: 0 }], "2026-11-29");
    expect(days.map((d) => [d.day, d.confirmed, d.pending])).toEqual([
      ["2026-11-26", 3, 1],
      ["2026-11-27", 0, 0],
      ["2026-11-28", 1, 0],
      ["2026-11-29", 0, 0],
    ]);
  });

  it("starts at the campaign's opening when it comes first, and shows today alone with no data", () => {
    expect(everyDay([], "2026-11-29", "2026-11-28").map((d) => d.day)).toEqual(["2026-11-28", "2026-11-29"]);
    expect(everyDay([], "2026-11-29").map((d) => d.day)).toEqual(["2026-11-29"]);
  });

  it("keeps only the last days of a long campaign, across a month and year end", () => {
    const days = everyDay([{ day: "2025-01-01", confirmed: 1, pending: 0 }], "2026-01-02");
    expect(days).toHaveLength(MAX_DASHBOARD_DAYS);
    expect(days.at(-1)!.day).toBe("2026-01-02");
    expect(days.at(-2)!.day).toBe("2026-01-01");
    expect(days.at(-3)!.day).toBe("2025-12-31");
  });
});

describe("funnel", () => {
  it("gives each step's share of the one before, and no rate without a base", () => {
    expect(funnel(200, 50, 40)).toEqual({ views: 200, submissions: 50, confirmed: 40, submittedRate: 0.25, confirmedRate: 0.8 });
    expect(funnel(0, 0, 0)).toMatchObject({ submittedRate: null, confirmedRate: null });
  });
});

describe("stackedBars", () => {
  const days = [
    { day: "2026-11-28", confirmed: 30, pending: 10 },
    { day: "2026-11-29", confirmed: 0, pending: 0 },
    { day: "2026-11-30", confirmed: 10, pending: 0 },
  ];
  const y = (value: number) => 100 - value * 2;

  it("centres each day's bar in its slot and stacks pending on confirmed on the value scale", () => {
    const x = daySlots(days, 0, 300);
    expect(x(dayNumber("2026-11-28"))).toBe(50);
    expect(x(dayNumber("2026-11-30"))).toBe(250);
    const bars = stackedBars(days, x, y, 100);
    expect(bars[0]).toEqual({ day: "2026-11-28", x: 1, width: 98, confirmed: { y: 40, height: 60 }, pending: { y: 20, height: 20 }, zero: false });
    expect(bars[2]).toMatchObject({ x: 201, confirmed: { y: 80, height: 20 }, pending: { height: 0 }, zero: false });
  });

  it("marks a day without anything as zero rather than leaving a gap", () => {
    const bars = stackedBars(days, daySlots(days, 0, 300), y, 100);
    expect(bars[1]).toMatchObject({ day: "2026-11-29", zero: true, confirmed: { height: 0 }, pending: { height: 0 } });
  });

  it("scales to the busiest day, at least 1", () => {
    expect(busiestDay(days)).toBe(40);
    expect(busiestDay([{ day: "2026-11-29", confirmed: 0, pending: 0 }])).toBe(1);
  });
});
