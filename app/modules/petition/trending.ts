/**
 * Trending sources of a petition, as pure rules: what a source is, how it is
 * shown without giving away a client address, and how an organizer's
 * decision or allow-list entry is read from a form.
 */
import type { TrendingSource } from "../../../db/schema";
import type { TrendingRule } from "./signature-status";

export interface TrendingSourceRef {
  kind: TrendingSource;
  /** The email domain, or the client-address hash. */
  key: string;
}

const DOMAIN = /^(?=.{3,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/u;
const ADDRESS_HASH = /^[A-Za-z0-9_+/=-]{8,128}$/u;

/** An email domain as stored in email keys: lower case, no `@`, at least one dot. */
export function readDomain(raw: string): string | null {
  const domain = raw.trim().toLowerCase().replace(/^@/u, "").replace(/\.$/u, "");
  return DOMAIN.test(domain) ? domain : null;
}

/**
 * What organizers see for a source: the domain itself, or for a client address
 * a short label made from its hash (stable, so the same network keeps its
 * name; the address itself is never stored).
 */
export function trendingSourceLabel(source: TrendingSourceRef): string {
  return source.kind === "domain" ? source.key : `net-${source.key.replace(/[^A-Za-z0-9]/gu, "").slice(0, 8)}`;
}

export type DecisionFormError = "trending.errors.stale" | "trending.errors.note";

/** The dashboard's decision form: which source, `hold` or `count`, an optional note. */
export function readTrendingDecision(
  get: (name: string) => string | null,
): { ok: true; source: TrendingSourceRef; decision: TrendingRule; note: string } | { ok: false; error: DecisionFormError } {
  const kind = get("kind");
  const decision = get("decision");
  const rawKey = (get("key") ?? "").trim();
  const note = (get("note") ?? "").trim();
  if ((kind !== "domain" && kind !== "address") || (decision !== "hold" && decision !== "count")) return { ok: false, error: "trending.errors.stale" };
  const key = kind === "domain" ? readDomain(rawKey) : ADDRESS_HASH.test(rawKey) ? rawKey : null;
  if (key === null) return { ok: false, error: "trending.errors.stale" };
  if (note.length > 500) return { ok: false, error: "trending.errors.note" };
  return { ok: true, source: { kind, key }, decision, note };
}

export type TrustFormError = "trending.errors.domain" | "trending.errors.note" | "trending.errors.stale";

/** The allow-list form: add or remove a domain, with a note saying why. */
export function readTrustChange(
  get: (name: string) => string | null,
): { ok: true; change: "add" | "remove"; domain: string; note: string } | { ok: false; errors: Partial<Record<"domain" | "note" | "form", TrustFormError>> } {
  const change = get("change");
  if (change !== "add" && change !== "remove") return { ok: false, errors: { form: "trending.errors.stale" } };
  const domain = readDomain(get("domain") ?? "");
  const note = (get("note") ?? "").trim();
  const errors: Partial<Record<"domain" | "note", TrustFormError>> = {};
  if (domain === null) errors.domain = "trending.errors.domain";
  if (note.length > 500) errors.note = "trending.errors.note";
  if (domain === null || errors.note) return { ok: false, errors };
  return { ok: true, change, domain, note };
}
