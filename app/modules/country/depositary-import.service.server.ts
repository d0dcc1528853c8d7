/**
 * Importing the participant table of the treaty's page in the UN Treaty Collection: a preview
 * (what would change, nothing written) and the import itself (one transaction that reads the
 * table and compares it with the facts on record again, then writes through `writeTreatyFacts`
 * like every other change of a fact). ADR 0027.
 */
import { createHash } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { recordAudit } from "../audit/audit.repo.server";
import { diffDepositaryTable, factsToWrite, type DepositaryDiff, type HeldDepositaryFact } from "./depositary-diff";
import { parseDepositaryTable, type DepositaryFormat, type DepositaryParticipant, type DepositaryTableError } from "./depositary-table";
import { writeTreatyFacts, type TreatyFactInput } from "./fact-write.server";
import { CONSENT_KINDS } from "./treaty-facts";
import { findTreatyOnRecord, listParticipants } from "./treaty-standing.server";

type Db = Kysely<Database> | Transaction<Database>;
type Actor = { id: number; email: string };

/** The audit action of an import; its details are the import's report. */
export const DEPOSITARY_IMPORT_AUDIT_ACTION = "facts.depositary_import";
/** A participant table of every state of the world, as HTML, is well below this. */
export const MAX_INPUT_CHARS = 1_000_000;
export const IMPORT_FORMATS = ["auto", "text", "html", "csv"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface DepositaryImportRequest {
  treatySlug: string;
  /** The table as pasted. */
  input: string;
  /** `auto` or absent: guessed from the input. */
  format?: ImportFormat | string;
  sourceUrl: string;
  /** The day the table was read on the depositary's page (ISO). */
  asOf: string;
  /** The day the rules judge statuses on; an as-of date after it is refused. */
  today: string;
}

export type ImportField = "input" | "format" | "sourceUrl" | "asOf";
/** Error codes are translation keys of the `organize` namespace. */
export type ImportErrors = Partial<Record<ImportField, string>>;

export type ImportRefusal = {
  ok: false;
  reason: "invalid";
  errors: ImportErrors;
  /** Every problem of a malformed table, with its line: nothing is read from it. */
  tableErrors: DepositaryTableError[];
};

export interface DepositaryImportPreview {
  ok: true;
  format: DepositaryFormat;
  /** How many participants the table names. */
  participants: number;
  diff: DepositaryDiff;
  /** The alpha-2 code of every country the diff names (for its name in the reader's language). */
  code2: Record<string, string>;
  sourceUrl: string;
  asOf: string;
  /** The last depositary check before this one; null: never. */
  lastCheckedOn: string | null;
  /** The as-of date the treaty will have after the import: never earlier than the last check. */
  checkedOnAfter: string;
  /** No fact to add, correct or confirm (facts no longer in the table are only removed when ticked). */
  nothingToWrite: boolean;
  /** What this preview was made of: posted back with the import to detect a change since. */
  token: string;
}

export interface DepositaryImportReport {
  asOf: string;
  sourceUrl: string;
  format: DepositaryFormat;
  participants: number;
  added: number;
  changedDates: number;
  confirmed: number;
  removed: number;
  /** Facts no longer in the table that the organizer kept. */
  kept: number;
  unchanged: number;
  unmatched: { line: number; name: string; code3: string | null }[];
  statusChanges: { code3: string; from: string; to: string }[];
  checkedOn: string;
  /** Nothing was added, corrected, confirmed or removed. */
  nothingChanged: boolean;
}

export type DepositaryImportApplied = { ok: true; auditId: number; report: DepositaryImportReport };
/** The table or the facts on record changed since the preview: here is the new one, nothing was written. */
export type DepositaryImportStale = { ok: false; reason: "stale"; preview: DepositaryImportPreview };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/u;
const isDay = (value: string) => ISO_DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** The UN Treaty Collection, the depositary's own record: the only source a `depositary` fact may cite. */
export function isDepositarySource(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && (url.hostname === "treaties.un.org" || url.hostname === "www.treaties.un.org") && !/\s/u.test(value);
  } catch {
    return false;
  }
}

