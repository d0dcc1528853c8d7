import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizerClient } from "../support/organizer-client";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const { signInAs } = organizerClient(() => server);

beforeAll(async () => {
  server = await startTestServer();
  const treaty = await server.database.db.selectFrom("treaties").select("id").executeTakeFirstOrThrow();
  const follow = (country: string, n: number, status: "confirmed" | "pending" | "unsubscribed" = "confirmed") =>
    Array.from({ length: n }, (_, i) => ({
      treaty_id: treaty.id,
      country_code: country,
      email: `${country.toLowerCase()}.${status}.${i}@example.org`,
      email_key: `${country.toLowerCase()}.${status}.${i}@example.org`,
      language: "en",
      status,
      confirmed_at: status === "pending" ? null : new Date(),
      unsubscribed_at: status === "unsubscribed" ? new Date() : null,
    }));
  await server.database.db
    .insertInto("country_follows")
    .values([...follow("FRA", 3), ...follow("PER", 1), ...follow("AUT", 1), ...follow("DEU", 2), ...follow("DEU", 4, "pending"), ...follow("ITA", 2, "unsubscribed")])
    .execute();
});
afterAll(async () => server?.close());

/** The country names of the followers table, in order, and each one's count. */
const rowsOf = (html: string) => [...html.matchAll(/<tr><th scope="row"><a [^>]*>([^<]+)<\/a><\/th><td>([^<]+)<\/td><\/tr>/gu)].map((m) => [m[1], m[2]]);

describe("followers on the organizers' dashboard", () => {
  it("the countries page lists confirmed followers per country, most followed first or by name", async () => {
    const viewer = await signInAs("viewer", "followers-viewer@example.org");
    const page = await (await server.get("/en/organize/countries", { cookie: viewer })).text();
    expect(page).toContain("Followers per country");
    expect(rowsOf(page)).toEqual([
      ["France", "3"],
      ["Germany", "2"],
      ["Austria", "1"],
      ["Peru", "1"],
    ]);
    expect(rowsOf(await (await server.get("/en/organize/countries?sort=name", { cookie: viewer })).text())).toEqual([
      ["Austria", "1"],
      ["France", "3"],
      ["Germany", "2"],
      ["Peru", "1"],
    ]);
    const french = await (await server.get("/fr/organize/countries?sort=name", { cookie: viewer })).text();
    expect(rowsOf(french)).toEqual([
      ["Allemagne", "2"],
      ["Autriche", "1"],
      ["France", "3"],
      ["Pérou", "1"],
    ]);
  });

  it("the home shows the total and the most followed countries", async () => {
    const viewer = await signInAs("viewer", "followers-home@example.org");
    const home = await (await server.get("/es/organize", { cookie: viewer })).text();
    expect(home).toContain("Seguimientos confirmados, todos los países: 7");
    const list = /<ol class="most-followed">(.*?)<\/ol>/u.exec(home)![1]!;
    expect(list).toContain('href="/es/organize/countries/fra"');
    expect(list.replace(/<!-- -->/gu, "").replace(/<[^>]+>/gu, "|")).toMatch(/^\|\|Francia\|: 3\|\|\|Alemania\|: 2\|/u);
  });
});
