import { sql, type Kysely, type RawBuilder } from "kysely";
import { alpha2ByAlpha3 } from "../country/country-options.server";
import type { Database } from "../../../db/schema";
import type { PageRequest } from "../../lib/osdi/paging";
import { addressLimitKey } from "../mail/address-key.server";
import type { ApiCaller } from "./api-scopes";
import { MICRO_UTC, pageOf, syncHorizon, type Page, type Source } from "./osdi-sync.server";

/** Rows whose person retention or erasure took away: never listed. */
const ANONYMIZED = "anonymized-%@erased.invalid";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;
/** A `:id` in a URL: our uuid, bare or as `treatywatch:<uuid>`; null when it cannot be one. */
export function idOfParam(param: string | undefined): string | null {
  const bare = (param ?? "").toLowerCase().replace(/^treatywatch:/u, "");
  return UUID.test(bare) ? bare : null;
}

// ---- who sees what ----------------------------------------------------------------------------

/** Signatures a caller may read: confirmed or withdrawn, with their person; for a partner key only those it brought with consent. */
function signaturesVisible(caller: ApiCaller, alias = "s"): RawBuilder<unknown> {
  const s = sql.raw(alias);
  const base = sql`${s}.status in ('confirmed', 'withdrawn') and ${s}.email_key not like ${ANONYMIZED}`;
  return caller.partnerId === null ? base : sql`${base} and ${s}.partner_id = ${caller.partnerId} and ${s}.partner_consent`;
}

/** Letters a caller may read: sent (confirmed), with their person; for a partner key only those it brought with consent. */
function lettersVisible(caller: ApiCaller, alias = "l"): RawBuilder<unknown> {
  const l = sql.raw(alias);
  const base = sql`${l}.status = 'confirmed' and ${l}.sender_email not like ${ANONYMIZED}`;
  return caller.partnerId === null ? base : sql`${base} and ${l}.partner_id = ${caller.partnerId} and ${l}.partner_consent`;
}

/** Campaigns a caller may read: every published one, or for a partner key the ones its partner runs. */
function campaignVisible(caller: ApiCaller, kind: "petition" | "letter", alias: string): RawBuilder<unknown> {
  const c = sql.raw(alias);
  const base = sql`${c}.status <> 'draft'`;
  if (caller.partnerId === null) return base;
  const column = sql.raw(kind === "petition" ? "petition_id" : "letter_campaign_id");
  return sql`${base} and exists (select 1 from campaign_partners cp where cp.${column} = ${c}.id and cp.partner_id = ${caller.partnerId})`;
}

/** What every listed row has: its public id and its times. */
export interface Synced {
  uuid: string;
  created_at: Date | string;
  modified_at: Date | string;
  /** modified_at in UTC to the microsecond. */
  cursor_at?: string;
}

/** A petition or a letter campaign as listed. */
interface CampaignBase extends Synced {
  slug: string;
  status: string;
  default_language: string;
  title: string;
  total: string | number;
}

// ---- campaigns --------------------------------------------------------------------------------

export interface PetitionRecord extends CampaignBase {
  body_markdown: string;
  addressed_to: string;
}

function petitionSource(caller: ApiCaller, uuid: string | null = null): Source {
  return {
    idType: "integer",
    select: sql`select p.id as sort_id, p.modified_at, p.uuid, p.slug, p.status, p.created_at, p.default_language,
        t.title, t.body_markdown, t.addressed_to, coalesce(c.confirmed, 0) as total
      from petitions p
      join petition_texts t on t.petition_id = p.id and t.language = p.default_language
      left join petition_counts c on c.petition_id = p.id
      where ${campaignVisible(caller, "petition", "p")}${uuid === null ? sql`` : sql` and p.uuid = ${uuid}::uuid`}`,
  };
}

export interface CampaignRecord extends CampaignBase {
  intro: string;
}

function campaignSource(caller: ApiCaller, uuid: string | null = null): Source {
  return {
    idType: "integer",
    select: sql`select c.id as sort_id, c.modified_at, c.uuid, c.slug, c.status, c.created_at, c.default_language,
        t.title, t.intro, coalesce(n.confirmed, 0) as total
      from letter_campaigns c
      join letter_campaign_texts t on t.campaign_id = c.id and t.language = c.default_language
      left join letter_counts n on n.campaign_id = c.id
      where ${campaignVisible(caller, "letter", "c")}${uuid === null ? sql`` : sql` and c.uuid = ${uuid}::uuid`}`,
  };
}

