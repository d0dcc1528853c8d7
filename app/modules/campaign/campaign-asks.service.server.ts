import { sql, type Kysely, type Transaction } from "kysely";
import type { AskStatusGroup, Database, PetitionStatus } from "../../../db/schema";
import { recordAudit } from "../audit/audit.repo.server";
import { isoDay, loadParticipantStanding, loadTreatyStandings } from "../country/treaty-standing.server";
import type { ParticipantStatus } from "../country/treaty-status";
import { ASK_GROUPS, pickAsk, type AskText, type AskVariant } from "./campaign-asks";
import { asPetitionTables, CAMPAIGN_TABLES, type CampaignKind } from "./campaign-tables";
import type { Actor } from "./campaign-status.service.server";
import { pickText } from "./campaign-text";

type Db = Kysely<Database> | Transaction<Database>;

/** The column of `campaign_asks` that names a campaign of this kind. */
const ASK_OWNER = { petition: "petition_id", letter_campaign: "letter_campaign_id" } as const satisfies Record<CampaignKind, string>;

async function findCampaign(db: Db, kind: CampaignKind, slug: string) {
  const { campaigns, texts, owner } = asPetitionTables(CAMPAIGN_TABLES[kind]);
  const campaign = await db.selectFrom(campaigns).select(["id", "slug", "status", "default_language"]).where("slug", "=", slug).executeTakeFirst();
  if (!campaign) return null;
  const languages = await db.selectFrom(texts).select("language").where(owner, "=", campaign.id).execute();
  return { ...campaign, languages: languages.map((l) => l.language) };
}

function asksOf(db: Db, kind: CampaignKind, campaignIds: readonly number[]) {
  return db
    .selectFrom("campaign_asks")
    .select(["petition_id", "letter_campaign_id", "status_group as statusGroup", "language", "heading", "body", "letter_template as letterTemplate"])
    .where(ASK_OWNER[kind], "in", campaignIds.length > 0 ? campaignIds : [-1])
    .orderBy("id")
    .execute();
}

/** A campaign's asks in every language, as the rule picks among them. */
export async function campaignAsks(db: Db, kind: CampaignKind, campaignId: number): Promise<AskVariant[]> {
  return (await asksOf(db, kind, [campaignId])).map(({ petition_id: _p, letter_campaign_id: _l, ...ask }) => ask);
}

/** An ask as a page shows it, with the language it is written in. */
export interface ShownAsk {
  heading: string;
  body: string;
  language: string;
}

/**
 * What a campaign asks of one country by its confirmed status today: the ask for the reader
 * (`pickAsk`), with the campaign's asks and the status for what else depends on it (a letter's
 * template). Null when the campaign wrote no asks (the country's standing is then not read) or
 * is about no treaty.
 */
export async function askForCountry(
  db: Db,
  kind: CampaignKind,
  campaign: { id: number; treatyId: number | null; defaultLanguage: string },
  code3: string,
  lng: string,
  now: Date,
): Promise<{ ask: ShownAsk | null; asks: AskVariant[]; status: ParticipantStatus } | null> {
  if (campaign.treatyId === null) return null;
  const asks = await campaignAsks(db, kind, campaign.id);
  if (asks.length === 0) return null;
  const treaty = await db.selectFrom("treaties").select("slug").where("id", "=", campaign.treatyId).executeTakeFirstOrThrow();
  const found = await loadParticipantStanding(db, treaty.slug, code3, isoDay(now));
  if (!found) return null;
  const status = found.standing.confirmed;
  const ask = pickAsk(asks, status, lng, campaign.defaultLanguage);
  return { ask: ask ? { heading: ask.heading, body: ask.body, language: ask.language } : null, asks, status };
}

/** What a campaign asks of every country, for the browser to show the visitor's likely country its own. */
export interface AsksByCountry {
  /** The distinct asks the reader may see. */
  asks: ShownAsk[];
  /** Alpha-3 code → index in `asks`; a country without a fitting ask is absent. */
  byCountry: Record<string, number>;
}

/**
 * The ask for each country by its confirmed status today (`pickAsk` for the reader), so one copy of
 * a public page serves every visitor and the browser picks the visitor's country's ask. Null when
 * the campaign wrote no asks or is about no treaty.
 */
export async function asksByCountry(
  db: Db,
  kind: CampaignKind,
  campaign: { id: number; treatyId: number | null; defaultLanguage: string },
  lng: string,
  now: Date,
): Promise<AsksByCountry | null> {
  if (campaign.treatyId === null) return null;
  const asks = await campaignAsks(db, kind, campaign.id);
  if (asks.length === 0) return null;
  const treaty = await db.selectFrom("treaties").select("slug").where("id", "=", campaign.treatyId).executeTakeFirstOrThrow();
  const { standings } = await loadTreatyStandings(db, treaty.slug, isoDay(now));
  const shown: ShownAsk[] = [];
  const indexOf = new Map<AskVariant, number>();
  const byCountry: Record<string, number> = {};
  for (const [code3, standing] of standings) {
    const ask = pickAsk(asks, standing.confirmed, lng, campaign.defaultLanguage);
    if (!ask) continue;
    let index = indexOf.get(ask);
    if (index === undefined) {
      index = shown.push({ heading: ask.heading, body: ask.body, language: ask.language }) - 1;
      indexOf.set(ask, index);
    }
    byCountry[code3] = index;
  }
  return { asks: shown, byCountry };
}

