import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

export interface PartnerSummary {
  id: number;
  code: string;
  name: string;
  websiteUrl: string;
  privacyUrl: string;
  contactEmail: string;
  hasLogo: boolean;
  active: boolean;
}

function partnerColumns(db: Db) {
  return db
    .selectFrom("partners")
    .select(["id", "code", "name", "website_url", "privacy_url", "contact_email", "active"])
    .select((eb) => eb("logo_png", "is not", null).as("has_logo"));
}

type PartnerRow = Awaited<ReturnType<ReturnType<typeof partnerColumns>["executeTakeFirstOrThrow"]>>;

function summaryOf(row: PartnerRow): PartnerSummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    websiteUrl: row.website_url,
    privacyUrl: row.privacy_url,
    contactEmail: row.contact_email,
    hasLogo: Boolean(row.has_logo),
    active: row.active,
  };
}

/** The partner a `?partner=` code or a `--partner` option names, active or not (callers decide), or null. */
export async function partnerByCode(db: Db, code: string): Promise<PartnerSummary | null> {
  const row = await partnerColumns(db).where("code", "=", code.trim().toLowerCase()).executeTakeFirst();
  return row ? summaryOf(row) : null;
}

export async function partnerById(db: Db, id: number): Promise<PartnerSummary | null> {
  const row = await partnerColumns(db).where("id", "=", id).executeTakeFirst();
  return row ? summaryOf(row) : null;
}

/** The campaigns a partner runs (what a partner's key and a partner's people may see). */
export async function campaignsOfPartner(db: Db, partnerId: number): Promise<{ petitionIds: number[]; letterCampaignIds: number[] }> {
  const rows = await db.selectFrom("campaign_partners").select(["petition_id", "letter_campaign_id"]).where("partner_id", "=", partnerId).execute();
  return {
    petitionIds: rows.flatMap((r) => (r.petition_id === null ? [] : [r.petition_id])),
    letterCampaignIds: rows.flatMap((r) => (r.letter_campaign_id === null ? [] : [r.letter_campaign_id])),
  };
}
