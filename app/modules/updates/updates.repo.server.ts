import { sql, type Kysely, type SqlBool, type Transaction } from "kysely";
import { recordWebhookEvent } from "../webhooks/webhook-events.repo.server";
import type { Database, UpdateAudience, UpdateStatus } from "../../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

const UPDATE_COLUMNS = [
  "u.id",
  "u.petition_id",
  "u.letter_campaign_id",
  "u.audience",
  "u.filter_country",
  "u.filter_language",
  "u.filter_since",
  "u.default_language",
  "u.status",
  "u.public",
  "u.send_at",
  "u.created_by_email",
  "u.sent_by_email",
  "u.started_at",
  "u.finished_at",
  "u.cancelled_at",
  "u.last_person_id",
  "u.enqueued",
  "u.unsubscribed",
  "u.created_at",
] as const;

/** An update with what its mails need: the campaign's slug and treaty. */
function updatesWithCampaigns(db: Db) {
  return db
    .selectFrom("campaign_updates as u")
    .leftJoin("petitions as p", "p.id", "u.petition_id")
    .leftJoin("letter_campaigns as c", "c.id", "u.letter_campaign_id")
    .select([
      ...UPDATE_COLUMNS,
      sql<string>`coalesce(p.slug, c.slug)`.as("campaign_slug"),
      sql<number | null>`coalesce(p.treaty_id, c.treaty_id)`.as("treaty_id"),
    ]);
}

export type UpdateRow = NonNullable<Awaited<ReturnType<typeof findUpdate>>>;

export async function findUpdate(db: Db, id: string, lock = false) {
  return updatesWithCampaigns(db)
    .where("u.id", "=", id)
    .$if(lock, (q) => q.forUpdate("u"))
    .executeTakeFirst();
}

export async function listCampaignUpdates(db: Db, campaign: { kind: "petition" | "letter"; id: number }, limit: number) {
  return updatesWithCampaigns(db)
    .where(campaign.kind === "petition" ? "u.petition_id" : "u.letter_campaign_id", "=", campaign.id)
    .orderBy("u.id", "desc")
    .limit(limit)
    .execute();
}

export async function updateTexts(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom("campaign_update_texts").select(["update_id", "language", "subject", "body_markdown"]).where("update_id", "in", ids).execute();
}

