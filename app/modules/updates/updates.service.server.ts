import type { Kysely, Transaction } from "kysely";
import type { Database, UpdateStatus } from "../../../db/schema";
import { renderMail } from "../../../emails/index";
import { SUPPORTED_LANGUAGES, type Language } from "../../lib/i18n/languages";
import { updateRecipientFromToken, type UpdateRecipient } from "../../lib/links/update-links.server";
import { startPeriodicJob, type RunningJob } from "../../lib/periodic.server";
import { recordAudit } from "../audit/audit.repo.server";
import { enqueueMail, suppressAddress, suppressedAmong } from "../mail/outbox.repo.server";
import { renderPetitionMarkdown } from "../petition/markdown.server";
import {
  checkSendAt,
  isLastBatch,
  mayDo,
  parseFormTime,
  readUpdateValues,
  textFor,
  UPDATE_BATCH_SIZE,
  validateUpdate,
  type CampaignKind,
  type UpdateField,
  type UpdateFormValues,
  type UpdateAction,
} from "./update-rules";
import {
  audienceAddresses,
  countAudience,
  countUnsubscribed,
  dropQueuedUpdateMails,
  enqueueUpdateMails,
  findUpdate,
  insertUpdate,
  listCampaignUpdates,
  nextAudience,
  noteUpdateBatch,
  openUpdates,
  personKindOf,
  publicPetitionUpdates,
  setUpdateStatus,
  updateMailFigures,
  updateTexts,
  writeUpdateTexts,
  type UpdateRow,
} from "./updates.repo.server";
import {
  updateUnsubscribeScopeOf,
  type PublicUpdate,
  type UpdateDetail,
  type UpdateFigures,
  type UpdateUnsubscribeScope,
  type UpdateView,
} from "./update-views";

export { updateUnsubscribeScopeOf, type PublicUpdate, type UpdateDetail, type UpdateFigures, type UpdateUnsubscribeScope, type UpdateView };

export interface UpdateSending {
  /** The signing secrets: the do-not-mail list is keyed with them. */
  secrets: readonly string[];
  batchSize?: number;
  /** Batches to run now; the job carries on with the rest. */
  maxBatches?: number;
}

type Actor = { id: number; email: string };

export interface UpdateCampaign {
  kind: CampaignKind;
  id: number;
  slug: string;
  defaultLanguage: Language;
  /** `petitions/<slug>` or `letters/<slug>`: the campaign's page from the site's root. */
  path: string;
}

/** A campaign by its kind and slug, as the organizer pages name it. */
export async function findUpdateCampaign(db: Kysely<Database>, kind: CampaignKind, slug: string): Promise<UpdateCampaign | null> {
  const row =
    kind === "petition"
      ? await db.selectFrom("petitions").select(["id", "slug", "default_language"]).where("slug", "=", slug).executeTakeFirst()
      : await db.selectFrom("letter_campaigns").select(["id", "slug", "default_language"]).where("slug", "=", slug).executeTakeFirst();
  if (!row) return null;
  return {
    kind,
    id: row.id,
    slug: row.slug,
    defaultLanguage: row.default_language as Language,
    path: `${kind === "petition" ? "petitions" : "letters"}/${row.slug}`,
  };
}

const campaignOfRow = (row: UpdateRow): { kind: CampaignKind; id: number } =>
  row.petition_id !== null ? { kind: "petition", id: row.petition_id } : { kind: "letter", id: row.letter_campaign_id! };
const pathOf = (row: UpdateRow) => `${row.petition_id !== null ? "petitions" : "letters"}/${row.campaign_slug}`;

