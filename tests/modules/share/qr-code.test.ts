import { describe, expect, it } from "vitest";
import { qrCodeSvg, qrFileName } from "../../../app/modules/share/qr-code.server";
import { decodeQrSvg as decode } from "../../support/qr";

describe("qrCodeSvg", () => {
  it.each([
    "https://treaty.example.org/en/petitions/stop-the-cybercrime-convention",
    "https://treaty.example.org/ar/letters/write-to-your-government?ref=flyer-2026",
  ])("draws an SVG that decodes to %s", async (url) => {
    const svg = await qrCodeSvg(url);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*viewBox="0 0 \d+ \d+"[^>]* role="img"><title>/);
    expect(svg.trimEnd()).toMatch(/<\/svg>$/);
    expect(svg).toContain('width="512"');
    expect(Buffer.byteLength(svg)).toBeLessThan(20_000);
    expect(decode(svg)).toBe(url);
  });

  it("escapes the URL in its title", async () => {
    const svg = await qrCodeSvg("https://treaty.example.org/en?a=1&b=<2>");
    expect(svg).toContain("<title>https://treaty.example.org/en?a=1&amp;b=&lt;2&gt;</title>");
    expect(decode(svg)).toBe("https://treaty.example.org/en?a=1&b=<2>");
  });
});

describe("qrFileName", () => {
  it("names the campaign and the code", () => {
    expect(qrFileName("petition", "stop-it", "")).toBe("treatywatch-petition-stop-it-qr.svg");
    expect(qrFileName("letter", "write", "flyer-2026")).toBe("treatywatch-letter-write-flyer-2026-qr.svg");
  });
});
