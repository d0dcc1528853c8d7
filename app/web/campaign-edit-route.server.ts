import { data, redirect } from "@remix-run/node";
import type { PetitionStatus } from "../../db/schema";
import type { FormFields } from "../lib/form.server";
import type { EditorErrors } from "../modules/campaign/campaign-form";
import type { MoveOutcome } from "../modules/campaign/campaign-status.service.server";

export const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });

/** A refused editor POST: the messages by field, and what was typed (none for a status move). */
export function refuseEdit<V>(errors: EditorErrors, values: V | null, status: number) {
  return data({ errors, values }, { status });
}

/**
 * An editor POST that publishes or closes (`moveTo`): redirects back on
 * success, answers 409 with the reason when refused, and returns null when
 * the POST is not a status move (it saves the form instead).
 */
export async function handleStatusMove(form: FormFields, move: (to: PetitionStatus) => Promise<MoveOutcome>, back: string, transitionError: string) {
  const to = form.get("moveTo");
  if (to !== "live" && to !== "closed") return null;
  const moved = await move(to);
  if (moved === "not_found") throw notFound();
  if (moved === "not_allowed") return refuseEdit({ form: transitionError }, null, 409);
  if (typeof moved === "object") return refuseEdit({ form: moved.blocked }, null, 409);
  throw redirect(back, 303);
}
