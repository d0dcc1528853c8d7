import { describe, expect, it } from "vitest";
import { nextMilestone, progressOf } from "~/modules/campaign/campaign-progress";

describe("progressOf", () => {
  it("shows the share of the goal, rounded down", () => {
    expect(progressOf(333, 1000)).toEqual({ count: 333, goal: 1000, percent: 33, goalReached: false });
  });

  it("moves to the next round milestone once the goal is passed", () => {
    expect(progressOf(1000, 1000)).toMatchObject({ goal: 2000, percent: 50, goalReached: true });
    expect(progressOf(120_000, 100_000)).toMatchObject({ goal: 200_000, goalReached: true });
  });

  it("has no bar without a goal", () => {
    expect(progressOf(5, null)).toEqual({ count: 5, goal: null, percent: 0, goalReached: false });
  });

  it("picks milestones of 1, 2 and 5 times a power of ten", () => {
    expect([0, 1, 4, 9, 10, 19, 20, 49, 50, 99_999].map(nextMilestone)).toEqual([1, 2, 5, 10, 20, 20, 50, 50, 100, 100_000]);
  });
});
