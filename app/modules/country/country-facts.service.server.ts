import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, FactChangesTable, Stance, VoteChoice } from "../../../db/schema";
import { recordAudit } from "../audit/audit.repo.server";
import { sourceConfidence } from "../../../db/treaty-actions";
import { writeTreatyFacts, type FactWriteResult, type TreatyFactInput } from "./fact-write.server";
import { findTreatyBySlug } from "./country.repo.server";

type Actor = { id: number; email: string };
const json = (value: unknown) => sql`${JSON.stringify(value)}::text::jsonb`;

/** The id of the treaty this deployment campaigns on (TREATY_SLUG). */
async function treatyId(db: Kysely<Database> | Transaction<Database>, treatySlug: string): Promise<number> {
  const treaty = await findTreatyBySlug(db, treatySlug);
  if (!treaty) throw new Error(`Treaty ${treatySlug} is not in the database`);
  return treaty.id;
}

/**
 * A country's statements and votes as organizers edit them, with the latest changes (who, when,
 * what made them, before, after). Its treaty facts come with its standing (loadParticipantStanding).
 */
export async function countryFactsForEditing(db: Kysely<Database>, treatySlug: string, code3: string) {
  const country = await db.selectFrom("countries").select(["code3", "code2", "reference_name"]).where("code3", "=", code3).executeTakeFirst();
  if (!country) return null;
  const treaty = await treatyId(db, treatySlug);
  const [statements, votes, history] = await Promise.all([
    db.selectFrom("country_statements").select(["stated_on", "stance", "summary", "source_url", "updated_at"]).where("treaty_id", "=", treaty).where("country_code", "=", code3).orderBy("stated_on", "desc").execute(),
    db
      .selectFrom("recorded_votes as rv")
      .leftJoin("country_votes as cv", (join) => join.onRef("cv.recorded_vote_id", "=", "rv.id").on("cv.country_code", "=", code3))
      .select(["rv.id", "rv.reference", "rv.body", "rv.voted_on", "cv.vote", "cv.source_url"])
      .where("rv.treaty_id", "=", treaty)
      .orderBy("rv.voted_on")
      .execute(),
    db.selectFrom("fact_changes").select(["id", "actor_email", "kind", "cause", "before", "after", "created_at"]).where("country_code", "=", code3).orderBy("id", "desc").limit(50).execute(),
  ]);
  return { country, statements, votes, history };
}

const isCountry = async (trx: Transaction<Database>, code3: string) =>
  (await trx.selectFrom("countries").select("code3").where("code3", "=", code3).executeTakeFirst()) !== undefined;

async function recordChange(trx: Transaction<Database>, change: { actor: Actor; code3: string; kind: FactChangesTable["kind"]; before: unknown; after: unknown }) {
  await trx
    .insertInto("fact_changes")
    .values({ organizer_id: change.actor.id, actor_email: change.actor.email, country_code: change.code3, kind: change.kind, before: change.before ? json(change.before) : null, after: json(change.after) })
    .execute();
  await recordAudit(trx, { actor: change.actor, action: `facts.${change.kind}`, subject: change.code3 });
}

/**
 * Adds or corrects one fact of any kind, in one transaction: through the write path every
 * change takes (history, status changes), then one audit entry. Null for an unknown country.
 */
export async function recordTreatyFact(
  db: Kysely<Database>,
  input: { treatySlug: string; code3: string; fact: Omit<TreatyFactInput, "code3">; actor: Actor; today: string },
): Promise<FactWriteResult | null> {
  return db.transaction().execute(async (trx) => {
    if (!(await isCountry(trx, input.code3))) return null;
    const result = await writeTreatyFacts(trx, {
      treatySlug: input.treatySlug,
      facts: [{ ...input.fact, code3: input.code3 }],
      actor: input.actor,
      cause: "manual",
      today: input.today,
    });
    if (result.written > 0) {
      await recordAudit(trx, {
        actor: input.actor,
        action: `facts.${input.fact.kind}`,
        subject: input.code3,
        details: { statusChanges: result.statusChanges },
      });
    }
    return result;
  });
}

/**
 * Removes one of this country's facts (a wrong one), in one transaction: kept in the history,
 * status changes recorded like any other write. Null when the country has no such fact.
 */