// ---- signatures and outreaches ----------------------------------------------------------------

export interface SignatureRecord extends Synced {
  status: string;
  comment: string | null;
  partner_code: string | null;
  petition_uuid: string;
  person_uuid: string | null;
}

type Of = { petitionId: number } | { emailKey: string } | { uuid: string; petitionId: number };

function signatureSource(caller: ApiCaller, of: Of): Source {
  const scope =
    "uuid" in of ? sql`s.petition_id = ${of.petitionId} and s.uuid = ${of.uuid}::uuid` : "petitionId" in of ? sql`s.petition_id = ${of.petitionId}` : sql`s.email_key = ${of.emailKey}`;
  return {
    idType: "bigint",
    select: sql`select s.id as sort_id, s.modified_at, s.uuid, s.status, s.created_at, s.comment,
        pa.code as partner_code, p.uuid as petition_uuid, pe.id as person_uuid
      from signatures s
      join petitions p on p.id = s.petition_id
      left join people pe on pe.email_key = s.email_key
      left join partners pa on pa.id = s.partner_id
      where ${scope} and ${signaturesVisible(caller)}`,
  };
}

export interface OutreachRecord extends Synced {
  subject: string;
  partner_code: string | null;
  campaign_uuid: string;
  person_uuid: string | null;
  targets: { name: string; title: string }[] | string;
}

type OfCampaign = { campaignId: number } | { emailKey: string } | { uuid: string; campaignId: number };

function outreachSource(caller: ApiCaller, of: OfCampaign): Source {
  const scope =
    "uuid" in of ? sql`l.campaign_id = ${of.campaignId} and l.uuid = ${of.uuid}::uuid` : "campaignId" in of ? sql`l.campaign_id = ${of.campaignId}` : sql`l.email_key = ${of.emailKey}`;
  return {
    idType: "bigint",
    select: sql`select l.id as sort_id, l.modified_at, l.uuid, l.created_at, l.subject,
        pa.code as partner_code, c.uuid as campaign_uuid, pe.id as person_uuid,
        (select coalesce(json_agg(json_build_object('name', tg.name, 'title', tg.role) order by tg.id), '[]'::json)
          from letter_recipients r join targets tg on tg.id = r.target_id where r.letter_id = l.id) as targets
      from letters l
      join letter_campaigns c on c.id = l.campaign_id
      left join people pe on pe.email_key = l.email_key
      left join partners pa on pa.id = l.partner_id
      where ${scope} and ${lettersVisible(caller)}`,
  };
}

// ---- people -----------------------------------------------------------------------------------

export interface PersonRecord extends Synced {
  email_key: string;
  name: string;
  email: string;
  /** ISO 3166-1 alpha-3, as stored; country2 is filled in after the query. */
  country_code: string;
  country2?: string | null;
  language: string;
  /** Platform key: some live row has the platform's mail consent; partner key: some live row has this partner's consent. */
  consented: boolean;
  /** Filled in after the query: the address is on the do-not-mail list. */
  suppressed?: boolean;
}

function peopleSource(caller: ApiCaller, uuid: string | null = null): Source {
  // Consent on a live row: the platform's mail consent for a platform key; for a partner key the
  // rows are already only those it brought with consent, so a live one is enough.
  const signatureConsent = caller.partnerId === null ? sql`s.status = 'confirmed' and s.mail_consent` : sql`s.status = 'confirmed'`;
  const letterConsent = caller.partnerId === null ? sql`l.mail_consent` : sql`true`;
  return {
    idType: "uuid",
    // The person's name, address, country and language are those of their latest row the caller
    // may see; each person costs a few index lookups (no scan, whatever the size of the tables).
    select: sql`select pe.id as sort_id, pe.modified_at, pe.id as uuid, pe.email_key, pe.created_at,
        latest.name, latest.email, latest.country_code,
        latest.language, latest.consented
      from people pe
      cross join lateral (
        select name, email, country_code, language, bool_or(consent) over () as consented from (
          select s.name, s.email, s.country_code, s.language, coalesce(s.confirmed_at, s.created_at) as at, (${signatureConsent}) as consent
            from signatures s where s.email_key = pe.email_key and ${signaturesVisible(caller)}
          union all
          select l.sender_name, l.sender_email, l.country_code, l.language, coalesce(l.confirmed_at, l.created_at), (${letterConsent})
            from letters l where l.email_key = pe.email_key and ${lettersVisible(caller)}
        ) as rows order by at desc limit 1
      ) as latest
      ${uuid === null ? sql`` : sql`where pe.id = ${uuid}::uuid`}`,
  };
}

