import { describe, expect, it } from "vitest";
import { dayNumber, dayScale } from "~/lib/chart";
import { signatureChartRange, signatureTrend, stepLinePath } from "~/modules/country/signature-trend";

describe("signatureTrend", () => {
  it("counts signatures per day cumulatively and keeps undated ones apart", () => {
    const trend = signatureTrend(["2025-10-25", "2025-10-25", null, "2025-11-19", "2025-10-26", null]);
    expect(trend.points).toEqual([
      { date: "2025-10-25", added: 2, total: 2 },
      { date: "2025-10-26", added: 1, total: 3 },
      { date: "2025-11-19", added: 1, total: 4 },
    ]);
    expect(trend.undated).toBe(2);
  });

  it("is empty without signatures", () => {
    expect(signatureTrend([])).toEqual({ points: [], undated: 0 });
  });
});

describe("signatureChartRange", () => {
  it("spans at least two weeks, so signatures all on one day are a rise and a run, not a wall", () => {
    const { points } = signatureTrend(["2026-12-06", "2026-12-06", "2026-12-06"]);
    const range = signatureChartRange(points, "2026-12-06", []);
    expect(dayNumber(range.to) - dayNumber(range.from)).toBeGreaterThanOrEqual(14);
    expect(range.from < "2026-12-06").toBe(true);
  });

  it("starts a little before the day the treaty opened, and reaches a deadline that is near", () => {
    const { points } = signatureTrend(["2025-10-25", "2025-10-25", "2026-02-03"]);
    const range = signatureChartRange(points, "2026-12-06", ["2025-10-25", "2026-12-31"]);
    expect(range.from < "2025-10-25").toBe(true);
    expect(range.from > "2025-10-01").toBe(true);
    expect(range.to).toBe("2026-12-31");
  });

  it("leaves a deadline far ahead outside, ending with the day shown as of", () => {
    const { points } = signatureTrend(["2026-11-20"]);
    const range = signatureChartRange(points, "2026-12-06", ["2026-11-01", "2030-12-31"]);
    // The end of 6 December is the start of the 7th.
    expect(range.to).toBe("2026-12-07");
    expect(range.from < "2026-11-01").toBe(true);
  });
});

describe("stepLinePath", () => {
  const x = (day: number) => day - dayNumber("2025-01-01");
  const y = (total: number) => 100 - total * 10;

  it("runs flat at zero, climbs on each day with signatures and runs flat to the day as of", () => {
    const { points } = signatureTrend(["2025-01-03", "2025-01-03", "2025-01-06"]);
    expect(stepLinePath(points, "2025-01-01", "2025-01-11", x, y)).toBe("M0,100 H2 V80 H5 V70 H11");
  });

  it("draws signatures all on one day as one step with a visible run after it, with no area under it", () => {
    const { points } = signatureTrend(Array.from({ length: 8 }, () => "2025-01-03"));
    const path = stepLinePath(points, "2025-01-01", "2025-01-11", x, y);
    expect(path).toBe("M0,100 H2 V20 H11");
    expect(path).not.toMatch(/Z/);
  });

  it("shows signatures all made today as a rise and a run through the day, on a chart of at least two weeks", () => {
    const { points } = signatureTrend(["2026-12-06", "2026-12-06"]);
    const range = signatureChartRange(points, "2026-12-06", []);
    const scale = dayScale(range.from, range.to, 0, 600);
    const steps = /^M([\d.]+),[\d.]+ H([\d.]+) V[\d.]+ H([\d.]+)$/u.exec(stepLinePath(points, range.from, "2026-12-06", scale, (n) => 100 - n * 10))!;
    const [start, rise, end] = steps.slice(1).map(Number) as [number, number, number];
    expect(rise - start).toBeGreaterThan(0);
    expect(end - rise).toBeGreaterThanOrEqual(600 / 16);
    expect(end).toBeLessThanOrEqual(600);
  });

  it("draws nothing without points", () => {
    expect(stepLinePath([], "2025-01-01", "2025-01-11", x, y)).toBe("");
  });
});
