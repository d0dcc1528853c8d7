import { expect } from "vitest";
import type { OrganizerRole } from "../../db/schema";
import { addOrganizer } from "~/modules/organizer/organizer.repo.server";
import { signInUrlFor } from "~/lib/links/sign-in-links.server";
import { postForm } from "./form-post";
import { TEST_PUBLIC_URL, type TestServer } from "./test-server";

export const SECRETS = ["test-secret"];

/** The path of the newest sign-in link mailed to `email`, as the mail would carry it. */
export async function latestSignInPath(server: TestServer, email: string): Promise<string> {
  const db = server.database.db;
  const row = await db
    .selectFrom("organizer_sign_ins as s")
    .innerJoin("organizers as o", "o.id", "s.organizer_id")
    .select("s.id")
    .where("o.email", "=", email)
    .orderBy("s.id", "desc")
    .executeTakeFirstOrThrow();
  const mail = await db.selectFrom("outgoing_mails").select(["template"]).where("idempotency_key", "=", `organizer-sign-in:${row.id}`).executeTakeFirstOrThrow();
  expect(mail.template).toBe("organizer-sign-in");
  return new URL(signInUrlFor(row.id, TEST_PUBLIC_URL, "en", SECRETS)).pathname;
}

/** Signs in through the real flow (ask for a link, press its button); returns the session cookie. */
export async function signInAs(server: TestServer, role: OrganizerRole, email = `${role}@example.org`): Promise<string> {
  await addOrganizer(server.database.db, { email, role, by: "test" });
  expect((await postForm(server, "/en/organize/sign-in", { email })).status).toBe(303);
  const pressed = await postForm(server, await latestSignInPath(server, email), {});
  expect(pressed.status).toBe(303);
  return pressed.headers.get("set-cookie")!.split(";")[0]!;
}

/** The CSRF token every organizer form of this session carries. */
export async function csrfOf(server: TestServer, cookie: string): Promise<string> {
  const html = await (await server.get("/en/organize", { cookie })).text();
  return /name="csrf" value="([^"]+)"/u.exec(html)![1]!;
}

/** The same, bound to a test server that is started later (in `beforeAll`). */
export function organizerClient(server: () => TestServer) {
  return {
    post: (path: string, fields: Record<string, string | string[]> | URLSearchParams, headers: Record<string, string> = {}) => postForm(server(), path, fields, headers),
    latestSignInPath: (email: string) => latestSignInPath(server(), email),
    signInAs: (role: OrganizerRole, email?: string) => signInAs(server(), role, email),
    csrfOf: (cookie: string) => csrfOf(server(), cookie),
  };
}
