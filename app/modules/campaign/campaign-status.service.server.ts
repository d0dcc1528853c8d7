import type { Kysely, Transaction } from "kysely";
import type { Database, PetitionStatus } from "../../../db/schema";
import { recordAudit } from "../audit/audit.repo.server";
import { mayMove } from "./campaign-lifecycle";

export type Actor = { id: number; email: string };
export type CampaignKind = "petition" | "letter_campaign";
export type MoveOutcome = "moved" | "not_allowed" | "not_found" | { blocked: string };

const TABLES = { petition: "petitions", letter_campaign: "letter_campaigns" } as const;

/**
 * Publishes a draft or closes a live campaign, only along draft → live →
 * closed, in one transaction with its audit line. `blocker` may refuse
 * publishing (a letter campaign with no one to write to) with a message key.
 */
export async function moveCampaign(
  db: Kysely<Database>,
  kind: CampaignKind,
  slug: string,
  to: PetitionStatus,
  actor: Actor,
  now: Date,
  blocker?: (trx: Transaction<Database>, campaignId: number) => Promise<string | null>,
): Promise<MoveOutcome> {
  // Both tables have the same id, slug, status, opened_at and closed_at columns.
  const table = TABLES[kind] as "petitions";
  return db.transaction().execute(async (trx) => {
    const campaign = await trx.selectFrom(table).select(["id", "status"]).where("slug", "=", slug).forUpdate().executeTakeFirst();
    if (!campaign) return "not_found";
    if (!mayMove(campaign.status, to)) return "not_allowed";
    const blocked = to === "live" && blocker ? await blocker(trx, campaign.id) : null;
    if (blocked) return { blocked };
    await trx
      .updateTable(table)
      .set({ status: to, ...(to === "live" ? { opened_at: now } : { closed_at: now }) })
      .where("id", "=", campaign.id)
      .execute();
    await recordAudit(trx, { actor, action: `${kind}.${to === "live" ? "publish" : "close"}`, subject: slug, details: { before: campaign.status, after: to } });
    return "moved";
  });
}
