import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";

type Db = Kysely<Database>;

export async function findTreatyBySlug(db: Db, slug: string) {
  return db.selectFrom("treaties").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function listCountries(db: Db) {
  return db.selectFrom("countries").selectAll().orderBy("code3").execute();
}

export async function findCountryByCode(db: Db, alphabet: "alpha2" | "alpha3", code: string) {
  return db
    .selectFrom("countries")
    .selectAll()
    .where(alphabet === "alpha2" ? "code2" : "code3", "=", code)
    .executeTakeFirst();
}

export async function listCountryStatements(db: Db, treatyId: number, code3: string) {
  return db
    .selectFrom("country_statements")
    .select(["stated_on", "stance", "summary", "source_url", "confidence", "updated_at"])
    .where("treaty_id", "=", treatyId)
    .where("country_code", "=", code3)
    .orderBy("stated_on", "asc")
    .execute();
}

export async function listCountryVotes(db: Db, treatyId: number, code3: string) {
  return db
    .selectFrom("country_votes")
    .innerJoin("recorded_votes", "recorded_votes.id", "country_votes.recorded_vote_id")
    .select([
      "recorded_votes.reference",
      "recorded_votes.body",
      "recorded_votes.voted_on",
      "recorded_votes.yes_count",
      "recorded_votes.no_count",
      "recorded_votes.abstain_count",
      "recorded_votes.description",
      "country_votes.vote",
      "country_votes.source_url",
      "country_votes.updated_at",
    ])
    .where("recorded_votes.treaty_id", "=", treatyId)
    .where("country_votes.country_code", "=", code3)
    .orderBy("recorded_votes.voted_on", "asc")
    .execute();
}

/** The most recent recorded vote that has a per-country record, with each country's vote. */
export async function findLatestPerCountryVote(db: Db, treatyId: number) {
  const vote = await db
    .selectFrom("recorded_votes")
    .select(["id", "reference", "voted_on", "source_url"])
    .where("treaty_id", "=", treatyId)
    .where((eb) => eb.exists(eb.selectFrom("country_votes").select("country_code").whereRef("country_votes.recorded_vote_id", "=", "recorded_votes.id")))
    .orderBy("voted_on", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!vote) return undefined;
  const countryVotes = await db
    .selectFrom("country_votes")
    .select(["country_code", "vote"])
    .where("recorded_vote_id", "=", vote.id)
    .execute();
  return { reference: vote.reference, votedOn: vote.voted_on, sourceUrl: vote.source_url, countryVotes };
}

export async function listTimelineEvents(db: Db, treatyId: number) {
  return db
    .selectFrom("timeline_events")
    .select(["occurred_on", "event", "source_url"])
    .where("treaty_id", "=", treatyId)
    .orderBy("occurred_on", "asc")
    .execute();
}
