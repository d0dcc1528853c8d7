import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { recordAudit } from "../audit/audit.repo.server";
import { campaignPartnerOf, type CampaignPartner } from "./partner-link";

type Db = Kysely<Database> | Transaction<Database>;

/** A petition or a letter campaign, by id. */
export type CampaignRef = { kind: "petition"; id: number } | { kind: "letter"; id: number };

/** A partner running a campaign, as its public page shows it. */
export interface RunningPartner extends CampaignPartner {
  hasLogo: boolean;
  showCount: boolean;
  /** Confirmed signatures or letters the partner brought; null unless shown publicly. */
  count: number | null;
}

const campaignColumn = (campaign: CampaignRef) => (campaign.kind === "petition" ? "cp.petition_id" : "cp.letter_campaign_id");

/**
 * The partners running a campaign, in the order the organizers set, active or not (the public
 * page shows the active ones; the editor all). With `counts`, the confirmed signatures or
 * letters each partner whose count is public brought.
 */
export async function partnersOfCampaign(db: Db, campaign: CampaignRef, { counts = false }: { counts?: boolean } = {}): Promise<RunningPartner[]> {
  const rows = await db
    .selectFrom("campaign_partners as cp")
    .innerJoin("partners as p", "p.id", "cp.partner_id")
    .select(["p.id", "p.code", "p.name", "p.website_url", "p.privacy_url", "p.active", "cp.show_count"])
    .select((eb) => eb("p.logo_png", "is not", null).as("has_logo"))
    .where(campaignColumn(campaign), "=", campaign.id)
    .orderBy("cp.position")
    .orderBy("p.name")
    .execute();
  const shown = rows.filter((r) => r.show_count).map((r) => r.id);
  const brought = new Map<number, number>();
  if (counts && shown.length > 0) {
    const counted =
      campaign.kind === "petition"
        ? await db
            .selectFrom("signatures")
            .select(["partner_id", sql<string>`count(*)`.as("n")])
            .where("petition_id", "=", campaign.id)
            .where("status", "=", "confirmed")
            .where("partner_id", "in", shown)
            .groupBy("partner_id")
            .execute()
        : await db
            .selectFrom("letters")
            .select(["partner_id", sql<string>`count(*)`.as("n")])
            .where("campaign_id", "=", campaign.id)
            .where("status", "=", "confirmed")
            .where("partner_id", "in", shown)
            .groupBy("partner_id")
            .execute();
    for (const row of counted) if (row.partner_id !== null) brought.set(row.partner_id, Number(row.n));
  }
  return rows.map((r) => ({
    ...campaignPartnerOf(r),
    hasLogo: Boolean(r.has_logo),
    showCount: r.show_count,
    count: counts && r.show_count ? (brought.get(r.id) ?? 0) : null,
  }));
}

/** Every partner, for the campaign editor's choice (active ones first). */
export async function partnerChoices(db: Db): Promise<{ id: number; code: string; name: string; active: boolean }[]> {
  return db.selectFrom("partners").select(["id", "code", "name", "active"]).orderBy("active", "desc").orderBy("name").execute();
}

/** The editor's choice: which partners run the campaign, and whose count is public. */
export interface CampaignPartnerChoice {
  partnerId: number;
  showCount: boolean;
}

/** Reads the editor's partner boxes: `partner` (repeated ids) and `showCount-<id>`. */
export function readCampaignPartnerChoice(form: { get(name: string): unknown; getAll(name: string): unknown[] }): CampaignPartnerChoice[] {
  const ids = new Set<number>();
  for (const raw of form.getAll("partner")) if (typeof raw === "string" && /^\d{1,9}$/u.test(raw)) ids.add(Number(raw));
  return [...ids].map((partnerId) => ({ partnerId, showCount: form.get(`showCount-${partnerId}`) === "on" }));
}

/**
 * Sets the partners running a campaign, in one transaction, audited. Ids of partners that do not
 * exist are ignored (a partner deleted meanwhile).
 */
export async function setCampaignPartners(
  db: Kysely<Database>,
  campaign: CampaignRef,
  choice: readonly CampaignPartnerChoice[],
  actor: { id: number | null; email: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const known = choice.length === 0 ? [] : await trx.selectFrom("partners").select("id").where("id", "in", choice.map((c) => c.partnerId)).execute();
    const kept = choice.filter((c) => known.some((k) => k.id === c.partnerId));
    const column = campaign.kind === "petition" ? "petition_id" : "letter_campaign_id";
    await trx.deleteFrom("campaign_partners").where(column, "=", campaign.id).execute();
    if (kept.length > 0) {
      await trx
        .insertInto("campaign_partners")
        .values(kept.map((c, position) => ({ [column]: campaign.id, partner_id: c.partnerId, show_count: c.showCount, position })))
        .execute();
    }
    await recordAudit(trx, {
      actor,
      action: "campaign.partners",
      subject: `${campaign.kind}:${campaign.id}`,
      details: { partners: kept.map((c) => ({ id: c.partnerId, showCount: c.showCount })) },
    });
  });
}
