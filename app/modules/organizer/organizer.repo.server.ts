import type { Kysely } from "kysely";
import type { Database, OrganizerRole } from "../../../db/schema";
import { recordAudit } from "../audit/audit.repo.server";
import { standingOf } from "./organizer-admin";
import { organizerEmailKey } from "./roles";

export type AddOrganizerOutcome = { kind: "added" | "updated"; id: number };

/**
 * Adds an organizer, or changes the role of an existing one (and reactivates them); audited.
 * `partnerId` is the partner a `partner` account acts for (none for other roles).
 */
export async function addOrganizer(db: Kysely<Database>, input: { email: string; role: OrganizerRole; partnerId?: number | null; by: string }): Promise<AddOrganizerOutcome> {
  const email = organizerEmailKey(input.email);
  const partnerId = input.partnerId ?? null;
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("organizers").select(["id", "role", "active", "partner_id"]).where("email", "=", email).executeTakeFirst();
    const row = await trx
      .insertInto("organizers")
      .values({ email, role: input.role, partner_id: partnerId })
      .onConflict((oc) => oc.column("email").doUpdateSet({ role: input.role, partner_id: partnerId, active: true }))
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: { id: null, email: input.by },
      action: before ? "organizer.update" : "organizer.add",
      subject: email,
      details: { before: before ? standingOf(before.role, before.active, before.partner_id) : null, after: standingOf(input.role, true, partnerId) },
    });
    return { kind: before ? "updated" : "added", id: row.id };
  });
}
