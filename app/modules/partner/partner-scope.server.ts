import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database, PetitionStatus } from "../../../db/schema";
import { recordAudit } from "../audit/audit.repo.server";
import { csvStream, exportDay } from "../../lib/csv-download.server";
import { campaignsOfPartner } from "./partner.repo.server";
import { partnerRuns, type PartnerCampaignKind } from "./partner-scope";

/** Where each kind of campaign keeps its rows, for the queries below (petitions and letter campaigns). */
const TABLES = {
  petition: { campaigns: "petitions", entries: "signatures", owner: "petition_id", link: "petition_id", name: "name", email: "email" },
  letter_campaign: { campaigns: "letter_campaigns", entries: "letters", owner: "campaign_id", link: "letter_campaign_id", name: "sender_name", email: "sender_email" },
} as const;

/** How many confirmed signatures or letters of `campaign` the partner `partner` brought (only those that consented to it, with `consented`). */
function brought(kind: PartnerCampaignKind, campaign: RawBuilder<unknown>, partner: RawBuilder<unknown>, consented: boolean) {
  const { entries, owner } = TABLES[kind];
  return sql<string>`(select count(*) from ${sql.table(entries)} e where e.${sql.ref(owner)} = ${campaign} and e.partner_id = ${partner} and e.status = 'confirmed'${consented ? sql` and e.partner_consent` : sql``})`;
}

/**
 * The campaign with this slug if `partnerId`'s partner runs it, else null: a partner account
 * is answered as if any other campaign did not exist.
 */
export async function campaignOfPartner(db: Kysely<Database>, partnerId: number, kind: PartnerCampaignKind, slug: string): Promise<{ id: number; slug: string } | null> {
  const campaign = await db.selectFrom(TABLES[kind].campaigns).select(["id", "slug"]).where("slug", "=", slug).executeTakeFirst();
  if (!campaign) return null;
  return partnerRuns(await campaignsOfPartner(db, partnerId), kind, campaign.id) ? campaign : null;
}

/** The partners an admin may give the partner role for (active ones), by name. */
export async function partnerChoices(db: Kysely<Database>): Promise<{ id: number; code: string; name: string }[]> {
  return db.selectFrom("partners").select(["id", "code", "name"]).where("active", "=", true).orderBy("name").orderBy("code").execute();
}

export interface PartnerFigures {
  partnerId: number;
  code: string;
  name: string;
  /** Confirmed signatures (or letters) its link brought. */
  confirmed: number;
  /** Of those, how many agreed that this partner may contact them. */
  consented: number;
}

/**
 * Per partner running the campaign (in the order the campaign lists them): the confirmed
 * signatures or letters its link brought, and how many of those consented to it. With
 * `onlyPartnerId`, that partner's row alone.
 */
export async function partnerBreakdown(db: Kysely<Database>, kind: PartnerCampaignKind, campaignId: number, onlyPartnerId?: number): Promise<PartnerFigures[]> {
  const { link } = TABLES[kind];
  const rows = await db
    .selectFrom("campaign_partners as cp")
    .innerJoin("partners as p", "p.id", "cp.partner_id")
    .select([
      "p.id",
      "p.code",
      "p.name",
      brought(kind, sql`${campaignId}`, sql.ref("p.id"), false).as("confirmed"),
      brought(kind, sql`${campaignId}`, sql.ref("p.id"), true).as("consented"),
    ])
    .where(`cp.${link}`, "=", campaignId)
    .$if(onlyPartnerId !== undefined, (qb) => qb.where("p.id", "=", onlyPartnerId!))
    .orderBy("cp.position")
    .orderBy("p.name")
    .execute();
  return rows.map((r) => ({ partnerId: r.id, code: r.code, name: r.name, confirmed: Number(r.confirmed), consented: Number(r.consented) }));
}

export interface PartnerExportColumns {
  name: string;
  email: string;
  country: string;
  language: string;
  confirmedAt: string;
}

/** Rows read per query: enough to amortize the round trip, small enough to keep memory flat. */
export const PARTNER_EXPORT_BATCH_ROWS = 1000;

/**
 * The confirmed people of one campaign who agreed that this partner may contact them, and
 * who came through this partner's link: nobody else's consent, nobody without it. Oldest
 * first, in keyset pages.
 */
async function* consentingPeople(db: Kysely<Database>, kind: PartnerCampaignKind, campaignId: number, partnerId: number, batch: number) {
  const { entries, owner, name, email } = TABLES[kind];
  let after = "0";
  for (;;) {
    const { rows } = await sql<{ id: string; name: string; email: string; country_code: string; language: string; confirmed_at: Date | string | null }>`
      select id, ${sql.ref(name)} as name, ${sql.ref(email)} as email, country_code, language, confirmed_at
      from ${sql.table(entries)}
      where ${sql.ref(owner)} = ${campaignId} and partner_id = ${partnerId} and partner_consent and status = 'confirmed' and id > ${after}
      order by id limit ${batch}
    `.execute(db);
    if (rows.length === 0) return;
    yield rows.map((r) => [r.name, r.email, r.country_code, r.language, exportDay(r.confirmed_at)]);
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * A partner's export of one campaign it runs: the people who consented to that partner, with
 * their addresses (what the consent is for). Null when the partner does not run the campaign.
 * Written to the audit log before the first byte.
 */
export async function exportPartnerConsents(
  db: Kysely<Database>,
  request: { partnerId: number; kind: PartnerCampaignKind; slug: string; actor: { id: number; email: string }; columns: PartnerExportColumns },
  batch = PARTNER_EXPORT_BATCH_ROWS,
) {
  const campaign = await campaignOfPartner(db, request.partnerId, request.kind, request.slug);
  if (!campaign) return null;
  await recordAudit(db, { actor: request.actor, action: "export.partner_consents", subject: campaign.slug, details: { kind: request.kind, partnerId: request.partnerId } });
  const { name, email, country, language, confirmedAt } = request.columns;
  const stream = csvStream([name, email, country, language, confirmedAt], consentingPeople(db, request.kind, campaign.id, request.partnerId, batch));
  return { filename: `${campaign.slug}-partner-consents.csv`, stream };
}

/**
 * A partner account's home: the partner, and the campaigns it runs (newest first) with the
 * confirmed signatures or letters its link brought and how many of those consented to it.
 */
export async function partnerOverview(db: Kysely<Database>, partnerId: number) {
  const partner = await db.selectFrom("partners").select(["id", "code", "name"]).where("id", "=", partnerId).executeTakeFirstOrThrow();
  const campaigns = async (kind: PartnerCampaignKind) => {
    const { campaigns, link } = TABLES[kind];
    const { rows } = await sql<{ slug: string; status: PetitionStatus; confirmed: string; consented: string }>`
      select c.slug, c.status,
        ${brought(kind, sql.ref("c.id"), sql`${partnerId}`, false)} as confirmed,
        ${brought(kind, sql.ref("c.id"), sql`${partnerId}`, true)} as consented
      from ${sql.table(campaigns)} c join campaign_partners cp on cp.${sql.ref(link)} = c.id and cp.partner_id = ${partnerId}
      order by c.id desc
    `.execute(db);
    return rows.map((r) => ({ slug: r.slug, status: r.status, confirmed: Number(r.confirmed), consented: Number(r.consented) }));
  };
  const [petitions, letterCampaigns] = await Promise.all([campaigns("petition"), campaigns("letter_campaign")]);
  return { partner, petitions, letterCampaigns };
}