/** The form's fields checked and the table read: problems by field, or the participants. Pure. */
export function readImportRequest(
  request: Omit<DepositaryImportRequest, "treatySlug">,
): { ok: true; format: DepositaryFormat; participants: DepositaryParticipant[]; sourceUrl: string; asOf: string } | ImportRefusal {
  const errors: ImportErrors = {};
  const sourceUrl = request.sourceUrl.trim();
  if (sourceUrl === "") errors.sourceUrl = "depositaryImport.errors.sourceRequired";
  else if (!isDepositarySource(sourceUrl)) errors.sourceUrl = "depositaryImport.errors.sourceNotDepositary";
  const asOf = request.asOf.trim();
  if (!isDay(asOf)) errors.asOf = "depositaryImport.errors.asOf";
  else if (asOf > request.today) errors.asOf = "depositaryImport.errors.asOfFuture";
  const format = request.format === undefined || request.format === "" ? "auto" : request.format;
  if (!(IMPORT_FORMATS as readonly string[]).includes(format)) errors.format = "depositaryImport.errors.format";
  let tableErrors: DepositaryTableError[] = [];
  let parsed: { format: DepositaryFormat; participants: DepositaryParticipant[] } | null = null;
  if (request.input.trim() === "") errors.input = "depositaryImport.errors.inputRequired";
  else if (request.input.length > MAX_INPUT_CHARS) errors.input = "depositaryImport.errors.inputTooLong";
  else if (!errors.format) {
    const result = parseDepositaryTable(request.input, format === "auto" ? undefined : (format as DepositaryFormat));
    if (result.ok) parsed = result;
    else {
      tableErrors = result.errors;
      errors.input = "depositaryImport.errors.table";
    }
  }
  if (Object.keys(errors).length > 0 || !parsed) return { ok: false, reason: "invalid", errors, tableErrors };
  return { ok: true, format: parsed.format, participants: parsed.participants, sourceUrl, asOf };
}

const DEPOSITARY_KINDS: readonly string[] = ["signature", ...CONSENT_KINDS];

/** What the treaty's participant table is compared with: signatures and instruments, with their id and confidence. */
async function heldFacts(db: Db, treatyId: number): Promise<{ held: HeldDepositaryFact[]; known: Set<string> }> {
  const participants = await listParticipants(db, treatyId);
  const held: HeldDepositaryFact[] = [];
  for (const [code3, participant] of participants) {
    for (const fact of participant.facts) {
      if (DEPOSITARY_KINDS.includes(fact.kind)) held.push({ id: fact.id, code3, kind: fact.kind as HeldDepositaryFact["kind"], date: fact.date, confidence: fact.confidence });
    }
  }
  return { held, known: new Set(participants.keys()) };
}

/** A digest of what the organizer is shown: the request and every change with the fact it changes. */
function previewToken(read: { format: DepositaryFormat; sourceUrl: string; asOf: string }, input: string, diff: DepositaryDiff): string {
  const held = (h: HeldDepositaryFact) => [h.id ?? null, h.date, h.confidence ?? null];
  const essence = {
    input,
    format: read.format,
    sourceUrl: read.sourceUrl,
    asOf: read.asOf,
    added: diff.newFacts.map((f) => [f.code3, f.kind, f.date]),
    changed: diff.changedDates.map((f) => [f.code3, f.kind, f.date, held(f.held)]),
    confirmed: diff.confidenceUpgrades.map((f) => [f.code3, f.kind, f.date, held(f.held)]),
    gone: diff.noLongerInTable.map((h) => [h.code3, h.kind, ...held(h)]),
  };
  return createHash("sha256").update(JSON.stringify(essence)).digest("hex").slice(0, 32);
}

/** The alpha-2 code of each country named (for its name in the reader's language); unknown codes are left out. */
export async function countryCode2s(db: Db, code3s: readonly string[]): Promise<Record<string, string>> {
  if (code3s.length === 0) return {};
  const rows = await db.selectFrom("countries").select(["code3", "code2"]).where("code3", "in", [...new Set(code3s)]).execute();
  return Object.fromEntries(rows.map((r) => [r.code3, r.code2]));
}

const code2Of = (db: Db, diff: DepositaryDiff) =>
  countryCode2s(db, [...[...diff.newFacts, ...diff.changedDates, ...diff.confidenceUpgrades, ...diff.noLongerInTable].map((f) => f.code3), ...diff.unmatched.flatMap((u) => (u.code3 ? [u.code3] : []))]);

async function previewIn(db: Db, request: DepositaryImportRequest, read: Extract<ReturnType<typeof readImportRequest>, { ok: true }>): Promise<DepositaryImportPreview> {
  const treaty = await findTreatyOnRecord(db, request.treatySlug);
  const { held, known } = await heldFacts(db, treaty.id);
  const diff = diffDepositaryTable(read.participants, held, known);
  const lastCheckedOn = treaty.depositaryCheckedOn;
  return {
    ok: true,
    format: read.format,
    participants: read.participants.length,
    diff,
    code2: await code2Of(db, diff),
    sourceUrl: read.sourceUrl,
    asOf: read.asOf,
    lastCheckedOn,
    checkedOnAfter: lastCheckedOn !== null && lastCheckedOn > read.asOf ? lastCheckedOn : read.asOf,
    nothingToWrite: factsToWrite(diff).length === 0,
    token: previewToken(read, request.input, diff),
  };
}

/** What importing the table would change; nothing is written. A malformed table or a refused field: the problems only. */
export async function previewDepositaryImport(db: Kysely<Database>, request: DepositaryImportRequest): Promise<DepositaryImportPreview | ImportRefusal> {
  const read = readImportRequest(request);
  if (!read.ok) return read;
  return previewIn(db, request, read);
}

/** Footnote numbers point to the depositary's notes (declarations, reservations, territorial application). */
function notesOf(fact: { nameFootnotes: string[]; footnotes: string[] }): string {
  const numbers = [...new Set([...fact.nameFootnotes, ...fact.footnotes])];
  return numbers.length > 0 ? `Footnotes ${numbers.join(", ")} of the depositary's table.` : "";
}