async function textsOf(db: Kysely<Database>, id: string): Promise<Record<string, { subject: string; body: string }>> {
  return Object.fromEntries((await updateTexts(db, [id])).map((t) => [t.language, { subject: t.subject, body: t.body_markdown }]));
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function figuresOf(row: UpdateRow, byStatus: Record<string, number> | undefined): UpdateFigures {
  const f = byStatus ?? {};
  return {
    queued: (f.queued ?? 0) + (f.sending ?? 0),
    sent: f.sent ?? 0,
    failed: f.failed ?? 0,
    bounced: f.suppressed ?? 0,
    unsubscribed: row.unsubscribed,
  };
}

/** A campaign's updates, newest first, with their figures. */
export async function campaignUpdates(db: Kysely<Database>, campaign: UpdateCampaign, lng: string): Promise<UpdateView[]> {
  const rows = await listCampaignUpdates(db, campaign, 100);
  const ids = rows.map((r) => r.id);
  const texts = await updateTexts(db, ids);
  const figures = await updateMailFigures(db, ids);
  return rows.map((row) => {
    const mine = new Map(texts.filter((t) => t.update_id === row.id).map((t) => [t.language, t]));
    return {
      id: row.id,
      status: row.status,
      audience: row.audience,
      filters: {
        country: row.filter_country,
        language: row.filter_language,
        since: iso(row.filter_since),
      },
      defaultLanguage: row.default_language,
      public: row.public,
      sendAt: iso(row.send_at),
      createdBy: row.created_by_email,
      sentBy: row.sent_by_email,
      startedAt: iso(row.started_at),
      enqueued: row.enqueued,
      subject: textFor(mine, lng, row.default_language)?.subject ?? "",
      languages: SUPPORTED_LANGUAGES.filter((l) => mine.has(l)),
      figures: figuresOf(row, figures.get(row.id)),
    };
  });
}

/** The most addresses checked one by one against the do-not-mail list for the size shown before sending. */
const EXACT_SIZE_LIMIT = 20_000;

export async function updateDetail(
  db: Kysely<Database>,
  input: {
    campaign: UpdateCampaign;
    updateId: string;
    lng: string;
    secrets: readonly string[];
    publicUrl: string;
  },
): Promise<UpdateDetail | null> {
  if (!/^\d{1,18}$/u.test(input.updateId)) return null;
  const row = await findUpdate(db, input.updateId);
  if (!row || campaignOfRow(row).id !== input.campaign.id || campaignOfRow(row).kind !== input.campaign.kind) return null;
  const [view] = (await campaignUpdates(db, input.campaign, input.lng)).filter((v) => v.id === row.id);
  const texts = await textsOf(db, row.id);
  const audienceSize = await sizeOf(db, row, input.secrets);
  const previews = Object.entries(texts).map(([lng, text]) => {
    const mail = renderMail(
      "campaign-update",
      {
        lng,
        publicUrl: input.publicUrl,
        unsubscribeUrl: `${input.publicUrl}/unsubscribe/…`,
        signingSecrets: input.secrets,
      },
      {
        updateId: row.id,
        kind: personKindOf(row.audience),
        personId: "0",
        subject: text.subject,
        body: text.body,
        campaignPath: pathOf(row),
        test: false,
      },
    );
    return {
      lng,
      subject: mail.subject,
      text: mail.text,
      html: renderPetitionMarkdown(text.body),
    };
  });
  return {
    ...(view ?? (await viewOf(db, row, input.lng))),
    texts,
    audienceSize,
    previews,
  };
}

async function viewOf(db: Kysely<Database>, row: UpdateRow, lng: string): Promise<UpdateView> {
  const campaign = campaignOfRow(row);
  const views = await campaignUpdates(
    db,
    {
      ...campaign,
      slug: row.campaign_slug,
      defaultLanguage: row.default_language as Language,
      path: pathOf(row),
    },
    lng,
  );
  return views.find((v) => v.id === row.id)!;
}

async function sizeOf(db: Kysely<Database>, row: UpdateRow, secrets: readonly string[]): Promise<{ count: number; exact: boolean }> {
  const count = await countAudience(db, row);
  if (count > EXACT_SIZE_LIMIT) return { count, exact: false };
  const people = await audienceAddresses(db, row, EXACT_SIZE_LIMIT);
  const suppressed = await suppressedAmong(db, [...new Set(people.map((p) => p.email))], secrets);
  return {
    count: people.filter((p) => !suppressed.has(p.email)).length,
    exact: true,
  };
}

export type ComposeResult =
  | { ok: true; updateId: string }
  | {
      ok: false;
      errors: Partial<Record<UpdateField | "form", string>>;
      values: UpdateFormValues;
    };

/** Writes a new draft (or changes one still draft or scheduled): one transaction with its audit line. */
export async function saveUpdateDraft(
  db: Kysely<Database>,
  input: {
    campaign: UpdateCampaign;
    updateId: string | null;
    form: { get(name: string): unknown };
    actor: Actor;
  },
): Promise<ComposeResult> {
  const values = readUpdateValues(input.form);
  const checked = validateUpdate(values, input.campaign.kind);
  if (!checked.ok) return { ok: false, errors: checked.errors, values };
  const u = checked.update;
  if (u.country !== null) {
    const known = await db.selectFrom("countries").select("code3").where("code3", "=", u.country).executeTakeFirst();
    if (!known) return { ok: false, errors: { country: "errors.country" }, values };
  }
  return db.transaction().execute(async (trx) => {
    let id = input.updateId;
    if (id === null) {
      id = await insertUpdate(trx, {
        petitionId: input.campaign.kind === "petition" ? input.campaign.id : null,
        letterCampaignId: input.campaign.kind === "letter" ? input.campaign.id : null,
        audience: u.audience,
        country: u.country,
        language: u.language,
        since: u.since,
        defaultLanguage: u.defaultLanguage,
        public: u.public,
        actor: input.actor,
      });
    } else {
      const row = await findUpdate(trx, id, true);
      if (!row || campaignOfRow(row).id !== input.campaign.id || !mayDo(row.status, "edit"))
        return {
          ok: false as const,
          errors: { form: "errors.notEditable" },
          values,
        };
      await trx
        .updateTable("campaign_updates")
        .set({
          audience: u.audience,
          filter_country: u.country,
          filter_language: u.language,
          filter_since: u.since,
          default_language: u.defaultLanguage,
          public: u.public,
          updated_at: new Date(),
        })
        .where("id", "=", id)
        .execute();
    }
    await writeUpdateTexts(
      trx,
      id,
      Object.entries(u.texts).map(([language, t]) => ({
        language,
        subject: t.subject,
        body: t.body,
      })),
    );
    await recordAudit(trx, {
      actor: input.actor,
      action: input.updateId === null ? "update.create" : "update.edit",
      subject: `update:${id}`,
      details: {
        campaign: `${input.campaign.kind}:${input.campaign.slug}`,
        audience: u.audience,
        languages: Object.keys(u.texts),
        public: u.public,
      },
    });
    return { ok: true as const, updateId: id };
  });
}

export type UpdateActionResult =
  | { ok: true; status: UpdateStatus; enqueued?: number; takenBack?: number }
  | {
      ok: false;
      reason: "not_found" | "not_allowed" | "send_at_missing" | "send_at_past" | "send_at_far";
    };

async function lockedUpdateOf(trx: Kysely<Database>, campaign: UpdateCampaign, updateId: string) {
  if (!/^\d{1,18}$/u.test(updateId)) return null;
  const row = await findUpdate(trx, updateId, true);
  if (!row || campaignOfRow(row).id !== campaign.id || campaignOfRow(row).kind !== campaign.kind) return null;
  return row;
}


type Refused = { ok: false; reason: "not_found" | "not_allowed" };

/** One organizer action on one update: a transaction that locks it, checks the action is allowed in its state, then runs `act`. */
function onLockedUpdate<T>(
  db: Kysely<Database>,
  target: { campaign: UpdateCampaign; updateId: string; action: UpdateAction },
  act: (trx: Transaction<Database>, row: NonNullable<Awaited<ReturnType<typeof lockedUpdateOf>>>) => Promise<T>,
): Promise<T | Refused> {
  return db.transaction().execute(async (trx) => {
    const row = await lockedUpdateOf(trx, target.campaign, target.updateId);
    if (!row) return { ok: false as const, reason: "not_found" as const };
    if (!mayDo(row.status, target.action)) return { ok: false as const, reason: "not_allowed" as const };
    return act(trx, row);
  });
}

/**
 * Send now, or at a time: one transaction (the state and its audit line). Sending now then
 * enqueues the first batches, each its own short transaction; the update job finishes the rest.
 */
export async function sendUpdate(
  db: Kysely<Database>,
  input: {
    campaign: UpdateCampaign;
    updateId: string;
    at: string | null;
    actor: Actor;
    now: Date;
  },
  sending: UpdateSending,
): Promise<UpdateActionResult> {
  const sendAt = input.at === null || input.at === "" ? null : parseFormTime(input.at);
  const scheduling = input.at !== null && input.at !== "";
  if (scheduling) {
    const check = checkSendAt(sendAt, input.now);
    if (check !== "ok") return { ok: false, reason: `send_at_${check}` };
  }
  const decided = await onLockedUpdate(db, { ...input, action: scheduling ? "schedule" : "send" }, async (trx, row) => {
    const status: UpdateStatus = scheduling ? "scheduled" : "sending";
    await setUpdateStatus(trx, row.id, ["draft", "scheduled"], {
      status,
      sendAt: scheduling ? sendAt : row.send_at === null ? null : undefined,
      sentBy: input.actor.email,
      now: input.now,
    });
    await recordAudit(trx, {
      actor: input.actor,
      action: scheduling ? "update.schedule" : "update.send",
      subject: `update:${row.id}`,
      details: {
        campaign: `${input.campaign.kind}:${input.campaign.slug}`,
        audience: row.audience,
        ...(scheduling ? { sendAt: sendAt!.toISOString() } : {}),
      },
    });
    return { ok: true as const, status };
  });
  if (!decided.ok || decided.status !== "sending") return decided;
  const run = await continueUpdate(db, input.updateId, sending);
  return {
    ok: true,
    status: run.finished ? "sent" : "sending",
    enqueued: run.enqueued,
  };
}

/** Cancel: nothing more is enqueued, and mails of it no worker has taken yet are taken back. One transaction with its audit line. */
export async function cancelUpdate(
  db: Kysely<Database>,
  input: { campaign: UpdateCampaign; updateId: string; actor: Actor; now: Date },
): Promise<UpdateActionResult> {
  return onLockedUpdate(db, { ...input, action: "cancel" }, async (trx, row) => {
    await setUpdateStatus(trx, row.id, ["scheduled", "sending"], {
      status: "cancelled",
      now: input.now,
    });
    const takenBack = await dropQueuedUpdateMails(trx, row.id);
    await recordAudit(trx, {
      actor: input.actor,
      action: "update.cancel",
      subject: `update:${row.id}`,
      details: { was: row.status, enqueued: row.enqueued, takenBack },
    });
    return { ok: true as const, status: "cancelled" as const, takenBack };
  });
}

/** A test to the signed-in organizer: every language written, marked as a test, first in the queue. */
export async function sendUpdateTest(
  db: Kysely<Database>,
  input: { campaign: UpdateCampaign; updateId: string; actor: Actor; now: Date },
): Promise<UpdateActionResult> {
  return onLockedUpdate(db, { ...input, action: "test" }, async (trx, row) => {
    const texts = await textsOf(trx, row.id);
    for (const [lng, text] of Object.entries(texts)) {
      await enqueueMail(trx, {
        recipient: input.actor.email,
        template: "campaign-update",
        language: lng,
        idempotencyKey: `campaign-update-test:${row.id}:${lng}:${input.now.getTime()}`,
        templateData: {
          updateId: row.id,
          kind: personKindOf(row.audience),
          personId: "0",
          subject: text.subject,
          body: text.body,
          campaignPath: pathOf(row),
          test: true,
        },
      });
    }
    await recordAudit(trx, {
      actor: input.actor,
      action: "update.test",
      subject: `update:${row.id}`,
      details: { languages: Object.keys(texts) },
    });
    return { ok: true as const, status: row.status };
  });
}

/**
 * Enqueues the next batches of an update being sent: each batch locks the update, takes the
 * next people of its audience by row id after the watermark, leaves out addresses on the
 * do-not-mail list, and adds one mail per person with `INSERT … SELECT`. Safe to run twice or
 * side by side: the lock orders them, the outbox's unique key adds nothing twice, and a process
 * that dies mid-batch leaves the watermark where the last committed batch put it.
 */
export async function continueUpdate(db: Kysely<Database>, updateId: string, sending: UpdateSending): Promise<{ enqueued: number; finished: boolean }> {
  const batchSize = sending.batchSize ?? UPDATE_BATCH_SIZE;
  const maxBatches = sending.maxBatches ?? 20;
  let enqueued = 0;
  let texts: Record<string, { subject: string; body: string }> | null = null;
  for (let batch = 0; batch < maxBatches; batch++) {
    const step = await db.transaction().execute(async (trx) => {
      const row = await findUpdate(trx, updateId, true);
      if (!row || row.status !== "sending") return { enqueued: 0, finished: true };
      texts ??= await textsOf(trx, row.id);
      const people = await nextAudience(trx, row, row.last_person_id, batchSize);
      const suppressed = await suppressedAmong(trx, [...new Set(people.map((p) => p.email))], sending.secrets);
      const excluded = people.filter((p) => suppressed.has(p.email)).map((p) => p.id);
      const last = people.at(-1)?.id ?? row.last_person_id;
      const added =
        people.length === 0
          ? 0
          : await enqueueUpdateMails(trx, row, {
              afterId: row.last_person_id,
              upToId: last,
              excluded,
              texts,
              campaignPath: pathOf(row),
            });
      const finished = isLastBatch(people.length, batchSize);
      await noteUpdateBatch(trx, row.id, {
        lastPersonId: last,
        enqueued: added,
        finished,
      });
      return { enqueued: added, finished };
    });
    enqueued += step.enqueued;
    if (step.finished) return { enqueued, finished: true };
  }
  return { enqueued, finished: false };
}

/** Starts scheduled updates whose time has come, and carries on with those being sent. */
export async function sendDueUpdates(db: Kysely<Database>, sending: UpdateSending, now = new Date()): Promise<number> {
  let enqueued = 0;
  for (const open of await openUpdates(db, now, 20)) {
    if (open.status === "scheduled") {
      const started = await db.transaction().execute(async (trx) => {
        const row = await findUpdate(trx, open.id, true);
        if (!row || row.status !== "scheduled" || row.send_at === null || new Date(row.send_at) > now) return false;
        return setUpdateStatus(trx, row.id, ["scheduled"], {
          status: "sending",
          sentBy: row.sent_by_email ?? row.created_by_email,
          now,
        });
      });
      if (!started) continue;
    }
    enqueued += (await continueUpdate(db, open.id, sending)).enqueued;
  }
  return enqueued;
}

/** The update job of every web process and worker: safe side by side (each batch locks its update). */
export function startUpdateJob(db: Kysely<Database>, sending: UpdateSending, intervalMs = 15_000): RunningJob {
  return startPeriodicJob("updates", intervalMs, () => sendDueUpdates(db, sending));
}

export type UpdateUnsubscribeView = { kind: "invalid" } | { kind: "found"; email: string; campaignPath: string; active: boolean };

async function personOf(db: Kysely<Database>, r: UpdateRecipient) {
  if (r.kind === "s") {
    const s = await db.selectFrom("signatures").select(["email", "petition_id", "email_key", "mail_consent"]).where("id", "=", r.personId).executeTakeFirst();
    return s ? { email: s.email, active: s.mail_consent } : null;
  }
  if (r.kind === "l") {
    const l = await db.selectFrom("letters").select(["sender_email", "mail_consent"]).where("id", "=", r.personId).executeTakeFirst();
    return l ? { email: l.sender_email, active: l.mail_consent } : null;
  }
  const f = await db.selectFrom("country_follows").select(["email", "status"]).where("id", "=", r.personId).executeTakeFirst();
  return f ? { email: f.email, active: f.status === "confirmed" } : null;
}

/** What the page of an update's unsubscribe link shows (a GET changes nothing: scanners follow links). */
export async function inspectUpdateUnsubscribe(db: Kysely<Database>, token: string, secrets: readonly string[]): Promise<UpdateUnsubscribeView> {
  const recipient = updateRecipientFromToken(token, secrets);
  if (!recipient) return { kind: "invalid" };
  const update = await findUpdate(db, recipient.updateId);
  const person = await personOf(db, recipient);
  if (!update || !person) return { kind: "invalid" };
  return {
    kind: "found",
    email: person.email,
    campaignPath: pathOf(update),
    active: person.active,
  };
}

/**
 * Stops a campaign's news for the person an update went to: the consent box of every one of their
 * signatures (or letters) of that campaign is cleared, or their follow ends; "everything" also
 * puts the address on the do-not-mail list. Counted once for the update it came through.
 */
export async function unsubscribeThroughUpdate(
  db: Kysely<Database>,
  token: string,
  scope: UpdateUnsubscribeScope,
  ctx: { secrets: readonly string[]; now: Date },
): Promise<{ kind: "invalid" } | { kind: "done" }> {
  const recipient = updateRecipientFromToken(token, ctx.secrets);
  if (!recipient) return { kind: "invalid" };
  return db.transaction().execute(async (trx) => {
    const update = await findUpdate(trx, recipient.updateId, true);
    if (!update) return { kind: "invalid" as const };
    let email: string | null = null;
    let changed = 0;
    if (recipient.kind === "s") {
      const s = await trx.selectFrom("signatures").select(["email", "email_key", "petition_id"]).where("id", "=", recipient.personId).executeTakeFirst();
      if (!s) return { kind: "invalid" as const };
      email = s.email;
      const r = await trx
        .updateTable("signatures")
        .set({ mail_consent: false })
        .where("petition_id", "=", s.petition_id)
        .where("email_key", "=", s.email_key)
        .where("mail_consent", "=", true)
        .executeTakeFirst();
      changed = Number(r.numUpdatedRows);
    } else if (recipient.kind === "l") {
      const l = await trx.selectFrom("letters").select(["sender_email", "sender_key", "campaign_id"]).where("id", "=", recipient.personId).executeTakeFirst();
      if (!l) return { kind: "invalid" as const };
      email = l.sender_email;
      const r = await trx
        .updateTable("letters")
        .set({ mail_consent: false })
        .where("campaign_id", "=", l.campaign_id)
        .where((eb) => (l.sender_key ? eb("sender_key", "=", l.sender_key) : eb(eb.fn("lower", ["sender_email"]), "=", l.sender_email.toLowerCase())))
        .where("mail_consent", "=", true)
        .executeTakeFirst();
      changed = Number(r.numUpdatedRows);
    } else {
      const f = await trx.selectFrom("country_follows").select(["email"]).where("id", "=", recipient.personId).executeTakeFirst();
      if (!f) return { kind: "invalid" as const };
      email = f.email;
      const r = await trx
        .updateTable("country_follows")
        .set({ status: "unsubscribed", unsubscribed_at: ctx.now })
        .where("id", "=", recipient.personId)
        .where("status", "<>", "unsubscribed")
        .executeTakeFirst();
      changed = Number(r.numUpdatedRows);
    }
    if (scope === "everything") await suppressAddress(trx, email, "unsubscribed", ctx.secrets);
    // Mails of this update not yet taken by a worker stay out too.
    await trx
      .deleteFrom("outgoing_mails")
      .where("idempotency_key", "=", `campaign-update:${update.id}:${recipient.kind}${recipient.personId}`)
      .where("status", "=", "queued")
      .execute();
    if (changed > 0) await countUnsubscribed(trx, update.id);
    return { kind: "done" as const };
  });
}

/** A petition's public updates that went out, newest first, each in the reader's language or its default. */
export async function petitionPublicUpdates(db: Kysely<Database>, petitionId: number, lng: string): Promise<PublicUpdate[]> {
  const rows = await publicPetitionUpdates(db, petitionId, 20);
  const texts = await updateTexts(
    db,
    rows.map((r) => r.id),
  );
  return rows.flatMap((row) => {
    const mine = new Map(texts.filter((t) => t.update_id === row.id).map((t) => [t.language, t]));
    const text = textFor(mine, lng, row.default_language);
    if (!text) return [];
    return [
      {
        id: row.id,
        date: new Date(row.started_at!).toISOString().slice(0, 10),
        lng: text.language,
        subject: text.subject,
        html: renderPetitionMarkdown(text.body_markdown),
      },
    ];
  });
}
