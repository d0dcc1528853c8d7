/** What an organizer may set aside in bulk: the criteria, read from a form or query. */
export interface BulkFilter {
  ipHash?: string;
  emailDomain?: string;
  country?: string;
  /** ISO days, inclusive, UTC. */
  from?: string;
  to?: string;
}

export type BulkFilterField = keyof BulkFilter | "form";

const DAY = /^\d{4}-\d{2}-\d{2}$/u;
const isDay = (v: string) => DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/**
 * Reads a bulk filter from a form or query. At least one criterion, or it
 * would reject a whole petition; messages are keys in the `organize` namespace.
 */
export function readBulkFilter(get: (name: string) => string | null): { ok: true; filter: BulkFilter } | { ok: false; errors: Partial<Record<BulkFilterField, string>> } {
  const value = (name: string) => (get(name) ?? "").trim();
  const filter: BulkFilter = {};
  const errors: Partial<Record<BulkFilterField, string>> = {};
  /** Keeps a criterion that passes `valid`, or notes the field's message. */
  const take = <K extends keyof BulkFilter>(field: K, raw: string, valid: (v: string) => boolean, message: string) => {
    if (!raw) return;
    if (valid(raw)) filter[field] = raw as BulkFilter[K];
    else errors[field] = message;
  };
  take("ipHash", value("ipHash"), (v) => /^[A-Za-z0-9_-]{8,64}$/u.test(v), "moderation.errors.ipHash");
  take("emailDomain", value("emailDomain").toLowerCase().replace(/^@/u, ""), (v) => /^[a-z0-9.-]+\.[a-z]{2,}$/u.test(v), "moderation.errors.emailDomain");
  take("country", value("country").toUpperCase(), (v) => /^[A-Z]{3}$/u.test(v), "moderation.errors.country");
  take("from", value("from"), isDay, "moderation.errors.date");
  take("to", value("to"), isDay, "moderation.errors.date");
  if (filter.from && filter.to && filter.from > filter.to) errors.to = "moderation.errors.range";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (Object.keys(filter).length === 0) return { ok: false, errors: { form: "moderation.errors.noCriterion" } };
  return { ok: true, filter };
}