export async function insertUpdate(
  trx: Transaction<Database>,
  row: {
    petitionId: number | null;
    letterCampaignId: number | null;
    audience: UpdateAudience;
    country: string | null;
    language: string | null;
    since: Date | null;
    defaultLanguage: string;
    public: boolean;
    actor: { id: number; email: string };
  },
): Promise<string> {
  const { id } = await trx
    .insertInto("campaign_updates")
    .values({
      petition_id: row.petitionId,
      letter_campaign_id: row.letterCampaignId,
      audience: row.audience,
      filter_country: row.country,
      filter_language: row.language,
      filter_since: row.since,
      default_language: row.defaultLanguage,
      public: row.public,
      created_by: row.actor.id,
      created_by_email: row.actor.email,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function writeUpdateTexts(
  trx: Transaction<Database>,
  updateId: string,
  texts: { language: string; subject: string; body: string }[],
): Promise<void> {
  await trx.deleteFrom("campaign_update_texts").where("update_id", "=", updateId).execute();
  if (texts.length === 0) return;
  await trx
    .insertInto("campaign_update_texts")
    .values(
      texts.map((t) => ({
        update_id: updateId,
        language: t.language,
        subject: t.subject,
        body_markdown: t.body,
      })),
    )
    .execute();
}

export async function setUpdateStatus(
  trx: Transaction<Database>,
  id: string,
  from: readonly UpdateStatus[],
  change: {
    status: UpdateStatus;
    sendAt?: Date | null;
    sentBy?: string;
    now: Date;
  },
): Promise<boolean> {
  const result = await trx
    .updateTable("campaign_updates")
    .set({
      status: change.status,
      updated_at: change.now,
      ...(change.sendAt !== undefined ? { send_at: change.sendAt } : {}),
      // Who sent it, or scheduled it (the job starts it in their name).
      ...(change.status === "sending" ? { started_at: change.now, sent_by_email: change.sentBy ?? null } : {}),
      ...(change.status === "scheduled" ? { sent_by_email: change.sentBy ?? null } : {}),
      ...(change.status === "cancelled" ? { cancelled_at: change.now } : {}),
    })
    .where("id", "=", id)
    .where("status", "in", [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Updates the job carries on with: being sent, or scheduled and due. */
export async function openUpdates(db: Db, now: Date, limit: number) {
  return db
    .selectFrom("campaign_updates")
    .select(["id", "status"])
    .where((eb) => eb.or([eb("status", "=", "sending"), eb.and([eb("status", "=", "scheduled"), eb("send_at", "<=", now)])]))
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** The audience's rows, one per person, as an update reads them: a table, its person kind, and its conditions. */
export interface AudienceRows {
  kind: "s" | "l" | "f";
}

/**
 * The next people of an update after its watermark, by the id of their row: those who may get it
 * as far as the database knows (confirmed, consenting, within the filters, each person once).
 */
export async function nextAudience(db: Db, update: UpdateRow, afterId: string, limit: number): Promise<{ id: string; email: string }[]> {
  const q = audienceQuery(db, update).where("x.id", ">", afterId).orderBy("x.id").limit(limit);
  return q.execute();
}

/** How many the audience holds, before the do-not-mail list. */
export async function countAudience(db: Db, update: UpdateRow): Promise<number> {
  const row = await db
    .selectFrom(audienceQuery(db, update).as("a"))
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every address of the audience (for the exact size before sending, when it is not too large). */
export async function audienceAddresses(db: Db, update: UpdateRow, limit: number) {
  return audienceQuery(db, update).orderBy("x.id").limit(limit).execute();
}

type AudienceFilter = Pick<UpdateRow, "audience" | "petition_id" | "letter_campaign_id" | "filter_country" | "filter_language" | "filter_since" | "treaty_id">;

function audienceQuery(db: Db, u: AudienceFilter) {
  const since = u.filter_since === null ? null : new Date(u.filter_since);
  if (u.audience === "signers") {
    return db
      .selectFrom("signatures as x")
      .select(["x.id", "x.email", "x.language"])
      .where("x.petition_id", "=", u.petition_id!)
      .where("x.status", "=", "confirmed")
      .where("x.mail_consent", "=", true)
      .$if(u.filter_country !== null, (q) => q.where("x.country_code", "=", u.filter_country!))
      .$if(u.filter_language !== null, (q) => q.where("x.language", "=", u.filter_language!))
      .$if(since !== null, (q) => q.where("x.created_at", ">=", since!));
  }
  if (u.audience === "writers") {
    const person = sql`coalesce(x.sender_key, lower(x.sender_email))`;
    return (
      db
        .selectFrom("letters as x")
        .select(["x.id", "x.sender_email as email", "x.language"])
        .where("x.campaign_id", "=", u.letter_campaign_id!)
        .where("x.status", "=", "confirmed")
        .where("x.mail_consent", "=", true)
        .$if(u.filter_country !== null, (q) => q.where("x.country_code", "=", u.filter_country!))
        .$if(u.filter_language !== null, (q) => q.where("x.language", "=", u.filter_language!))
        .$if(since !== null, (q) => q.where("x.created_at", ">=", since!))
        // One mail per writer: their first consenting letter stands for them.
        .where(
          sql<SqlBool>`not exists (select 1 from letters e where e.campaign_id = x.campaign_id and e.status = 'confirmed' and e.mail_consent
            and e.id < x.id and coalesce(e.sender_key, lower(e.sender_email)) = ${person})`,
        )
    );
  }
  return (
    db
      .selectFrom("country_follows as x")
      .select(["x.id", "x.email", "x.language"])
      .where("x.country_code", "=", u.filter_country!)
      .where("x.status", "=", "confirmed")
      .$if(u.treaty_id !== null, (q) => q.where("x.treaty_id", "=", u.treaty_id!))
      .$if(u.filter_language !== null, (q) => q.where("x.language", "=", u.filter_language!))
      .$if(since !== null, (q) => q.where("x.confirmed_at", ">=", since!))
      // One mail per person (one follow per treaty and country each).
      .where(
        sql<SqlBool>`not exists (select 1 from country_follows e where e.country_code = x.country_code and e.status = 'confirmed' and e.email_key = x.email_key and e.id < x.id)`,
      )
  );
}

export const personKindOf = (audience: UpdateAudience): "s" | "l" | "f" => (audience === "signers" ? "s" : audience === "writers" ? "l" : "f");

/**
 * The mails of one batch in one `INSERT … SELECT`: the people of the audience with ids in
 * (afterId, upToId], but those on the do-not-mail list, each in their language if the update is
 * written in it (else its default). The idempotency key is the update and the person's row
 * (unique in the outbox), so a second run adds nothing. Returns how many were new.
 */
export async function enqueueUpdateMails(
  trx: Transaction<Database>,
  update: UpdateRow,
  input: {
    afterId: string;
    upToId: string;
    excluded: string[];
    texts: Record<string, { subject: string; body: string }>;
    campaignPath: string;
  },
): Promise<number> {
  const kind = personKindOf(update.audience);
  const texts = sql`${JSON.stringify(input.texts)}::text::jsonb`;
  const language = sql<string>`case when ${texts} ? x.language then x.language else ${update.default_language}::text end`;
  const base = audienceQuery(trx, update)
    .clearSelect()
    .where("x.id", ">", input.afterId)
    .where("x.id", "<=", input.upToId)
    .$if(input.excluded.length > 0, (q) => q.where("x.id", "not in", input.excluded));
  const selection = (base as ReturnType<typeof audienceQuery>).select([
    sql<string>`${sql.ref(update.audience === "writers" ? "x.sender_email" : "x.email")}`.as("email"),
    sql.lit("campaign-update").as("template"),
    sql<
      Record<string, unknown>
    >`jsonb_build_object('updateId', ${update.id}::text, 'kind', ${kind}::text, 'personId', x.id::text, 'campaignPath', ${input.campaignPath}::text, 'test', false) || (${texts} -> ${language})`.as(
      "template_data",
    ),
    language.as("language"),
    sql<string>`${`campaign-update:${update.id}:${kind}`} || x.id::text`.as("idempotency_key"),
    sql.lit(1).as("priority"),
  ]);
  const inserted = await trx
    .insertInto("outgoing_mails")
    .columns(["recipient", "template", "template_data", "language", "idempotency_key", "priority"])
    .expression(selection as never)
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .returning(sql<number>`1`.as("one"))
    .execute();
  return inserted.length;
}

export async function noteUpdateBatch(
  trx: Transaction<Database>,
  id: string,
  batch: { lastPersonId: string; enqueued: number; finished: boolean },
): Promise<void> {
  const noted = await trx
    .updateTable("campaign_updates")
    .set({
      last_person_id: batch.lastPersonId,
      enqueued: sql`enqueued + ${batch.enqueued}`,
      updated_at: sql`now()`,
      ...(batch.finished ? { status: "sent" as const, finished_at: sql`now()` } : {}),
    })
    .where("id", "=", id)
    .where("status", "=", "sending")
    .returning("status")
    .execute();
  // The last batch queued: subscribers hear of the update once, when its mails are all on their way.
  if (batch.finished && noted.length > 0) await recordWebhookEvent(trx, { event: "update.sent", data: { updateId: id }, person: null });
}

/** Takes back an update's mails not yet claimed by a worker; returns how many. */
export async function dropQueuedUpdateMails(trx: Transaction<Database>, updateId: string): Promise<number> {
  const result = await trx
    .deleteFrom("outgoing_mails")
    .where("template", "=", "campaign-update")
    .where(sql`(template_data ->> 'updateId')::bigint`, "=", updateId)
    .where("status", "=", "queued")
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** An update's mails by state. */
export async function updateMailFigures(db: Db, updateIds: string[]): Promise<Map<string, Record<string, number>>> {
  if (updateIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("outgoing_mails")
    .select([sql<string>`(template_data ->> 'updateId')::bigint`.as("update_id"), "status", (eb) => eb.fn.countAll<string>().as("n")])
    .where("template", "=", "campaign-update")
    .where(sql`(template_data ->> 'updateId')::bigint`, "in", updateIds)
    // The organizer's tests to themselves are not the update's mail.
    .where("idempotency_key", "not like", "campaign-update-test:%")
    .groupBy([sql`(template_data ->> 'updateId')::bigint`, "status"])
    .execute();
  const figures = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const f = figures.get(String(r.update_id)) ?? {};
    f[r.status] = Number(r.n);
    figures.set(String(r.update_id), f);
  }
  return figures;
}

export async function countUnsubscribed(trx: Transaction<Database>, id: string): Promise<void> {
  await trx
    .updateTable("campaign_updates")
    .set({ unsubscribed: sql`unsubscribed + 1` })
    .where("id", "=", id)
    .execute();
}

/** Public updates of a petition that went out, newest first, with their texts. */
export async function publicPetitionUpdates(db: Db, petitionId: number, limit: number) {
  return db
    .selectFrom("campaign_updates")
    .select(["id", "default_language", "started_at"])
    .where("petition_id", "=", petitionId)
    .where("public", "=", true)
    .where("status", "in", ["sending", "sent"])
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