export interface AsksEditing {
  slug: string;
  status: PetitionStatus;
  defaultLanguage: string;
  /** The languages the campaign is offered in (it has texts in), the default first. */
  languages: string[];
  /** The language being edited. */
  language: string;
  asks: Partial<Record<AskStatusGroup, AskText>>;
  /** The default language's asks beside a translation (what translators work from); null in the default language. */
  reference: Partial<Record<AskStatusGroup, AskText>> | null;
}

/**
 * A campaign's asks in one language for its editor; the language is one the campaign is offered
 * in (`requested` when it is, else the default). Null: no such campaign.
 */
export async function asksForEditing(db: Kysely<Database>, kind: CampaignKind, slug: string, requested: string | null): Promise<AsksEditing | null> {
  const campaign = await findCampaign(db, kind, slug);
  if (!campaign) return null;
  const languages = [campaign.default_language, ...campaign.languages.filter((l) => l !== campaign.default_language).sort()];
  const language = requested && languages.includes(requested) ? requested : campaign.default_language;
  const all = await campaignAsks(db, kind, campaign.id);
  const inLanguage = (lng: string): Partial<Record<AskStatusGroup, AskText>> =>
    Object.fromEntries(all.filter((a) => a.language === lng).map((a) => [a.statusGroup, { heading: a.heading, body: a.body, template: a.letterTemplate ?? "" }]));
  const reference = language === campaign.default_language ? null : inLanguage(campaign.default_language);
  return { slug: campaign.slug, status: campaign.status, defaultLanguage: campaign.default_language, languages, language, asks: inLanguage(language), reference };
}

export type AsksSaveOutcome = "saved" | "not_found" | "language_not_offered";

/**
 * Replaces a campaign's asks in one language (a status left empty has none), in one transaction
 * with its audit line: the statuses written before and after.
 */
export async function saveAsks(
  db: Kysely<Database>,
  kind: CampaignKind,
  slug: string,
  language: string,
  asks: Partial<Record<AskStatusGroup, AskText>>,
  actor: Actor,
): Promise<AsksSaveOutcome> {
  const { campaigns } = asPetitionTables(CAMPAIGN_TABLES[kind]);
  const column = ASK_OWNER[kind];
  return db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom(campaigns).select("id").where("slug", "=", slug).forUpdate().executeTakeFirst();
    if (!locked) return "not_found";
    const campaign = await findCampaign(trx, kind, slug);
    if (!campaign?.languages.includes(language)) return "language_not_offered";
    const removed = await trx.deleteFrom("campaign_asks").where(column, "=", campaign.id).where("language", "=", language).returning("status_group").execute();
    const written = ASK_GROUPS.filter((group) => asks[group]);
    for (const group of written) {
      const ask = asks[group]!;
      await trx
        .insertInto("campaign_asks")
        .values({
          [column]: campaign.id,
          status_group: group,
          language,
          heading: ask.heading,
          body: ask.body,
          letter_template: kind === "letter_campaign" && ask.template !== "" ? ask.template : null,
        })
        .execute();
    }
    await recordAudit(trx, {
      actor,
      action: `${kind}.asks`,
      subject: slug,
      details: { language, before: removed.map((r) => r.status_group).sort(), after: written },
    });
    return "saved";
  });
}

/** A live campaign of the treaty as the country page shows it: its count and the ask that fits. */
export interface CountryAction {
  kind: CampaignKind;
  slug: string;
  title: string;
  /** The language of `title` (the default's when the reader's is not offered). */
  titleLanguage: string;
  /** Confirmed signatures or letters. */
  count: number;
  /** The ask for the country's status; null: the campaign's general text (its title). */
  ask: { heading: string; body: string; language: string } | null;
}

async function liveCampaigns(db: Db, kind: CampaignKind, treatyId: number) {
  const { campaigns, texts, counts, owner } = asPetitionTables(CAMPAIGN_TABLES[kind]);
  const rows = await db
    .selectFrom(`${campaigns} as c`)
    .leftJoin(`${counts} as n`, `n.${owner}`, "c.id")
    .select(["c.id", "c.slug", "c.default_language", "c.goal", sql<string>`coalesce(n.confirmed, 0)`.as("confirmed")])
    .where("c.treaty_id", "=", treatyId)
    .where("c.status", "=", "live")
    .orderBy("c.id")
    .execute();
  const ids = rows.map((r) => r.id);
  const [titles, asks] = await Promise.all([
    db
      .selectFrom(texts)
      .select([`${owner} as owner`, "language", "title"])
      .where(owner, "in", ids.length > 0 ? ids : [-1])
      .execute(),
    asksOf(db, kind, ids),
  ]);
  return rows.map((row) => ({
    ...row,
    titles: titles.filter((t) => t.owner === row.id),
    asks: asks.filter((a) => (a.petition_id ?? a.letter_campaign_id) === row.id),
  }));
}

