import { describe, expect, it } from "vitest";
import { chartFrame, dayNumber, endLabel, dayScale, keyDateMarks, overlaps, textWidth, timeAxis, timeChart, valueTicks } from "~/lib/chart";
import { formatNumber, formatTickDay } from "~/lib/i18n/format";

describe("valueTicks", () => {
  it("steps by 1, 2 or 5 times a power of ten up to the first tick at or above the maximum", () => {
    expect(valueTicks(72)).toEqual([0, 20, 40, 60, 80]);
    expect(valueTicks(80)).toEqual([0, 20, 40, 60, 80]);
    expect(valueTicks(3)).toEqual([0, 1, 2, 3]);
    expect(valueTicks(1234)).toEqual([0, 500, 1000, 1500]);
    expect(valueTicks(9)).toEqual([0, 5, 10]);
  });

  it("counts in whole numbers, and has an axis without any data", () => {
    expect(valueTicks(1)).toEqual([0, 1]);
    expect(valueTicks(0)).toEqual([0, 1]);
    expect(valueTicks(2)).toEqual([0, 1, 2]);
  });

  it("is always round: a step of 1, 2 or 5 times a power of ten, at most five intervals", () => {
    for (let max = 1; max < 20_000; max = Math.ceil(max * 1.37)) {
      const ticks = valueTicks(max);
      const step = ticks[1]! - ticks[0]!;
      expect(String(step), `max ${max}`).toMatch(/^[125]0*$/);
      expect(ticks.at(-1)!, `max ${max}`).toBeGreaterThanOrEqual(max);
      expect(ticks.length - 1, `max ${max}`).toBeLessThanOrEqual(5);
    }
  });
});

describe("textWidth", () => {
  it("gives Chinese characters a whole em and Latin ones less", () => {
    expect(textWidth("2025年10月", 10)).toBe(6 * 6 + 2 * 10);
    expect(textWidth("Oct 2025", 10)).toBe(7 * 6 + 3);
  });
});

const LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh"];

describe("timeAxis", () => {
  const axis = (lng: string, from: string, to: string, width: number, fontSize = 13) =>
    timeAxis({ from, to, x: dayScale(from, to, 40, width - 6), left: 0, right: width, fontSize, format: (tick) => formatTickDay(lng, tick) });

  it("labels a long range by month and a short one by day", () => {
    const long = axis("en", "2025-10-14", "2026-12-31", 640);
    expect(long.length).toBeGreaterThanOrEqual(3);
    expect(long.every((t) => String(t.at).endsWith("-01"))).toBe(true);
    expect(long[0]!.label).toMatch(/2025|2026/);
    const short = axis("en", "2025-10-24", "2025-11-08", 640);
    expect(short[0]!.label).toMatch(/Oct/);
    expect(short.length).toBeGreaterThanOrEqual(3);
  });

  it("never lets two date labels overlap, or one leave the chart, in any language and at phone width", () => {
    const ranges = [
      ["2025-10-14", "2026-12-31"],
      ["2025-10-24", "2025-11-08"],
      ["2026-11-01", "2026-11-03"],
      ["2020-01-01", "2026-12-06"],
      ["2026-08-10", "2026-12-06"],
    ] as const;
    for (const lng of LANGUAGES) {
      for (const [from, to] of ranges) {
        for (const [width, size] of [
          [640, 13],
          [360, 12],
        ] as const) {
          const ticks = axis(lng, from, to, width, size);
          expect(ticks.length, `${lng} ${from}–${to} at ${width}`).toBeGreaterThanOrEqual(1);
          const boxes = ticks.map((t) => ({ x: t.labelAt, width: textWidth(t.label, size) }));
          boxes.forEach((box, i) => {
            expect(box.x - box.width / 2, `${lng} ${ticks[i]!.label}`).toBeGreaterThanOrEqual(0);
            expect(box.x + box.width / 2, `${lng} ${ticks[i]!.label}`).toBeLessThanOrEqual(width);
            if (i > 0) expect(overlaps(boxes[i - 1]!, box, 0), `${lng} ${ticks[i - 1]!.label} / ${ticks[i]!.label} at ${width}`).toBe(false);
          });
        }
      }
    }
  });

  it("ticks on round dates: weeks on Mondays, months on their first day", () => {
    const weeks = timeAxis({ from: "2026-10-01", to: "2026-11-15", x: dayScale("2026-10-01", "2026-11-15", 0, 360), left: 0, right: 360, fontSize: 12, format: (t) => formatTickDay("en", t) });
    for (const tick of weeks) {
      const weekday = new Date(`${tick.at}T00:00:00Z`).getUTCDay();
      expect(weekday === 1 || String(tick.at).endsWith("-01")).toBe(true);
    }
  });
});