/** Fills in the country (alpha-2) and marks people on the do-not-mail list (a keyed hash of the address, so checked here, a page at a time). */
async function markSuppressed(db: Kysely<Database>, people: PersonRecord[], caller: ApiCaller, secrets: readonly string[]): Promise<void> {
  if (people.length === 0) return;
  // Alpha-3 to alpha-2 in code: a join per person costs more than the whole page's other lookups.
  const countries = await alpha2ByAlpha3(db);
  for (const p of people) p.country2 = countries.get(p.country_code.trim()) ?? null;
  // The do-not-mail list is the platform's, and matters only where the person consented to the platform.
  const asked = caller.partnerId === null ? people.filter((p) => p.consented) : [];
  if (asked.length === 0) return;
  const keysOf = asked.map((p) => secrets.map((secret) => addressLimitKey(p.email, [secret])));
  const found = await db.selectFrom("mail_suppressions").select("address_key").where("address_key", "in", keysOf.flat()).execute();
  const suppressed = new Set(found.map((f) => f.address_key));
  asked.forEach((p, i) => {
    p.suppressed = keysOf[i]!.some((k) => suppressed.has(k));
  });
}

// ---- what the routes call ---------------------------------------------------------------------

async function one<R>(db: Kysely<Database>, source: Source): Promise<R | null> {
  const { rows } = await sql<R>`select x.*, ${MICRO_UTC(sql`x.modified_at`)} as cursor_at from (${source.select}) as x limit 1`.execute(db);
  return rows[0] ?? null;
}

async function listed<R>(db: Kysely<Database>, source: Source, request: PageRequest): Promise<Page<R>> {
  return pageOf<R>(db, source, request, await syncHorizon(db));
}

export const listPetitions = (db: Kysely<Database>, caller: ApiCaller, request: PageRequest) => listed<PetitionRecord>(db, petitionSource(caller), request);
export const findPetition = (db: Kysely<Database>, caller: ApiCaller, uuid: string) => one<PetitionRecord & { sort_id: number }>(db, petitionSource(caller, uuid));
export const listCampaigns = (db: Kysely<Database>, caller: ApiCaller, request: PageRequest) => listed<CampaignRecord>(db, campaignSource(caller), request);
export const findCampaign = (db: Kysely<Database>, caller: ApiCaller, uuid: string) => one<CampaignRecord & { sort_id: number }>(db, campaignSource(caller, uuid));

export const listSignatures = (db: Kysely<Database>, caller: ApiCaller, of: { petitionId: number } | { emailKey: string }, request: PageRequest) =>
  listed<SignatureRecord>(db, signatureSource(caller, of), request);
export const findSignature = (db: Kysely<Database>, caller: ApiCaller, petitionId: number, uuid: string) => one<SignatureRecord>(db, signatureSource(caller, { petitionId, uuid }));
export const listOutreaches = (db: Kysely<Database>, caller: ApiCaller, of: { campaignId: number } | { emailKey: string }, request: PageRequest) =>
  listed<OutreachRecord>(db, outreachSource(caller, of), request);
export const findOutreach = (db: Kysely<Database>, caller: ApiCaller, campaignId: number, uuid: string) => one<OutreachRecord>(db, outreachSource(caller, { campaignId, uuid }));

export async function listPeople(db: Kysely<Database>, caller: ApiCaller, request: PageRequest, secrets: readonly string[]): Promise<Page<PersonRecord>> {
  const page = await listed<PersonRecord>(db, peopleSource(caller), request);
  await markSuppressed(db, page.rows, caller, secrets);
  return page;
}

export async function findPerson(db: Kysely<Database>, caller: ApiCaller, uuid: string, secrets: readonly string[]): Promise<PersonRecord | null> {
  const person = await one<PersonRecord>(db, peopleSource(caller, uuid));
  if (person) await markSuppressed(db, [person], caller, secrets);
  return person;
}
