import { describe, expect, it } from "vitest";
import { pickText } from "~/modules/campaign/campaign-text";

describe("pickText", () => {
  const texts = [
    { language: "en", title: "T", bodyMarkdown: "B", addressedTo: "A" },
    { language: "fr", title: "T fr", bodyMarkdown: "B fr", addressedTo: "A fr" },
  ];

  it("uses the reader's language when the campaign has it", () => {
    expect(pickText(texts, "fr", "en")).toEqual({ text: texts[1], fallback: false });
  });

  it("falls back to the default language and says so", () => {
    expect(pickText(texts, "zh", "en")).toEqual({ text: texts[0], fallback: true });
  });

  it("has nothing to show without any text", () => {
    expect(pickText([], "en", "en")).toBeNull();
  });
});
