import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { organizerClient } from "../support/organizer-client";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const { post, signInAs, csrfOf } = organizerClient(() => server);
const db = () => server.database.db;
const PETITION = "stop-the-cybercrime-convention";
const LETTERS = "write-to-your-government";
let organizer: string;

beforeAll(async () => {
  server = await startTestServer();
  await seedDemoContent(db());
  organizer = await signInAs("organizer", "asker@example.org");
});
afterAll(async () => server?.close());

describe("the asks editor, without JavaScript", () => {
  it("refuses bad input by the field, keeps what was typed, and stores nothing", async () => {
    const csrf = await csrfOf(organizer);
    const response = await post(
      `/en/organize/letters/${LETTERS}/asks`,
      { csrf, language: "fr", "heading.signed": "Ratifiez avec des garanties", "heading.party": "Déclarez", "body.party": "Les garanties.", "template.party": "Madame, {{target.nickname}}" },
      { cookie: organizer },
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Write a short text of at most 1,000 characters");
    expect(html).toContain("only the merge fields listed");
    expect(html).toContain("Ratifiez avec des garanties");
    expect(html).toContain("{{target.nickname}}");
    expect(html).toContain('aria-invalid="true"');
    expect(await db().selectFrom("campaign_asks").selectAll().execute()).toEqual([]);
    expect(await db().selectFrom("audit_log").select("action").where("action", "like", "%.asks").execute()).toEqual([]);
  });

  it("saves one language's asks, redirects to them, and audits the save", async () => {
    const csrf = await csrfOf(organizer);
    const response = await post(
      `/en/organize/petitions/${PETITION}/asks`,
      { csrf, language: "es", "heading.signed": "Ratifique solo con garantías", "body.signed": "Pida al parlamento garantías exigibles." },
      { cookie: organizer },
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/en/organize/petitions/${PETITION}/asks?language=es&saved`);
    const page = await server.get(`/en/organize/petitions/${PETITION}/asks?language=es&saved`, { cookie: organizer });
    const html = await page.text();
    expect(html).toContain("Asks saved.");
    expect(html).toContain("Ratifique solo con garantías");
    // A petition has no letter template.
    expect(html).not.toContain('name="template.signed"');
    const rows = await db().selectFrom("campaign_asks").select(["status_group", "language", "heading"]).execute();
    expect(rows).toEqual([{ status_group: "signed", language: "es", heading: "Ratifique solo con garantías" }]);
    const audit = await db().selectFrom("audit_log").select(["action", "subject", "actor_email"]).where("action", "=", "petition.asks").execute();
    expect(audit).toEqual([{ action: "petition.asks", subject: PETITION, actor_email: "asker@example.org" }]);
  });

  it("answers 404 for an unknown campaign, and lets a viewer read nothing of it", async () => {
    expect((await server.get("/en/organize/petitions/no-such-petition/asks", { cookie: organizer })).status).toBe(404);
    const viewer = await signInAs("viewer", "ask-reader@example.org");
    expect((await server.get(`/en/organize/petitions/${PETITION}/asks`, { cookie: viewer })).status).toBe(403);
  });
});
