import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/test-server";
import en from "../../locales/en/common.json";
import ar from "../../locales/ar/common.json";
import zh from "../../locales/zh/common.json";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

const chartOf = async (lng: string) => {
  const html = (await (await server.get(`/${lng}`)).text()).replace(/<!-- -->/gu, "");
  return /<figure class="time-chart signature-chart">.*?<\/figure>/su.exec(html)?.[0] ?? "";
};

describe("the home page's signatures-over-time chart", () => {
  it("is a step line, not an area, drawn for wide screens and again for phones", async () => {
    const chart = await chartOf("en");
    expect(chart).toContain('class="time-chart__svg time-chart__svg--wide"');
    expect(chart).toContain('class="time-chart__svg time-chart__svg--narrow"');
    const paths = [...chart.matchAll(/<path class="signature-chart__line" d="([^"]+)"/gu)].map((m) => m[1]!);
    expect(paths).toHaveLength(2);
    for (const d of paths) expect(d).toMatch(/^M[\d.]+,[\d.]+( H[\d.]+ V[\d.]+)+ H[\d.]+$/u);
  });

  it("labels its axes: the value axis' title and round counts, dates, and the treaty's key dates from its record", async () => {
    const chart = await chartOf("en");
    expect(chart).toContain(`>${en.chart.yAxis}</p>`);
    expect(chart).toMatch(/dominant-baseline="middle">0<\/text>/u);
    expect(chart).toMatch(/text-anchor="middle">[A-Z][a-z]{2} 20\d\d<\/text>/u);
    // The seeded treaty opened for signature on 25 October 2025; its deadline is 31 December 2026.
    expect(chart).toContain(`>${en.chart.markOpened}</text>`);
    expect(chart).toContain("Opened for signature: October 25, 2025");
    expect(chart).toContain("Signature deadline: December 31, 2026");
    // The numbers stay in a table.
    expect(chart).toMatch(/<details><summary>Show the numbers<\/summary><table>/u);
  });

  it("explains the confirmed signatures without a confirmed day under the chart: how many, and that they are not drawn", async () => {
    const db = server.database.db;
    const undated = await db.selectFrom("treaty_actions").select("id").where("action", "=", "signature").where("acted_on", "=", "2025-10-26").where("confidence", "in", ["depositary", "official"]).limit(2).execute();
    expect(undated).toHaveLength(2);
    await db.updateTable("treaty_actions").set({ acted_on: null }).where("id", "in", undated.map((r) => r.id)).execute();
    // Public pages are cached for a second.
    await expect.poll(async () => (await (await server.get("/es")).text()).includes("time-chart__note"), { timeout: 15_000 }).toBe(true);
    const html = (await (await server.get("/es")).text()).replace(/<!-- -->/gu, "");
    expect(html).toMatch(/<\/ul><p class="time-chart__note">2 firmas [^<]+<\/p><details>/u);
  });

  it("keeps time left to right in Arabic, in the language's words, and draws Chinese labels", async () => {
    const arabic = await chartOf("ar");
    expect(arabic).toMatch(/<svg class="time-chart__svg time-chart__svg--wide" [^>]*direction="ltr"/u);
    expect(arabic).toContain(`>${ar.chart.markDeadline}</text>`);
    expect(arabic).toContain(`>${ar.chart.yAxis}</p>`);
    const chinese = await chartOf("zh");
    expect(chinese).toContain(`>${zh.chart.markOpened}</text>`);
    expect(chinese).toMatch(/text-anchor="middle">20\d\d年\d+月<\/text>/u);
  });
});
