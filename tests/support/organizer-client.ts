import { expect } from "vitest";
import type { OrganizerRole } from "../../db/schema";
import { addOrganizer } from "~/modules/organizer/organizer.repo.server";
import { signInUrlFor } from "~/modules/organizer/sign-in-links.server";
import { TEST_PUBLIC_URL, type TestServer } from "./test-server";

const SECRETS = ["test-secret"];

/** HTTP as an organizer's browser does it, against a test server: form POSTs, sign-in from the mailed link, CSRF tokens. */
export function organizerClient(server: () => TestServer) {
  const post = (path: string, fields: Record<string, string> | URLSearchParams, headers: Record<string, string> = {}) =>
    fetch(`${server().base}${path}`, {
      method: "POST",
      body: fields instanceof URLSearchParams ? fields : new URLSearchParams(fields),
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    });

  /** The path of the newest sign-in link mailed to `email`, as the mail would carry it. */
  async function latestSignInPath(email: string): Promise<string> {
    const db = server().database.db;
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

  /** Signs in through the real flow: ask for a link, open it, press the button. Returns the cookie. */
  async function signInAs(role: OrganizerRole, email = `${role}@example.org`): Promise<string> {
    await addOrganizer(server().database.db, { email, role, by: "test" });
    expect((await post("/en/organize/sign-in", { email })).status).toBe(303);
    const response = await post(await latestSignInPath(email), {});
    expect(response.status).toBe(303);
    return response.headers.get("set-cookie")!.split(";")[0]!;
  }

  async function csrfOf(cookie: string): Promise<string> {
    const html = await (await server().get("/en/organize", { cookie })).text();
    return /name="csrf" value="([^"]+)"/u.exec(html)![1]!;
  }

  return { post, latestSignInPath, signInAs, csrfOf };
}
