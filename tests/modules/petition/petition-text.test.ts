import { describe, expect, it } from "vitest";
import { publicFirstName } from "~/modules/petition/petition-text";

describe("publicFirstName", () => {
  it("shows only the first word of a name", () => {
    expect(publicFirstName("  Ann  Marie Lee ")).toBe("Ann");
    expect(publicFirstName("李 小龙")).toBe("李");
  });
});
