/**
 * What the verify page says for each outcome of the verifier: translation keys of the
 * `transparency` namespace, one per failure code, receipt problem and removal reason. The records
 * are exhaustive by type, so a new code cannot go without its message.
 */
import type { ReceiptProblem } from "./receipt";
import type { RemovalReason } from "./log-entry";
import type { VerifyFailureCode, VerifyProgress } from "./verify";

export const FAILURE_KEYS: Record<VerifyFailureCode, string> = {
  bad_petition_url: "transparency:failure.bad_petition_url",
  no_petition: "transparency:failure.no_petition",
  no_checkpoint: "transparency:failure.no_checkpoint",
  http_error: "transparency:failure.http_error",
  bad_response: "transparency:failure.bad_response",
  no_key: "transparency:failure.no_key",
  checkpoint_invalid: "transparency:failure.checkpoint_invalid",
  checkpoint_origin: "transparency:failure.checkpoint_origin",
  checkpoint_signature: "transparency:failure.checkpoint_signature",
  checkpoint_order: "transparency:failure.checkpoint_order",
  checkpoint_conflict: "transparency:failure.checkpoint_conflict",
  entries_missing: "transparency:failure.entries_missing",
  entry_invalid: "transparency:failure.entry_invalid",
  removal_invalid: "transparency:failure.removal_invalid",
  root_mismatch: "transparency:failure.root_mismatch",
  counts_mismatch: "transparency:failure.counts_mismatch",
  consistency_invalid: "transparency:failure.consistency_invalid",
  receipt_petition: "transparency:failure.receipt_petition",
  receipt_not_in_log: "transparency:failure.receipt_not_in_log",
  receipt_entry_mismatch: "transparency:failure.receipt_entry_mismatch",
  inclusion_invalid: "transparency:failure.inclusion_invalid",
};

/** Each malformed receipt names the field at fault. */
export const RECEIPT_PROBLEM_KEYS: Record<ReceiptProblem, string> = {
  not_json: "transparency:receipt.problem.not_json",
  not_an_object: "transparency:receipt.problem.not_an_object",
  unknown_field: "transparency:receipt.problem.unknown_field",
  bad_version: "transparency:receipt.problem.bad_version",
  bad_petition: "transparency:receipt.problem.bad_petition",
  bad_index: "transparency:receipt.problem.bad_index",
  bad_signature_id: "transparency:receipt.problem.bad_signature_id",
  bad_secret: "transparency:receipt.problem.bad_secret",
  commitment_mismatch: "transparency:receipt.problem.commitment_mismatch",
};

export const REMOVAL_REASON_KEYS: Record<RemovalReason, string> = {
  withdrawn: "transparency:reason.withdrawn",
  "invalidated:moderation": "transparency:reason.moderation",
  "invalidated:trending-review": "transparency:reason.trending_review",
  "invalidated:duplicate": "transparency:reason.duplicate",
};

export const PROGRESS_KEYS: Record<VerifyProgress["stage"], string> = {
  keys: "transparency:progress.keys",
  checkpoints: "transparency:progress.checkpoints",
  entries: "transparency:progress.entries",
  consistency: "transparency:progress.consistency",
  receipt: "transparency:progress.receipt",
};
