import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { recordAudit } from "../audit/audit.repo.server";
import type { ValidPartner } from "./partner-form";
import { campaignPartnerOf } from "./partner-link";
import type { PartnerSummary } from "./partner.repo.server";
import { renderPartnerLogo, type LogoRefusal } from "./partner-logo.server";

type Actor = { id: number | null; email: string };

/** A partner as the admin pages list and edit it. */
export interface PartnerRecord extends PartnerSummary {
  /** Changes with the logo, so the organizer pages show the new one at once. */
  logoVersion: string | null;
  campaigns: number;
}

const partnerColumns = (partner: ValidPartner) => ({
  code: partner.code,
  name: partner.name,
  website_url: partner.websiteUrl,
  privacy_url: partner.privacyUrl,
  contact_email: partner.contactEmail,
  active: partner.active,
});

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "23505";

export async function listPartners(db: Kysely<Database>): Promise<PartnerRecord[]> {
  const rows = await db
    .selectFrom("partners as p")
    .select(["p.id", "p.code", "p.name", "p.website_url", "p.privacy_url", "p.contact_email", "p.active", "p.logo_updated_at"])
    .select((eb) => [
      eb("p.logo_png", "is not", null).as("has_logo"),
      eb.selectFrom("campaign_partners as cp").whereRef("cp.partner_id", "=", "p.id").select(sql<string>`count(*)`.as("n")).as("campaigns"),
    ])
    .orderBy("p.name")
    .execute();
  return rows.map((r) => ({
    ...campaignPartnerOf(r),
    contactEmail: r.contact_email,
    hasLogo: Boolean(r.has_logo),
    logoVersion: r.logo_updated_at ? String(new Date(r.logo_updated_at).getTime()) : null,
    campaigns: Number(r.campaigns ?? 0),
  }));
}

export async function partnerForEditing(db: Kysely<Database>, code: string): Promise<PartnerRecord | null> {
  return (await listPartners(db)).find((p) => p.code === code) ?? null;
}

export type PartnerWrite = { kind: "saved"; code: string } | { kind: "code_taken" } | { kind: "not_found" } | { kind: "logo"; problem: LogoRefusal };

/** Adds a partner (with its logo, drawn first: a logo that does not render adds nothing), audited. */
export async function addPartner(db: Kysely<Database>, partner: ValidPartner, logoUpload: Uint8Array | null, actor: Actor): Promise<PartnerWrite> {
  const logo = logoUpload ? renderPartnerLogo(logoUpload) : null;
  if (logo && !logo.ok) return { kind: "logo", problem: logo.problem };
  try {
    return await db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto("partners")
        .values({
          ...partnerColumns(partner),
          logo_png: logo?.png ?? null,
          logo_updated_at: logo ? sql<Date>`now()` : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { actor, action: "partner.add", subject: partner.code, details: { id, ...partner, contactEmail: undefined, logo: logo !== null } });
      return { kind: "saved" as const, code: partner.code };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: "code_taken" };
    throw error;
  }
}

/** Changes a partner's details (its code too: links with the old code then stop naming it), audited. */
export async function updatePartner(db: Kysely<Database>, code: string, partner: ValidPartner, actor: Actor): Promise<PartnerWrite> {
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable("partners")
        .set({
          ...partnerColumns(partner),
          updated_at: sql<Date>`now()`,
        })
        .where("code", "=", code)
        .returning("id")
        .executeTakeFirst();
      if (!row) return { kind: "not_found" as const };
      await recordAudit(trx, { actor, action: "partner.update", subject: partner.code, details: { id: row.id, previousCode: code, ...partner, contactEmail: undefined } });
      return { kind: "saved" as const, code: partner.code };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: "code_taken" };
    throw error;
  }
}

/** Replaces a partner's logo with one drawn from the upload, or removes it (`null`), audited. */
export async function setPartnerLogo(db: Kysely<Database>, code: string, upload: Uint8Array | null, actor: Actor): Promise<PartnerWrite> {
  const logo = upload ? renderPartnerLogo(upload) : null;
  if (logo && !logo.ok) return { kind: "logo", problem: logo.problem };
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("partners")
      .set({ logo_png: logo?.png ?? null, logo_updated_at: logo ? sql<Date>`now()` : null, updated_at: sql<Date>`now()` })
      .where("code", "=", code)
      .returning("id")
      .executeTakeFirst();
    if (!row) return { kind: "not_found" as const };
    await recordAudit(trx, {
      actor,
      action: logo ? "partner.logo" : "partner.logo_remove",
      subject: code,
      details: logo ? { id: row.id, width: logo.width, height: logo.height, bytes: logo.png.byteLength } : { id: row.id },
    });
    return { kind: "saved" as const, code };
  });
}

/** The logo as served: the PNG we drew and when (for the ETag), or null. */
export async function partnerLogo(db: Kysely<Database>, code: string): Promise<{ png: Uint8Array; updatedAt: Date } | null> {
  const row = await db
    .selectFrom("partners")
    .select(["logo_png", "logo_updated_at"])
    .where("code", "=", code)
    .where("logo_png", "is not", null)
    .executeTakeFirst();
  if (!row?.logo_png || !row.logo_updated_at) return null;
  return { png: row.logo_png, updatedAt: new Date(row.logo_updated_at) };
}