/**
 * The live petitions and letter campaigns of a treaty, each with its count and what it asks of a
 * country with `status`, in the reader's language (with the fallbacks of `pickAsk`).
 */
export async function actionsForCountry(db: Db, treatyId: number, status: ParticipantStatus, lng: string): Promise<CountryAction[]> {
  return titledLiveCampaigns(db, treatyId, lng, (c, shown) => {
    const ask = pickAsk(c.asks, status, lng, c.default_language);
    return { ...shown, ask: ask ? { heading: ask.heading, body: ask.body, language: ask.language } : null };
  });
}

/** A public (not draft) campaign's slug and title in the reader's language (or its fallback); null when there is none. */
export async function publicCampaignTitle(db: Db, kind: CampaignKind, slug: string, lng: string): Promise<{ slug: string; title: string } | null> {
  const { campaigns, texts, owner } = asPetitionTables(CAMPAIGN_TABLES[kind]);
  const campaign = await db.selectFrom(campaigns).select(["id", "slug", "status", "default_language"]).where("slug", "=", slug).executeTakeFirst();
  if (!campaign || campaign.status === "draft") return null;
  const rows = await db.selectFrom(texts).select(["language", "title"]).where(owner, "=", campaign.id).execute();
  const picked = pickText(rows, lng, campaign.default_language);
  return picked ? { slug: campaign.slug, title: picked.text.title } : null;
}

/** A live campaign as the home page and the pages after an action list it: title, count and goal. */
export interface LiveCampaign {
  kind: CampaignKind;
  id: number;
  slug: string;
  title: string;
  /** The language of `title` (the default's when the reader's is not offered). */
  titleLanguage: string;
  /** Confirmed signatures or letters. */
  count: number;
  goal: number | null;
}

/** The live petitions, then the live letter campaigns, of the treaty named by its slug (none when there is no such treaty). */
export async function liveCampaignsOfTreaty(db: Db, treatySlug: string, lng: string): Promise<LiveCampaign[]> {
  const treaty = await db.selectFrom("treaties").select("id").where("slug", "=", treatySlug).executeTakeFirst();
  return treaty ? titledLiveCampaigns(db, treaty.id, lng, (c, shown) => ({ ...shown, id: c.id, goal: c.goal })) : [];
}

type LiveRow = Awaited<ReturnType<typeof liveCampaigns>>[number];

/** Each live campaign of the treaty with a title in the reader's language (or its fallback), shaped by `shape`. */
async function titledLiveCampaigns<T>(
  db: Db,
  treatyId: number,
  lng: string,
  shape: (row: LiveRow, shown: { kind: CampaignKind; slug: string; title: string; titleLanguage: string; count: number }) => T,
): Promise<T[]> {
  const kinds: CampaignKind[] = ["petition", "letter_campaign"];
  const lists = await Promise.all(kinds.map((kind) => liveCampaigns(db, kind, treatyId)));
  return kinds.flatMap((kind, i) =>
    lists[i]!.flatMap((c) => {
      const title = pickText(c.titles, lng, c.default_language);
      if (!title) return [];
      return [shape(c, { kind, slug: c.slug, title: title.text.title, titleLanguage: title.text.language, count: Number(c.confirmed) })];
    }),
  );
}

/**
 * What an alert mail names as the action that now fits a country with `status`: each live
 * campaign's kind and slug, and per language its title and the ask's heading (null where the
 * status has none in that language), so the mail is told in its reader's language when it is sent.
 */
export async function actionsForAlert(db: Db, treatyId: number, status: ParticipantStatus): Promise<AlertAction[]> {
  const kinds: CampaignKind[] = ["petition", "letter_campaign"];
  const lists = await Promise.all(kinds.map((kind) => liveCampaigns(db, kind, treatyId)));
  return kinds.flatMap((kind, i) =>
    lists[i]!.map((c) => ({
      kind,
      slug: c.slug,
      defaultLanguage: c.default_language,
      titles: Object.fromEntries(c.titles.map((t) => [t.language, t.title])),
      headings: Object.fromEntries(
        [...new Set([...c.asks.map((a) => a.language), c.default_language])].flatMap((language) => {
          const ask = pickAsk(c.asks, status, language, language);
          return ask && ask.language === language ? [[language, ask.heading]] : [];
        }),
      ),
    })),
  );
}

export interface AlertAction {
  kind: CampaignKind;
  slug: string;
  defaultLanguage: string;
  titles: Record<string, string>;
  /** The ask's heading per language it is written in (fallbacks are the reader's, at send time). */
  headings: Record<string, string>;
}
