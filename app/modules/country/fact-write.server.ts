/**
 * The one way a treaty fact is written, whoever writes it: an organizer's edit, a depositary
 * import, a confirmed lead. Each write keeps before and after in the history, and every status
 * it moves is recorded in `country_status_changes`, so what follows a move (alerts, asks) is the
 * same however the move was made. Runs in the caller's transaction; the caller audits the user
 * action as a whole (one entry for an edit, one for an import).
 */
import { sql, type Transaction } from "kysely";
import { recordWebhookEvent } from "../webhooks/webhook-events.repo.server";
import type { Database, FactChangeCause, FactConfidence, TreatyFactAction } from "../../../db/schema";
import { ONCE_PER_PARTICIPANT_ACTIONS } from "../../../db/treaty-actions";
import { loadTreatyStandings } from "./treaty-standing.server";
import type { ParticipantStanding, ParticipantStatus } from "./treaty-status";

type Trx = Transaction<Database>;

export interface TreatyFactInput {
  code3: string;
  kind: TreatyFactAction;
  /** Null when the source does not confirm the day (say so in `notes`). */
  actedOn: string | null;
  sourceUrl: string;
  notes: string;
  confidence: FactConfidence;
  declarationText?: string | null;
  declarationUrl?: string | null;
}

export type FactCause = FactChangeCause;

export interface StatusChange {
  code3: string;
  from: ParticipantStatus;
  to: ParticipantStatus;
  reportedFrom: ParticipantStatus | null;
  reportedTo: ParticipantStatus | null;
}

export interface FactWriteResult {
  /** Facts added or changed. */
  written: number;
  /** Facts given exactly as held: nothing was written for them. */
  unchanged: number;
  removed: number;
  statusChanges: StatusChange[];
}

export interface FactWrite {
  treatySlug: string;
  facts: readonly TreatyFactInput[];
  /** Facts (treaty_actions ids) to remove; each stays in the history. */
  removeFactIds?: readonly number[];
  actor: { id: number; email: string };
  cause: FactCause;
  /** The day the rules judge statuses on. */
  today: string;
}

const isOncePerParticipant = (kind: TreatyFactAction) => (ONCE_PER_PARTICIPANT_ACTIONS as readonly string[]).includes(kind);
const json = (value: unknown) => sql`${JSON.stringify(value)}::text::jsonb`;

/** What the history keeps of a fact: its values, not its bookkeeping. */
function recordedValues(fact: Omit<TreatyFactInput, "code3" | "kind">) {
  return {
    acted_on: fact.actedOn,
    source_url: fact.sourceUrl,
    notes: fact.notes,
    confidence: fact.confidence,
    declaration_text: fact.declarationText ?? null,
    declaration_url: fact.declarationUrl ?? null,
  };
}
type RecordedValues = ReturnType<typeof recordedValues>;

const sameValues = (a: RecordedValues, b: RecordedValues) => (Object.keys(a) as (keyof RecordedValues)[]).every((key) => a[key] === b[key]);

export async function writeTreatyFacts(trx: Trx, input: FactWrite): Promise<FactWriteResult> {
  const before = await loadTreatyStandings(trx, input.treatySlug, input.today);
  const treatyId = before.treaty.id;
  const result: FactWriteResult = { written: 0, unchanged: 0, removed: 0, statusChanges: [] };
  const history = (code3: string, kind: TreatyFactAction, was: RecordedValues | null, now: RecordedValues | null) =>
    trx
      .insertInto("fact_changes")
      .values({
        organizer_id: input.actor.id,
        actor_email: input.actor.email,
        country_code: code3,
        kind,
        cause: input.cause,
        before: was ? json(was) : null,
        after: now ? json(now) : null,
      })
      .execute();

  for (const fact of input.facts) {
    const values = recordedValues(fact);
    // The fact this one corrects: the participant's only one of its kind, or the one from the same source.
    let held = trx
      .selectFrom("treaty_actions")
      .select(["id", "acted_on", "source_url", "notes", "confidence", "declaration_text", "declaration_url"])
      .where("treaty_id", "=", treatyId)
      .where("country_code", "=", fact.code3)
      .where("action", "=", fact.kind);
    if (!isOncePerParticipant(fact.kind)) held = held.where("source_url", "=", fact.sourceUrl);
    const existing = await held.forUpdate().executeTakeFirst();
    if (existing) {
      const { id, ...was } = existing;
      if (sameValues(was, values)) {
        result.unchanged += 1;
        continue;
      }
      await trx.updateTable("treaty_actions").set({ ...values, updated_at: sql`now()` }).where("id", "=", id).execute();
      await history(fact.code3, fact.kind, was, values);
    } else {
      await trx.insertInto("treaty_actions").values({ treaty_id: treatyId, country_code: fact.code3, action: fact.kind, ...values }).execute();
      await history(fact.code3, fact.kind, null, values);
    }
    result.written += 1;
  }

  if (input.removeFactIds && input.removeFactIds.length > 0) {
    const removed = await trx
      .deleteFrom("treaty_actions")
      .where("treaty_id", "=", treatyId)
      .where("id", "in", input.removeFactIds)
      .returning(["country_code", "action", "acted_on", "source_url", "notes", "confidence", "declaration_text", "declaration_url"])
      .execute();
    for (const { country_code, action, ...was } of removed) await history(country_code, action, was, null);
    result.removed = removed.length;
  }

  if (result.written === 0 && result.removed === 0) return result;
  const after = await loadTreatyStandings(trx, input.treatySlug, input.today);
  result.statusChanges = statusChanges(before.standings, after.standings);
  if (result.statusChanges.length > 0) {
    const recorded = await trx
      .insertInto("country_status_changes")
      .values(
        result.statusChanges.map((change) => ({
          treaty_id: treatyId,
          country_code: change.code3,
          from_status: change.from,
          to_status: change.to,
          reported_from: change.reportedFrom,
          reported_to: change.reportedTo,
          cause: input.cause,
          organizer_id: input.actor.id,
          actor_email: input.actor.email,
          judged_on: input.today,
        })),
      )
      .returning("id")
      .execute();
    await recordWebhookEvent(trx, { event: "country.status_changed", data: { statusChangeIds: recorded.map((r) => r.id) }, person: null });
  }
  return result;
}

/**
 * Every participant whose confirmed or reported status differs between the two judgements. A
 * fact can move more than its own country: the fortieth instrument brings the treaty into force.
 */
export function statusChanges(
  before: ReadonlyMap<string, Pick<ParticipantStanding, "confirmed" | "reported">>,
  after: ReadonlyMap<string, Pick<ParticipantStanding, "confirmed" | "reported">>,
): StatusChange[] {
  const changes: StatusChange[] = [];
  for (const [code3, now] of after) {
    const was = before.get(code3);
    if (!was || (was.confirmed === now.confirmed && was.reported === now.reported)) continue;
    changes.push({ code3, from: was.confirmed, to: now.confirmed, reportedFrom: was.reported, reportedTo: now.reported });
  }
  return changes;
}