describe("keyDateMarks", () => {
  const room = (from: string, to: string) => ({ from, to, x: dayScale(from, to, 40, 630), left: 0, right: 640, fontSize: 13 });

  it("leaves a key date outside the range undrawn and says on which side", () => {
    const { placed, outside } = keyDateMarks(
      [
        { key: "deadline", day: "2030-01-01", label: "Signature deadline" },
        { key: "opened", day: "2025-10-25", label: "Opened for signature" },
        { key: "early", day: "2020-01-01", label: "Adopted" },
      ],
      room("2025-10-20", "2026-12-06"),
    );
    expect(placed.map((m) => m.key)).toEqual(["opened"]);
    expect(outside.map((m) => [m.key, m.side])).toEqual([
      ["early", "before"],
      ["deadline", "after"],
    ]);
  });

  it("puts a name that would overlap another on the next line, and one near the right edge to the left of its line", () => {
    const { placed } = keyDateMarks(
      [
        { key: "a", day: "2026-01-01", label: "Opened for signature" },
        { key: "b", day: "2026-01-10", label: "Signature deadline" },
      ],
      room("2025-12-20", "2026-01-12"),
    );
    expect(placed.map((m) => m.row)).toEqual([0, 1]);
    expect(placed[1]!.anchor).toBe("end");
    expect(placed[0]!.anchor).toBe("start");
  });
});

describe("chartFrame and timeChart", () => {
  it("makes room on the left for the widest value label and maps 0 to the plot's bottom and the top tick to its top", () => {
    const frame = chartFrame({ width: 640, height: 250, fontSize: 13, max: 72, markRows: 0, formatValue: (n) => formatNumber("en", n) });
    expect(frame.top).toBe(80);
    expect(frame.y(0)).toBe(frame.plot.bottom);
    expect(frame.y(80)).toBe(frame.plot.top);
    expect(frame.plot.left).toBeGreaterThan(textWidth("80", 13));
    expect(frame.yTicks.map((t) => t.label)).toEqual(["0", "20", "40", "60", "80"]);
  });

  it("adds a line above the plot for each row of key-date names", () => {
    const input = { width: 360, height: 250, fontSize: 12, max: 5, from: "2025-12-20", to: "2026-01-12", formatValue: String, formatDay: (t: { day: string }) => t.day.slice(5) };
    const none = timeChart({ ...input, marks: [] });
    const two = timeChart({
      ...input,
      marks: [
        { key: "a", day: "2026-01-01", label: "Opened for signature" },
        { key: "b", day: "2026-01-05", label: "Signature deadline" },
      ],
    });
    expect(two.marks.placed.map((m) => m.row)).toEqual([0, 1]);
    expect(two.frame.plot.top).toBeGreaterThan(none.frame.plot.top);
    expect(two.frame.markRowY(1)).toBeGreaterThanOrEqual(12);
    expect(two.frame.markRowY(0)).toBeLessThan(two.frame.plot.top);
  });

  it("writes the last value above the end of its line, or below it near the top where the key-date names are", () => {
    const frame = chartFrame({ width: 640, height: 250, fontSize: 13, max: 72, markRows: 1, formatValue: String });
    expect(endLabel(frame, 600, 40).y).toBeLessThan(frame.y(40));
    expect(endLabel(frame, 600, 80).y).toBeGreaterThan(frame.y(80));
    expect(endLabel(frame, 600, 80).y).toBeGreaterThan(frame.plot.top);
  });

  it("counts days across years as UTC calendar days", () => {
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(dayNumber("2026-01-01") - dayNumber("2025-12-31")).toBe(1);
  });
});
