import { describe, expect, it } from "vitest";
import { mayMove, nextStatus } from "~/modules/campaign/campaign-lifecycle";

describe("campaign lifecycle", () => {
  it("moves one way: draft → live → closed", () => {
    expect(nextStatus("draft")).toBe("live");
    expect(nextStatus("live")).toBe("closed");
    expect(nextStatus("closed")).toBeNull();
  });

  it("allows only the next step", () => {
    expect(mayMove("draft", "live")).toBe(true);
    expect(mayMove("live", "closed")).toBe(true);
    expect(mayMove("draft", "closed")).toBe(false);
    expect(mayMove("closed", "live")).toBe(false);
    expect(mayMove("live", "live")).toBe(false);
  });
});
