import { describe, expect, it } from "vitest";
import { cardCountStep, cardFileName, shareCardPath } from "../../../app/lib/share/card-paths";

describe("shareCardPath", () => {
  it("names each kind of card under /cards/{lng}/", () => {
    expect(shareCardPath("en", { kind: "petition", slug: "stop-it" }, 12000)).toBe("/cards/en/petitions/stop-it.png?v=12000");
    expect(shareCardPath("ar", { kind: "letter", slug: "write" })).toBe("/cards/ar/letters/write.png");
    expect(shareCardPath("zh", { kind: "country", code3: "NOR" }, "party")).toBe("/cards/zh/countries/nor.png?v=party");
    expect(shareCardPath("fr", { kind: "site" })).toBe("/cards/fr/site.png");
  });
});

describe("cardCountStep", () => {
  it.each([
    [0, 0],
    [7, 7],
    [99, 99],
    [100, 100],
    [109, 100],
    [110, 110],
    [12_345, 12_000],
    [999_999, 990_000],
    [1_000_000, 1_000_000],
  ])("%i signatures show as %i", (count, step) => {
    expect(cardCountStep(count)).toBe(step);
  });

  it("never shows more than was counted", () => {
    for (let count = 0; count < 50_000; count += 37) expect(cardCountStep(count)).toBeLessThanOrEqual(count);
  });
});

describe("cardFileName", () => {
  it("takes the name off a card's file segment, and nothing that is not a PNG's name", () => {
    expect(cardFileName("stop-the-convention.png")).toBe("stop-the-convention");
    expect(cardFileName("fra.png")).toBe("fra");
    expect(cardFileName("fra")).toBeNull();
    expect(cardFileName(".png")).toBeNull();
    expect(cardFileName("fra.png.gz")).toBeNull();
    expect(cardFileName(undefined)).toBeNull();
  });
});
