import { createConnection } from "node:net";
import { sql } from "kysely";
import type { TestServer } from "./test-server";

export { postForm } from "./form-post";
export { csrfOf, latestSignInPath, SECRETS, signInAs } from "./organizer-client";
export const DEMO_LETTERS = "write-to-your-government";

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
