import { describe, expect, it } from "vitest";
import { signatureTrend, stepChartPath } from "~/modules/country/signature-trend";

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

describe("stepChartPath", () => {
  it("climbs in steps from the first signature to the last total at the top", () => {
    const { points } = signatureTrend(["2025-01-01", "2025-01-01", "2025-01-06"]);
    // 10 days wide: day 0 → x 0, day 5 → x 50; total 2 of 3 → y 33.3, total 3 → y 0.
    expect(stepChartPath(points, "2025-01-11", 100, 100)).toBe("M0,100 H0 V33.3 H50 V0 H100");
  });

  it("draws nothing without points", () => {
    expect(stepChartPath([], "2025-01-01", 100, 100)).toBe("");
  });
});