export async function removeTreatyFact(
  db: Kysely<Database>,
  input: { treatySlug: string; code3: string; factId: number; actor: Actor; today: string },
): Promise<FactWriteResult | null> {
  return db.transaction().execute(async (trx) => {
    const fact = await trx
      .selectFrom("treaty_actions")
      .innerJoin("treaties", "treaties.id", "treaty_actions.treaty_id")
      .select(["treaty_actions.id", "treaty_actions.action"])
      .where("treaties.slug", "=", input.treatySlug)
      .where("treaty_actions.country_code", "=", input.code3)
      .where("treaty_actions.id", "=", input.factId)
      .executeTakeFirst();
    if (!fact) return null;
    const result = await writeTreatyFacts(trx, {
      treatySlug: input.treatySlug,
      facts: [],
      removeFactIds: [fact.id],
      actor: input.actor,
      cause: "manual",
      today: input.today,
    });
    await recordAudit(trx, { actor: input.actor, action: "facts.remove", subject: input.code3, details: { kind: fact.action, statusChanges: result.statusChanges } });
    return result;
  });
}

/** Adds a statement, or corrects the one from the same source; the old version is kept in the history. False for an unknown country. */
export async function recordStatement(
  db: Kysely<Database>,
  input: { treatySlug: string; code3: string; fact: { statedOn: string; stance: Stance; summary: string; sourceUrl: string }; actor: Actor },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await isCountry(trx, input.code3))) return false;
    const treaty = await treatyId(trx, input.treatySlug);
    const before = await trx
      .selectFrom("country_statements")
      .select(["stated_on", "stance", "summary", "source_url"])
      .where("treaty_id", "=", treaty)
      .where("country_code", "=", input.code3)
      .where("source_url", "=", input.fact.sourceUrl)
      .forUpdate()
      .executeTakeFirst();
    const values = { stated_on: input.fact.statedOn, stance: input.fact.stance, summary: input.fact.summary, confidence: sourceConfidence(input.fact.sourceUrl) };
    await trx
      .insertInto("country_statements")
      .values({ treaty_id: treaty, country_code: input.code3, source_url: input.fact.sourceUrl, ...values })
      .onConflict((oc) => oc.columns(["treaty_id", "country_code", "source_url"]).doUpdateSet({ ...values, updated_at: sql`now()` }))
      .execute();
    await recordChange(trx, { actor: input.actor, code3: input.code3, kind: "statement", before: before ?? null, after: { ...values, source_url: input.fact.sourceUrl } });
    return true;
  });
}

/** Records or corrects how a country voted in one of the treaty's recorded votes; the old vote is kept in the history. */
export async function recordCountryVote(
  db: Kysely<Database>,
  input: { treatySlug: string; code3: string; fact: { recordedVoteId: number; vote: VoteChoice; sourceUrl: string }; actor: Actor; now: Date },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await isCountry(trx, input.code3))) return false;
    const recorded = await trx.selectFrom("recorded_votes").select(["reference", "voted_on"]).where("id", "=", input.fact.recordedVoteId).where("treaty_id", "=", await treatyId(trx, input.treatySlug)).executeTakeFirst();
    if (!recorded) return false;
    const before = await trx
      .selectFrom("country_votes")
      .select(["vote", "source_url"])
      .where("recorded_vote_id", "=", input.fact.recordedVoteId)
      .where("country_code", "=", input.code3)
      .forUpdate()
      .executeTakeFirst();
    const values = { vote: input.fact.vote, source_url: input.fact.sourceUrl, updated_at: input.now };
    await trx
      .insertInto("country_votes")
      .values({ recorded_vote_id: input.fact.recordedVoteId, country_code: input.code3, ...values })
      .onConflict((oc) => oc.columns(["recorded_vote_id", "country_code"]).doUpdateSet(values))
      .execute();
    const on = { reference: recorded.reference, voted_on: recorded.voted_on };
    await recordChange(trx, { actor: input.actor, code3: input.code3, kind: "vote", before: before ? { ...on, ...before } : null, after: { ...on, vote: values.vote, source_url: values.source_url } });
    return true;
  });
}
