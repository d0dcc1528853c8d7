import type { FormFields } from "../lib/form.server";
import { readPartnerValues, validatePartner, type PartnerField, type PartnerFormValues, type ValidPartner } from "../modules/partner/partner-form";
import type { LogoRefusal } from "../modules/partner/partner-logo.server";

export type PartnerFormField = PartnerField | "logo";

/** What the partner form sends back after a refusal: what was typed, and the message by each field. */
export interface PartnerFormRefusal {
  values: PartnerFormValues;
  errors: Partial<Record<PartnerFormField, string>>;
}

/** The uploaded logo's bytes (null: no file chosen). */
export async function logoUpload(form: FormFields): Promise<Uint8Array | null> {
  const file = form.get("logo");
  if (!(file instanceof File) || file.size === 0) return null;
  return new Uint8Array(await file.arrayBuffer());
}

export const logoError = (problem: LogoRefusal) => `partners.errors.${problem}`;

/** The form's fields checked: a partner to store, or the refusal to show. */
export function checkPartnerForm(form: FormFields): { ok: true; partner: ValidPartner; values: PartnerFormValues } | { ok: false; refusal: PartnerFormRefusal } {
  const values = readPartnerValues(form);
  const checked = validatePartner(values);
  return checked.ok ? { ok: true, partner: checked.partner, values } : { ok: false, refusal: { values, errors: checked.errors } };
}
