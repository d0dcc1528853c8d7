import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { SUPPORTED_LANGUAGES } from "../../app/lib/i18n/languages";
import { DEMO_PETITION } from "../support/petition";
import { startTestServer, type TestServer } from "../support/test-server";

/**
 * The streaming renderer fills 2 KB buffers; a character of two to four bytes that does not fit
 * at the end of one must not leave the unfilled end of that buffer in the page as NUL bytes.
 * Cyrillic, Arabic and Chinese pages are where it happened (first seen on /ru/privacy).
 */
const LETTER_CAMPAIGN = "write-to-your-government";
const COUNTRIES = ["fra", "deu", "rus", "chn", "sau", "egy", "bra", "usa"];

function publicPages(lng: string): string[] {
  return [
    `/${lng}`,
    `/${lng}/countries`,
    ...COUNTRIES.map((code) => `/${lng}/countries/${code}`),
    `/${lng}/petitions/${DEMO_PETITION}`,
    `/${lng}/petitions/${DEMO_PETITION}/signed`,
    `/${lng}/petitions/${DEMO_PETITION}/signed?country=fra`,
    `/${lng}/letters/${LETTER_CAMPAIGN}`,
    `/${lng}/letters/${LETTER_CAMPAIGN}/sent`,
    `/${lng}/privacy`,
    `/embed/petitions/${DEMO_PETITION}?lng=${lng}`,
  ];
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await seedDemoContent(server.database.db);
});
afterAll(async () => server?.close());

describe("HTML pages carry no NUL bytes", () => {
  it.each([...SUPPORTED_LANGUAGES])("every public page in %s", async (lng) => {
    const found: string[] = [];
    for (const path of publicPages(lng)) {
      const response = await server.get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type"), path).toMatch(/^text\/html/u);
      // The raw bytes as they came over the wire, before any decoding.
      const bytes = new Uint8Array(await response.arrayBuffer());
      const at = bytes.indexOf(0);
      if (at >= 0) found.push(`${path}: ${bytes.filter((b) => b === 0).length} NUL bytes, the first at byte ${at}`);
    }
    expect(found).toEqual([]);
  });
});
