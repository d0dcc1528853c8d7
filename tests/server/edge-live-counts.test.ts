import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { startTestServer, type TestServer } from "../support/test-server";

const LETTERS = "write-to-your-government";
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await seedDemoContent(server.database.db);
});
afterAll(async () => server?.close());

describe("the counts a cached letter page polls", () => {
  it("gives a letter campaign's confirmed letters and goal, with a short shared life and an ETag", async () => {
    const db = server.database.db;
    const { id } = await db.selectFrom("letter_campaigns").select("id").where("slug", "=", LETTERS).executeTakeFirstOrThrow();
    const response = await server.get(`/api/v1/letters/${LETTERS}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toMatch(/^public, max-age=\d+/u);
    expect(response.headers.get("etag")).toBeTruthy();
    const body = (await response.json()) as { slug: string; status: string; confirmedLetters: number; goal: number | null };
    expect(body).toMatchObject({ slug: LETTERS, status: "live" });
    expect(Object.keys(body).sort()).toEqual(["confirmedLetters", "goal", "slug", "status"]);
    await db
      .insertInto("letter_counts")
      .values({ campaign_id: id, confirmed: 41, updated_at: new Date() })
      .onConflict((oc) => oc.column("campaign_id").doUpdateSet({ confirmed: 41 }))
      .execute();
    expect(((await (await server.get(`/api/v1/letters/${LETTERS}`)).json()) as { confirmedLetters: number }).confirmedLetters).toBe(41);
  });

  it("is a 404 for a draft or unknown campaign", async () => {
    const db = server.database.db;
    await db.updateTable("letter_campaigns").set({ status: "draft" }).where("slug", "=", LETTERS).execute();
    try {
      expect((await server.get(`/api/v1/letters/${LETTERS}`)).status).toBe(404);
    } finally {
      await db.updateTable("letter_campaigns").set({ status: "live" }).where("slug", "=", LETTERS).execute();
    }
    expect((await server.get("/api/v1/letters/no-such-campaign")).status).toBe(404);
  });

  it("the letter page and its embed are for shared caches and poll that count", async () => {
    for (const path of [`/en/letters/${LETTERS}`, `/embed/letters/${LETTERS}?lng=en`]) {
      const page = await server.get(path);
      expect(page.status, path).toBe(200);
      expect(page.headers.get("cache-control"), path).toBe("public, max-age=0, s-maxage=30, stale-while-revalidate=30, stale-if-error=86400");
      expect(page.headers.get("set-cookie"), path).toBeNull();
      expect(await page.text(), path).toContain('aria-live="polite"');
    }
    // A country chosen is the visitor's own answer (it may count a lead): never shared.
    expect((await server.get(`/en/letters/${LETTERS}?country=fra`)).headers.get("cache-control")).toBe("private, no-store");
  });
});
