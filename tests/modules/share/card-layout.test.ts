import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { barFill, breakUnits, ellipsize, inLineDirection, lineAnchor, mirrored, wrapLines, type Measure } from "~/modules/share/card-layout";
import { CARD_COLORS, composeCardSvg, STATUS_COLORS, type CardContent } from "~/modules/share/card-svg";

/** Every character half as wide as the size: 10 characters at size 20 are 100 wide. */
const measure: Measure = (text, size) => [...text].length * size * 0.5;
const STYLE = { size: 20, weight: 400 } as const;

describe("breaking text into lines", () => {
  it("breaks between words, between any two ideographs, and never before closing punctuation", () => {
    expect(breakUnits("Sign the petition")).toEqual(["Sign ", "the ", "petition"]);
    expect(breakUnits("签署请愿")).toEqual(["签", "署", "请", "愿"]);
    expect(breakUnits("公约》持什么立场？")).toEqual(["公", "约》", "持", "什", "么", "立", "场？"]);
    expect(breakUnits("UN 公约, now")).toEqual(["UN ", "公", "约, ", "now"]);
  });

  it("wraps greedily within the width, each line trimmed", () => {
    // 10 characters a line at size 20 in 100 px.
    expect(wrapLines("one two three four five", 100, 3, STYLE, measure)).toEqual(["one two", "three four", "five"]);
    expect(wrapLines("  spaced   out  ", 100, 3, STYLE, measure)).toEqual(["spaced out"]);
    expect(wrapLines("", 100, 3, STYLE, measure)).toEqual([]);
  });

  it("ends the last line with an ellipsis when the text needs more lines than allowed", () => {
    const lines = wrapLines("one two three four five six seven", 100, 2, STYLE, measure);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("one two");
    expect(lines[1]).toMatch(/…$/u);
    expect(measure(lines[1] ?? "", 20, 400)).toBeLessThanOrEqual(100);
  });

  it("cuts a word longer than a line by characters", () => {
    expect(wrapLines("abcdefghijklmnopqrstuvwxyz", 100, 3, STYLE, measure)).toEqual(["abcdefghij", "klmnopqrst", "uvwxyz"]);
    const cut = wrapLines("abcdefghijklmnopqrstuvwxyz", 100, 2, STYLE, measure);
    expect(cut).toEqual(["abcdefghij", "klmnopqrs…"]);
  });

  it("wraps Chinese without spaces, and cuts it with an ellipsis", () => {
    const text = "只有在有力的人权保障下才批准联合国打击网络犯罪公约";
    expect(wrapLines(text, 100, 5, STYLE, measure)).toEqual(["只有在有力的人权保障", "下才批准联合国打击网", "络犯罪公约"]);
    expect(wrapLines(text, 100, 1, STYLE, measure)).toEqual(["只有在有力的人权保…"]);
  });

  it("keeps a text that fits as it is, and cuts one that does not", () => {
    expect(ellipsize("short", 100, STYLE, measure)).toBe("short");
    expect(ellipsize("a much longer label", 100, STYLE, measure)).toBe("a much lo…");
    expect(ellipsize("anything", 5, STYLE, measure)).toBe("…");
  });
});

