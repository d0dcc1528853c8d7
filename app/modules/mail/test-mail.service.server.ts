import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { isValidEmailAddress } from "./mail-address";
import { enqueueMail, outboxMail } from "./outbox.repo.server";

export type TestMailResult = { ok: true } | { ok: false; field: "to"; code: "invalid_email" };

/** Queues the test mail; the worker sends it like any other. */
export async function sendTestMail(db: Kysely<Database>, input: { to: string; lng: string }): Promise<TestMailResult> {
  const to = input.to.trim();
  if (!isValidEmailAddress(to)) return { ok: false, field: "to", code: "invalid_email" };
  await enqueueMail(db, outboxMail("test", { email: to, language: input.lng }, randomUUID(), {}));
  return { ok: true };
}
