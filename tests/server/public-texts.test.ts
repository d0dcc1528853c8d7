import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { addOrganizer } from "~/modules/organizer/organizer.repo.server";
import { latestSignInPath, postForm, signInAs } from "../support/attack";
import { DEMO_PETITION } from "../support/petition";
import { startTestServer, type TestServer } from "../support/test-server";

/**
 * Pages carry the texts of their namespaces to the browser (in the page's script data). The
 * organizer area's texts (what it audits, moderates, exports) are for signed-in organizers; the
 * sign-in pages and every other public page carry none of them.
 */
type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree): string[] => Object.values(tree).flatMap((value) => (typeof value === "string" ? [value] : leaves(value)));
const namespace = (lng: string, ns: string) => JSON.parse(readFileSync(join("locales", lng, `${ns}.json`), "utf8")) as Tree;

/** Texts only the organizer area has: long enough to be telling, written the same in HTML and in JSON. */
function organizerOnlyTexts(lng: string): string[] {
  const elsewhere = readdirSync(join("locales", lng))
    .filter((file) => file !== "organize.json")
    .map((file) => readFileSync(join("locales", lng, file), "utf8"))
    .join("\n");
  return [...new Set(leaves(namespace(lng, "organize")))].filter((text) => text.length >= 12 && !/[{}"\\<>&'’\n]/u.test(text) && !elsewhere.includes(text));
}

let server: TestServer;
let organizer: string;
let signInLink: string;

beforeAll(async () => {
  server = await startTestServer();
  await seedDemoContent(server.database.db);
  organizer = await signInAs(server, "admin", "texts-admin@example.org");
  await addOrganizer(server.database.db, { email: "texts-link@example.org", role: "viewer", by: "test" });
  expect((await postForm(server, "/en/organize/sign-in", { email: "texts-link@example.org" })).status).toBe(303);
  signInLink = await latestSignInPath(server, "texts-link@example.org");
});
afterAll(async () => server?.close());

const html = async (path: string, headers: Record<string, string> = {}) => (await server.get(path, headers)).text();

describe("the texts a page ships", () => {
  for (const lng of ["en", "ar"]) {
    const texts = organizerOnlyTexts(lng);

    it(`(${lng}) the organizer area's, to a signed-in organizer: every one of them (so the check below can see them)`, async () => {
      expect(texts.length).toBeGreaterThan(100);
      const home = await html(`/${lng}/organize`, { cookie: organizer });
      expect(texts.filter((text) => !home.includes(text))).toEqual([]);
    });

    it(`(${lng}) none of the organizer area's on the sign-in pages, only their own`, async () => {
      const signIn = namespace(lng, "signIn") as { title: string; submit: string; link: { button: string; invalid: string } };
      const pages = {
        form: await html(`/${lng}/organize/sign-in`),
        sent: await html(`/${lng}/organize/sign-in?sent`),
        link: await html(signInLink.replace(/^\/en\//u, `/${lng}/`)),
        badLink: await html(`/${lng}/organize/sign-in/not-a-token`),
      };
      for (const [page, body] of Object.entries(pages)) {
        expect(body, page).toContain(signIn.title);
        expect(texts.filter((text) => body.includes(text)), page).toEqual([]);
      }
      expect(pages.form).toContain(signIn.submit);
      expect(pages.link).toContain(signIn.link.button);
      expect(pages.badLink).toContain(signIn.link.invalid);
    });

    it(`(${lng}) none of the organizer area's on public pages, a stranger's 404 under /organize included`, async () => {
      for (const path of [`/${lng}`, `/${lng}/countries`, `/${lng}/countries/fra`, `/${lng}/petitions/${DEMO_PETITION}`, `/${lng}/privacy`, `/${lng}/organize/no-such-page`, `/${lng}/organize/audit/x`]) {
        const body = await html(path);
        expect(texts.filter((text) => body.includes(text)), path).toEqual([]);
      }
    });
  }

  it("names what is kept out: the audit log, moderation, the export with emails", async () => {
    const organize = namespace("en", "organize") as { audit: { title: string }; moderation: { title: string; intro?: string }; export: { csvWithEmails: string } };
    const signInPage = await html("/en/organize/sign-in");
    for (const text of [organize.audit.title, organize.export.csvWithEmails, "Moderation"]) expect(signInPage).not.toContain(text);
    expect(await html("/en/organize", { cookie: organizer })).toContain(organize.audit.title);
  });
});
