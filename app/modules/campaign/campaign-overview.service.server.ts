import { sql, type Kysely } from "kysely";
import type { Database, DeliveryMode, PetitionStatus } from "../../../db/schema";
import { CAMPAIGN_TABLES, type CampaignKind } from "./campaign-tables";

interface OverviewRow {
  slug: string;
  status: PetitionStatus;
  default_language: string;
  goal: number | null;
  confirmed: string;
}

/**
 * One kind of campaign, newest first, each with its confirmed count from its
 * counter row (no count over signatures or letters), and `extra` columns.
 */
async function overviewRows<E extends object = object>(db: Kysely<Database>, kind: CampaignKind, extra: readonly string[] = []) {
  const { campaigns, counts, owner } = CAMPAIGN_TABLES[kind];
  const { rows } = await sql<OverviewRow & E>`
    select c.slug, c.status, c.default_language, c.goal, coalesce(n.confirmed, 0) as confirmed${sql.join(extra.map((column) => sql`, c.${sql.ref(column)}`), sql``)}
    from ${sql.table(campaigns)} c left join ${sql.table(counts)} n on n.${sql.ref(owner)} = c.id
    order by c.id desc
  `.execute(db);
  return rows;
}

/** Every campaign at a glance for the organizers' home: status, goal and confirmed signatures of petitions, confirmed letters of letter campaigns. */
export async function campaignOverview(db: Kysely<Database>) {
  const [petitions, letterCampaigns] = await Promise.all([overviewRows(db, "petition"), overviewRows<{ delivery_mode: DeliveryMode }>(db, "letter_campaign", ["delivery_mode"])]);
  return {
    petitions: petitions.map((p) => ({ slug: p.slug, status: p.status, goal: p.goal, language: p.default_language, confirmed: Number(p.confirmed) })),
    letterCampaigns: letterCampaigns.map((c) => ({
      slug: c.slug,
      status: c.status,
      deliveryMode: c.delivery_mode,
      language: c.default_language,
      confirmedLetters: Number(c.confirmed),
    })),
  };
}
