import { createConnection } from "node:net";
import { sql } from "kysely";
import { expect } from "vitest";
import type { OrganizerRole } from "../../db/schema";
import { addOrganizer } from "~/modules/organizer/organizer.repo.server";
import { signInUrlFor } from "~/modules/organizer/sign-in-links.server";
import { TEST_PUBLIC_URL, type TestServer } from "./test-server";

export const SECRETS = ["test-secret"];
export const DEMO_LETTERS = "write-to-your-government";

/** A url-encoded form POST as a browser without JavaScript sends it (repeated keys for arrays). */
export function postForm(
  server: Pick<TestServer, "base">,
  path: string,
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = {},
): Promise<Response> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  return fetch(`${server.base}${path}`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });
}

/** Rows in every table of the application: a POST that changes nothing leaves all of them as they were. */
export async function tableCounts(server: Pick<TestServer, "database">): Promise<Record<string, number>> {
  const db = server.database.db;
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
    order by table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const row = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(name)}`.execute(db);
    counts[name] = Number(row.rows[0]!.n);
  }
  return counts;
}

/** The path of the newest sign-in link mailed to `email`, as the mail would carry it. */
export async function latestSignInPath(server: TestServer, email: string): Promise<string> {
  const row = await server.database.db
    .selectFrom("organizer_sign_ins as s")
    .innerJoin("organizers as o", "o.id", "s.organizer_id")
    .select("s.id")
    .where("o.email", "=", email)
    .orderBy("s.id", "desc")
    .executeTakeFirstOrThrow();
  return new URL(signInUrlFor(row.id, TEST_PUBLIC_URL, "en", SECRETS)).pathname;
}

/** Signs in through the real flow (ask for a link, press its button); returns the session cookie. */
export async function signInAs(server: TestServer, role: OrganizerRole, email: string): Promise<string> {
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

/** Sends bytes exactly as given (no client normalizes the path or headers) and reads the reply until the server closes or `waitMs` passes. */
export async function rawRequest(base: string, text: string | Buffer, waitMs = 5000): Promise<{ status: number; head: string; raw: string }> {
  const { port, hostname } = new URL(base);
  const socket = createConnection({ port: Number(port), host: hostname });
  const chunks: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => socket.write(text));
    socket.once("error", reject);
    socket.once("close", () => resolve());
    setTimeout(() => {
      socket.destroy();
      resolve();
    }, waitMs).unref();
  });
  const raw = Buffer.concat(chunks).toString("latin1");
  const head = raw.split("\r\n\r\n")[0] ?? "";
  return { status: Number(/^HTTP\/1\.1 (\d{3})/u.exec(head)?.[1] ?? 0), head, raw };
}

/** A header of a raw reply's head, or null. */
export function headerOf(head: string, name: string): string | null {
  const line = head.split("\r\n").find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : null;
}
