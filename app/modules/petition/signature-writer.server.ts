import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { isDatabaseUnavailable } from "../../../db/unavailable";
import { GroupCommit } from "../../lib/group-commit";
import { logError } from "../../lib/safe-log.server";
import { insertFirstSignature, type FirstSignature, type FirstSignatureResult } from "./petition.repo.server";
import { insertSignatureBatch } from "./signature-batch.repo.server";

type SignatureWriter = GroupCommit<FirstSignature, FirstSignatureResult>;

/** One writer per database handle (per process, and per test database). */
const writers = new WeakMap<Kysely<Database>, SignatureWriter>();

/**
 * Writes a signature together with the others of this process that arrive
 * while a statement is in flight (group commit, ADR 0044): one round trip and
 * one commit for up to `batchMax` signers instead of one each. The answer
 * comes once the signature's batch has committed, and is the one
 * `insertFirstSignature` would give had the batch's members run one after the
 * other. Two signatures of one person never share a batch. A batch that fails
 * for any reason but an unreachable database is written again one signature
 * at a time, so one bad row fails only its own request.
 */
export function writeSignature(db: Kysely<Database>, signature: FirstSignature, batchMax: number): Promise<FirstSignatureResult> {
  let writer = writers.get(db);
  if (!writer) {
    writer = signatureWriter(db, batchMax);
    writers.set(db, writer);
  }
  return writer.write(signature);
}

/** A group-commit writer of signatures to `db` (one per process: `writeSignature` keeps it). */
export function signatureWriter(db: Kysely<Database>, batchMax: number): SignatureWriter {
  return new GroupCommit<FirstSignature, FirstSignatureResult>({
    max: batchMax,
    writeBatch: (batch) => insertSignatureBatch(db, batch),
    writeOne: (one) => insertFirstSignature(db, one),
    keyOf: (s) => `${s.petitionId}:${s.emailKey}`,
    retryAlone: (error) => !isDatabaseUnavailable(error),
    onBatchFailed: (error, size) => logError(`a batch of ${size} signatures failed and was written one by one`, error),
  });
}