/**
 * Imports the table in one transaction: read and compared again inside it (never a diff posted
 * back), each new, corrected or confirmed fact written with the source and the depositary's
 * confidence, the facts no longer in the table removed only when named in `removeFactIds`, the
 * treaty's depositary check moved to `asOf` (never backwards), and one audit entry with the
 * counts. `expectedToken` is the preview's: when the table or the facts on record changed since,
 * nothing is written and the new preview is returned.
 */
export async function applyDepositaryImport(
  db: Kysely<Database>,
  request: DepositaryImportRequest & { actor: Actor; removeFactIds?: readonly number[]; expectedToken?: string },
): Promise<DepositaryImportApplied | DepositaryImportStale | ImportRefusal> {
  const read = readImportRequest(request);
  if (!read.ok) return read;
  return db.transaction().execute(async (trx) => {
    // One import of a treaty at a time: the second waits, then compares with what the first wrote.
    await trx.selectFrom("treaties").select("id").where("slug", "=", request.treatySlug).forUpdate().executeTakeFirst();
    const preview = await previewIn(trx, request, read);
    const { diff } = preview;
    const removable = new Map(diff.noLongerInTable.map((h) => [h.id, h]));
    const removeFactIds = [...new Set(request.removeFactIds ?? [])];
    if ((request.expectedToken !== undefined && request.expectedToken !== preview.token) || removeFactIds.some((id) => !removable.has(id))) {
      return { ok: false, reason: "stale", preview } satisfies DepositaryImportStale;
    }

    const byLine = new Map(read.participants.map((p) => [p.line, p]));
    const facts: TreatyFactInput[] = factsToWrite(diff).map((fact) => ({
      code3: fact.code3,
      kind: fact.kind,
      actedOn: fact.date,
      sourceUrl: read.sourceUrl,
      notes: notesOf({ nameFootnotes: byLine.get(fact.line)?.nameFootnotes ?? [], footnotes: fact.footnotes }),
      confidence: "depositary",
    }));
    const written =
      facts.length > 0 || removeFactIds.length > 0
        ? await writeTreatyFacts(trx, { treatySlug: request.treatySlug, facts, removeFactIds, actor: request.actor, cause: "import", today: request.today })
        : { written: 0, unchanged: 0, removed: 0, statusChanges: [] };

    await trx.updateTable("treaties").set({ depositary_checked_on: preview.checkedOnAfter }).where("slug", "=", request.treatySlug).execute();

    const report: DepositaryImportReport = {
      asOf: read.asOf,
      sourceUrl: read.sourceUrl,
      format: read.format,
      participants: read.participants.length,
      added: diff.newFacts.length,
      changedDates: diff.changedDates.length,
      confirmed: diff.confidenceUpgrades.length,
      removed: written.removed,
      kept: diff.noLongerInTable.length - written.removed,
      unchanged: diff.unchanged,
      unmatched: diff.unmatched,
      statusChanges: written.statusChanges.map(({ code3, from, to }) => ({ code3, from, to })),
      checkedOn: preview.checkedOnAfter,
      nothingChanged: written.written === 0 && written.removed === 0,
    };
    await recordAudit(trx, { actor: request.actor, action: DEPOSITARY_IMPORT_AUDIT_ACTION, subject: request.treatySlug, details: { ...report } });
    const audit = await trx
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", DEPOSITARY_IMPORT_AUDIT_ACTION)
      .where("actor_email", "=", request.actor.email)
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    return { ok: true, auditId: Number(audit.id), report } satisfies DepositaryImportApplied;
  });
}

/** The form's starting values: the treaty's page in the UN Treaty Collection and its last check. */
export async function depositaryImportDefaults(db: Kysely<Database>, treatySlug: string): Promise<{ sourceUrl: string; lastCheckedOn: string | null }> {
  const row = await db.selectFrom("treaties").select(["source_url", "depositary_checked_on"]).where("slug", "=", treatySlug).executeTakeFirst();
  if (!row) throw new Error(`Treaty ${treatySlug} is not in the database: run npm run db:seed`);
  return { sourceUrl: isDepositarySource(row.source_url) ? row.source_url : "", lastCheckedOn: row.depositary_checked_on };
}

/** The report of one import, by its audit entry; null for any other entry. */
export async function depositaryImportReport(db: Kysely<Database>, auditId: number): Promise<(DepositaryImportReport & { actorEmail: string; at: Date }) | null> {
  if (!Number.isSafeInteger(auditId) || auditId <= 0) return null;
  const row = await db
    .selectFrom("audit_log")
    .select(["details", "actor_email", "created_at"])
    .where("id", "=", String(auditId))
    .where("action", "=", DEPOSITARY_IMPORT_AUDIT_ACTION)
    .executeTakeFirst();
  if (!row) return null;
  return { ...(row.details as unknown as DepositaryImportReport), actorEmail: row.actor_email, at: new Date(row.created_at) };
}
