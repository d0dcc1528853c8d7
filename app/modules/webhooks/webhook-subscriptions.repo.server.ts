import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, WebhookEventName } from "../../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

/** Whose subscriptions a caller manages: the platform's admins all of them, a partner's key its partner's only. */
export type SubscriptionScope = { kind: "all" } | { kind: "partner"; partnerId: number };

export interface SubscriptionSummary {
  id: string;
  url: string;
  events: WebhookEventName[];
  partnerId: number | null;
  partnerCode: string | null;
  ownerEmail: string;
  createdBy: string;
  createdAt: Date;
  active: boolean;
  disabledAt: Date | null;
  disabledReason: string | null;
  consecutiveFailures: number;
}

function subscriptionColumns(db: Db) {
  return db
    .selectFrom("webhook_subscriptions as w")
    .leftJoin("partners as p", "p.id", "w.partner_id")
    .select([
      "w.id",
      "w.url",
      "w.events",
      "w.partner_id",
      "p.code as partner_code",
      "w.owner_email",
      "w.created_by",
      "w.created_at",
      "w.active",
      "w.disabled_at",
      "w.disabled_reason",
      "w.consecutive_failures",
    ])
    .where("w.deleted_at", "is", null);
}

type Row = Awaited<ReturnType<ReturnType<typeof subscriptionColumns>["executeTakeFirstOrThrow"]>>;

function summaryOf(row: Row): SubscriptionSummary {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    partnerId: row.partner_id,
    partnerCode: row.partner_code,
    ownerEmail: row.owner_email,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    active: row.active,
    disabledAt: row.disabled_at ? new Date(row.disabled_at) : null,
    disabledReason: row.disabled_reason,
    consecutiveFailures: row.consecutive_failures,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
export const isUuid = (value: string) => UUID.test(value);

export async function listSubscriptions(db: Db, scope: SubscriptionScope): Promise<SubscriptionSummary[]> {
  let query = subscriptionColumns(db).orderBy("w.created_at", "desc");
  if (scope.kind === "partner") query = query.where("w.partner_id", "=", scope.partnerId);
  return (await query.execute()).map(summaryOf);
}

/** One subscription the scope may manage (not deleted), or null. */
export async function subscriptionInScope(db: Db, id: string, scope: SubscriptionScope): Promise<SubscriptionSummary | null> {
  if (!isUuid(id)) return null;
  let query = subscriptionColumns(db).where("w.id", "=", id);
  if (scope.kind === "partner") query = query.where("w.partner_id", "=", scope.partnerId);
  const row = await query.executeTakeFirst();
  return row ? summaryOf(row) : null;
}

/** Deliveries not yet made are given up with the subscription (deleted or switched off): nothing more goes out. */
export async function failPendingDeliveries(db: Db, subscriptionId: string, reason: string): Promise<number> {
  const result = await db
    .updateTable("webhook_deliveries")
    .set({ status: "failed", finished_at: sql<Date>`now()`, last_error: reason, lease_expires_at: null })
    .where("subscription_id", "=", subscriptionId)
    .where("status", "in", ["queued", "sending"])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
