import { createHash } from "node:crypto";
import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");
const LANGUAGES = ["en", "ar", "zh"] as const;
const PAGES = {
  home: "",
  countries: "/countries",
  country: "/countries/fra",
  petition: "/petitions/stop-the-cybercrime-convention",
  letter: "/letters/write-to-your-government",
  privacy: "/privacy",
} as const;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_BYTES = 300 * 1024;

/** The `content` of each `<meta property|name="…">` of a page, in order. */
function metaContents(html: string, key: string): string[] {
  const decode = (value: string) => value.replace(/&amp;/gu, "&").replace(/&quot;/gu, '"').replace(/&#x27;/gu, "'");
  return [...html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)"\/?>/gu)].filter((m) => m[1] === key).map((m) => decode(m[2] ?? ""));
}

async function previewOf(path: string) {
  const response = await fetch(`${baseUrl}${path}`);
  expect(response.status, path).toBe(200);
  const html = await response.text();
  const one = (key: string) => {
    const found = metaContents(html, key);
    expect(found, `${path} ${key}`).toHaveLength(1);
    return found[0] ?? "";
  };
  return { html, one, all: (key: string) => metaContents(html, key) };
}

/** Width and height from a PNG's IHDR chunk (the first, right after the signature). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("link previews and share cards", () => {
  for (const [name, path] of Object.entries(PAGES)) {
    it(`the ${name} page has its preview tags, and its og:image is a 1200×630 PNG under 300 KB, different per language, revalidated by ETag`, async () => {
      const hashes = new Set<string>();
      for (const lng of LANGUAGES) {
        const page = await previewOf(`/${lng}${path}`);
        expect(page.one("twitter:card")).toBe("summary_large_image");
        expect(page.one("og:url")).toMatch(new RegExp(`/${lng}${path}$`, "u"));
        expect(page.html).toContain(`<link rel="canonical" href="${page.one("og:url")}"/>`);
        expect(page.one("og:locale")).toBe({ en: "en_US", ar: "ar_AR", zh: "zh_CN" }[lng]);
        expect(page.all("og:locale:alternate")).toHaveLength(5);
        expect(page.one("og:site_name")).toBe("Treaty Watch");
        expect(page.one("og:title").length).toBeGreaterThan(0);
        expect(page.one("og:description").length).toBeGreaterThan(0);
        expect(page.one("og:image:width")).toBe("1200");
        expect(page.one("og:image:height")).toBe("630");
        expect(page.one("og:image:alt").length).toBeGreaterThan(0);
        const image = page.one("og:image");
        expect(image).toMatch(new RegExp(`/cards/${lng}/`, "u"));
        if (name === "petition" || name === "letter" || name === "country") expect(image).toMatch(/\.png\?v=/u);
        else expect(image).toMatch(/\/site\.png$/u);

        const url = new URL(image, baseUrl);
        const response = await fetch(`${baseUrl}${url.pathname}${url.search}`);
        expect(response.status, image).toBe(200);
        expect(response.headers.get("content-type")).toBe("image/png");
        expect(response.headers.get("cache-control")).toMatch(/public, max-age=\d+/u);
        // Any site or app may show it (previews, partners' pages).
        expect(response.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
        const bytes = Buffer.from(await response.arrayBuffer());
        expect(pngSize(bytes)).toEqual({ width: 1200, height: 630 });
        expect(bytes.length).toBeLessThan(MAX_BYTES);
        hashes.add(createHash("sha256").update(bytes).digest("hex"));

        const etag = response.headers.get("etag");
        expect(etag).toMatch(/^"[^"]+"$/u);
        // Some crawlers ask with HEAD first.
        const head = await fetch(`${baseUrl}${url.pathname}${url.search}`, { method: "HEAD" });
        expect([head.status, head.headers.get("content-type"), head.headers.get("etag")]).toEqual([200, "image/png", etag]);
        const again = await fetch(`${baseUrl}${url.pathname}${url.search}`, { headers: { "If-None-Match": etag ?? "" } });
        expect(again.status).toBe(304);
        expect(again.headers.get("etag")).toBe(etag);
      }
      expect(hashes.size).toBe(LANGUAGES.length);
    });
  }

  it("answers 404 for an unknown subject, an unsupported language or a name without .png", async () => {
    for (const path of [
      "/cards/en/petitions/no-such-petition.png",
      "/cards/en/letters/no-such-campaign.png",
      "/cards/en/countries/xyz.png",
      "/cards/en/countries/FRA.png",
      "/cards/de/site.png",
      "/cards/de/petitions/stop-the-cybercrime-convention.png",
      "/cards/en/petitions/stop-the-cybercrime-convention",
    ]) {
      expect((await fetch(`${baseUrl}${path}`)).status, path).toBe(404);
    }
  });

  it("pages not meant to be shared carry no preview", async () => {
    const page = await fetch(`${baseUrl}/en/organize/sign-in`).then((r) => r.text());
    expect(metaContents(page, "og:image")).toHaveLength(0);
  });
});
