import type { Kysely } from "kysely";
import type { Database, OrganizerRole } from "../../../db/schema";
import { recordAudit } from "../audit/audit.repo.server";
import type { Actor } from "../campaign/campaign-status.service.server";
import { partnerByCode } from "../partner/partner.repo.server";
import { partnerChoiceError, type PartnerChoiceError } from "../partner/partner-scope";
import { keepsAnAdmin, standingOf } from "./organizer-admin";
import { organizerEmailKey } from "./roles";

export type PartnerOfRole = { ok: true; partnerId: number | null } | { ok: false; error: PartnerChoiceError | "partner_unknown" };

/**
 * The partner an account acts for, from the role and the partner code chosen with it: the
 * partner role needs an active partner's code, every other role none.
 */
export async function partnerOfRole(db: Kysely<Database>, role: OrganizerRole, code: string | null | undefined): Promise<PartnerOfRole> {
  const error = partnerChoiceError(role, code);
  if (error) return { ok: false, error };
  if (role !== "partner") return { ok: true, partnerId: null };
  const partner = await partnerByCode(db, code!);
  return partner?.active ? { ok: true, partnerId: partner.id } : { ok: false, error: "partner_unknown" };
}

/** Everyone with access to the workspace, with when they last signed in. */
export async function listOrganizers(db: Kysely<Database>) {
  return db
    .selectFrom("organizers as o")
    .select([
      "o.id",
      "o.email",
      "o.role",
      "o.active",
      (eb) => eb.selectFrom("partners as p").select("p.code").whereRef("p.id", "=", "o.partner_id").as("partner_code"),
      "o.created_at",
      (eb) => eb.selectFrom("organizer_sessions as s").select((s) => s.fn.max("s.created_at").as("at")).whereRef("s.organizer_id", "=", "o.id").as("last_sign_in"),
    ])
    .orderBy("o.active", "desc")
    .orderBy("o.email")
    .execute();
}

export type ChangeOutcome = "changed" | "unchanged" | "not_found" | "last_admin";

/**
 * A new role, or access withdrawn or given back. Withdrawing ends every
 * session of that person at once. The last active admin cannot be demoted or
 * deactivated (all admins are locked while checking, so two admins cannot
 * demote each other at the same moment).
 */
export async function changeOrganizer(
  db: Kysely<Database>,
  id: number,
  change: { role: OrganizerRole; active: boolean; partnerId: number | null },
  actor: Actor,
  now: Date,
): Promise<ChangeOutcome> {
  return db.transaction().execute(async (trx) => {
    const standing = await trx
      .selectFrom("organizers")
      .select(["id", "email", "role", "active", "partner_id"])
      .where((eb) => eb.or([eb("role", "=", "admin"), eb("id", "=", id)]))
      .orderBy("id")
      .forUpdate()
      .execute();
    const before = standing.find((o) => o.id === id);
    if (!before) return "not_found";
    if (before.role === change.role && before.active === change.active && before.partner_id === change.partnerId) return "unchanged";
    if (!keepsAnAdmin(standing, { id, ...change })) return "last_admin";
    await trx.updateTable("organizers").set({ role: change.role, active: change.active, partner_id: change.partnerId }).where("id", "=", id).execute();
    if (!change.active) await trx.updateTable("organizer_sessions").set({ revoked_at: now }).where("organizer_id", "=", id).where("revoked_at", "is", null).execute();
    await recordAudit(trx, {
      actor,
      action: "organizer.update",
      subject: before.email,
      details: { before: standingOf(before.role, before.active, before.partner_id), after: standingOf(change.role, change.active, change.partnerId) },
    });
    return "changed";
  });
}

/** Gives a new person access; someone who already has it is changed in the list instead. */
export async function inviteOrganizer(db: Kysely<Database>, email: string, role: OrganizerRole, actor: Actor, partnerId: number | null = null): Promise<"added" | "exists"> {
  const key = organizerEmailKey(email);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("organizers")
      .values({ email: key, role, partner_id: partnerId })
      .onConflict((oc) => oc.column("email").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return "exists";
    await recordAudit(trx, { actor, action: "organizer.add", subject: key, details: { after: standingOf(role, true, partnerId) } });
    return "added";
  });
}
