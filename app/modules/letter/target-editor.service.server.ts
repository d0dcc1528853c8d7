import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { recordAudit } from "../audit/audit.repo.server";
import type { Actor } from "../campaign/campaign-status.service.server";
import { countryCodeResolver } from "./target-import.service.server";
import { validateTargetRow, type TargetColumn, type TargetRowProblem } from "./target-row";
import { targetColumns } from "./targets.repo.server";

export type TargetSaveOutcome =
  | { kind: "saved"; id: number }
  | { kind: "invalid"; problems: Partial<Record<TargetColumn, TargetRowProblem | "email_taken">> }
  | { kind: "not_found" };

/** One target as its form shows it. */
export async function targetForEditing(db: Kysely<Database>, id: number) {
  return db.selectFrom("targets").select(["id", "country_code", "name", "role", "organization", "email", "language", "active", "source_url", "email_public", "is_demo"]).where("id", "=", id).executeTakeFirst();
}

/**
 * Adds a target (`id` null) or changes one, checked by the same rules as a
 * CSV row; an address another target has is refused. Audited with before and after.
 */
export async function saveTarget(db: Kysely<Database>, id: number | null, row: Partial<Record<TargetColumn, string>>, actor: Actor): Promise<TargetSaveOutcome> {
  const checked = validateTargetRow(row, await countryCodeResolver(db));
  if (!checked.ok) return { kind: "invalid", problems: Object.fromEntries(checked.problems.map((p) => [p.column, p.problem])) };
  const t = checked.target;
  // The form always says whether the address is public (an unticked box is "no").
  const values = targetColumns(t);
  return db.transaction().execute(async (trx): Promise<TargetSaveOutcome> => {
    const taken = await trx.selectFrom("targets").select("id").where("email", "=", t.email).executeTakeFirst();
    if (taken && taken.id !== id) return { kind: "invalid", problems: { email: "email_taken" } };
    if (id === null) {
      const inserted = await trx.insertInto("targets").values(values).returning("id").executeTakeFirstOrThrow();
      await recordAudit(trx, { actor, action: "target.create", subject: t.email, details: { after: values } });
      return { kind: "saved", id: inserted.id };
    }
    const before = await trx.selectFrom("targets").select(["country_code", "name", "role", "organization", "email", "language", "active", "source_url", "email_public"]).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!before) return { kind: "not_found" };
    await trx.updateTable("targets").set({ ...values, updated_at: sql`now()` }).where("id", "=", id).execute();
    await recordAudit(trx, { actor, action: "target.update", subject: t.email, details: { before, after: values } });
    return { kind: "saved", id };
  });
}
