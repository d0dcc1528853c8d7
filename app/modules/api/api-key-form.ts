import type { ApiScope } from "../../../db/schema";
import { parseScopes } from "./api-scopes";

/** The organizer form for a new key, read and checked; messages are keys in the `organizeApi` namespace. */
export interface KeyFormError {
  field: "label" | "partner" | "scopes";
}

export type KeyFormResult =
  | { ok: true; key: { label: string; partnerId: number | null; scopes: ApiScope[] } }
  | { ok: false; errors: Partial<Record<KeyFormError["field"], string>>; values: { label: string; partner: string; scopes: string[] } };

const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;

export function readKeyForm(form: { get(name: string): unknown; getAll(name: string): unknown[] }, partnerIds: ReadonlySet<number>): KeyFormResult {
  const text = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : "");
  const values = { label: text("label"), partner: text("partner"), scopes: form.getAll("scopes").filter((s): s is string => typeof s === "string") };
  const errors: Partial<Record<KeyFormError["field"], string>> = {};
  const label = values.label.normalize("NFC").trim();
  if (label === "") errors.label = "keys.errors.labelRequired";
  else if (label.length > 100 || CONTROL.test(label)) errors.label = "keys.errors.labelInvalid";
  let partnerId: number | null = null;
  if (values.partner !== "") {
    partnerId = /^\d{1,9}$/u.test(values.partner) ? Number(values.partner) : NaN;
    if (!partnerIds.has(partnerId)) errors.partner = "keys.errors.partnerUnknown";
  }
  const scopes = parseScopes(values.scopes);
  if (!scopes.ok) errors.scopes = "keys.errors.scopesRequired";
  if (Object.keys(errors).length > 0 || !scopes.ok) return { ok: false, errors, values };
  return { ok: true, key: { label, partnerId, scopes: scopes.scopes } };
}
