import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

export interface AuditEntry {
  actor: { id: number | null; email: string };
  /** Dotted, lower-case: `session.sign_in`, `petition.publish`, `export.signatures`. */
  action: string;
  subject?: string;
  details?: Record<string, unknown>;
}

/** Adds one line to the audit log; call it in the transaction of the action it records. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      organizer_id: entry.actor.id,
      actor_email: entry.actor.email,
      action: entry.action,
      subject: entry.subject ?? null,
      details: sql`${JSON.stringify(entry.details ?? {})}::text::jsonb`,
    })
    .execute();
}

export async function latestAuditEntries(db: Db, limit = 200) {
  return db
    .selectFrom("audit_log")
    .select(["id", "actor_email", "action", "subject", "details", "created_at"])
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