describe("right-to-left placement", () => {
  it("anchors left-to-right text at its start on the left, right-to-left text at its end on the right", () => {
    expect(lineAnchor("ltr", { x: 72, width: 1056 })).toEqual({ x: 72, anchor: "start" });
    expect(lineAnchor("rtl", { x: 72, width: 1056 })).toEqual({ x: 1128, anchor: "end" });
  });

  it("mirrors boxes across the card and fills the progress bar from the start edge", () => {
    expect(mirrored("ltr", { x: 770, width: 358 })).toEqual({ x: 770, width: 358 });
    expect(mirrored("rtl", { x: 770, width: 358 })).toEqual({ x: 72, width: 358 });
    expect(barFill("ltr", { x: 72, width: 1000 }, 0.25)).toEqual({ x: 72, width: 250 });
    expect(barFill("rtl", { x: 72, width: 1000 }, 0.25)).toEqual({ x: 822, width: 250 });
    expect(barFill("rtl", { x: 72, width: 1000 }, 3)).toEqual({ x: 72, width: 1000 });
    expect(barFill("ltr", { x: 72, width: 1000 }, Number.NaN)).toEqual({ x: 72, width: 0 });
  });

  const campaign: CardContent = {
    kind: "campaign",
    title: "A <petition> & more",
    figure: { value: "12,000", label: "signatures" },
    progress: { fraction: 0.5, text: "Goal: 24,000" },
    call: "Sign",
  };
  const frame = (direction: "ltr" | "rtl") => ({ direction, fontFamilies: ["Noto Sans Arabic", "Noto Sans"], siteName: "Treaty Watch", measure });

  it("draws an Arabic card from the right: every line anchored at its end, the bar filled from the right", () => {
    const svg = composeCardSvg(campaign, frame("rtl"));
    expect(svg).toContain(`<text x="1128" y="150" font-size="58" font-weight="700" fill="${CARD_COLORS.text}" text-anchor="end">\u200FA &lt;petition&gt; &amp; more\u200F</text>`);
    expect(svg).not.toContain('text-anchor="start"');
    expect(svg).toContain(`<rect x="600" y="486" width="528" height="22" rx="11" fill="${CARD_COLORS.brand}"/>`);
    expect(svg).toContain('font-family="&apos;Noto Sans Arabic&apos;, &apos;Noto Sans&apos;"');
    expect(svg).not.toContain('direction="rtl"');
  });

  it("gives each right-to-left line a right-to-left base, so a final full stop ends the sentence on the left", () => {
    expect(inLineDirection("rtl", "لا يوجد توقيع.")).toBe("\u200Fلا يوجد توقيع.\u200F");
    expect(inLineDirection("ltr", "No signature.")).toBe("No signature.");
  });

  it("draws a left-to-right card from the left", () => {
    const svg = composeCardSvg(campaign, frame("ltr"));
    expect(svg).toContain('<text x="72" y="150" font-size="58" font-weight="700"');
    expect(svg).toContain(`<rect x="72" y="486" width="528" height="22" rx="11" fill="${CARD_COLORS.brand}"/>`);
  });

  it("puts a country's shape on the side opposite its name", () => {
    const country: CardContent = { kind: "country", name: "France", badge: { text: "Signed", color: STATUS_COLORS.signed }, summary: "Has signed.", shape: { path: "M0,0L10,10Z", color: STATUS_COLORS.signed } };
    expect(composeCardSvg(country, frame("ltr"))).toContain('<path transform="translate(770 96)"');
    expect(composeCardSvg(country, frame("rtl"))).toContain('<path transform="translate(72 96)"');
  });
});

describe("card colours", () => {
  it("are the stylesheet's: the badges as on the map legend and StatusBadge", () => {
    const css = readFileSync("app/styles/app.css", "utf8");
    const variable = (name: string) => new RegExp(`--color-${name}:\\s*(#[0-9a-f]{6})`, "iu").exec(css)?.[1]?.toLowerCase();
    const cssName: Record<keyof typeof STATUS_COLORS, string> = {
      not_signed: "not-signed",
      not_joined: "not-joined",
      signed: "signed",
      domestic_approval_reported: "domestic",
      party: "party",
      in_force: "in-force",
    };
    for (const [status, name] of Object.entries(cssName)) expect(STATUS_COLORS[status as keyof typeof STATUS_COLORS], status).toBe(variable(name));
    expect(CARD_COLORS.brand).toBe(variable("brand"));
    expect(CARD_COLORS.text).toBe(variable("text"));
    expect(CARD_COLORS.muted).toBe(variable("muted"));
  });
});
