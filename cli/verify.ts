/**
 * `npm run verify -- <petition-url> [--receipt <file>] [--keep <file>]` checks a petition's
 * signature log without trusting the server: every checkpoint's signature, root and counts, the
 * consistency between checkpoints, the removal rules and, with a receipt, its inclusion.
 * `--keep <file>` remembers the checkpoints seen (a JSON list) and holds the server to them next
 * time. Ends with `verified: <count> signatures at tree size <size>` (exit 0) or the failure (exit 1).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseCheckpoint, type Checkpoint } from "../app/modules/transparency/checkpoint";
import { logEndpoints } from "../app/modules/transparency/log-api";
import { parseReceipt, type Receipt } from "../app/modules/transparency/receipt";
import { verifyLog, type VerifyProgress } from "../app/modules/transparency/verify";

const USAGE = "Usage: npm run verify -- <petition-url> [--receipt <file>] [--keep <file>]";

function exitWith(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

let parsed: ReturnType<typeof parseArgs<{ allowPositionals: true; options: { receipt: { type: "string" }; keep: { type: "string" } } }>>;
try {
  parsed = parseArgs({ allowPositionals: true, options: { receipt: { type: "string" }, keep: { type: "string" } } });
} catch (error) {
  exitWith(2, `${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
}
const [petitionUrl, ...extra] = parsed.positionals;
if (petitionUrl === undefined || extra.length > 0) exitWith(2, USAGE);
const endpoints = logEndpoints(petitionUrl);
if (endpoints === null) exitWith(2, `${petitionUrl} is not a petition's address.\n${USAGE}`);

let receipt: Receipt | undefined;
if (parsed.values.receipt !== undefined) {
  const read = parseReceipt(readFileSync(parsed.values.receipt, "utf8"));
  if (!read.ok) exitWith(1, `failed: the receipt in ${parsed.values.receipt} is not valid (${read.problem.replaceAll("_", " ")})`);
  receipt = read.receipt;
}

const keepFile = parsed.values.keep;
let known: Checkpoint[] = [];
if (keepFile !== undefined && existsSync(keepFile)) {
  const list: unknown = JSON.parse(readFileSync(keepFile, "utf8"));
  if (!Array.isArray(list)) exitWith(1, `failed: ${keepFile} is not a list of checkpoints`);
  for (const item of list) {
    const checkpoint = parseCheckpoint(item);
    if (!checkpoint.ok) exitWith(1, `failed: a checkpoint in ${keepFile} is malformed (${checkpoint.problem})`);
    if (checkpoint.checkpoint.origin === endpoints.origin) known.push(checkpoint.checkpoint);
  }
}

let lastTenth = -1;
function report(progress: VerifyProgress): void {
  switch (progress.stage) {
    case "keys":
      return console.log(`keys: ${progress.keys} published`);
    case "checkpoints":
      return console.log(`checkpoints: ${progress.checkpoints} signed and in order, latest at tree size ${progress.size}`);
    case "entries": {
      const tenth = Math.floor((progress.done / progress.total) * 10);
      if (tenth !== lastTenth || progress.done === progress.total) console.log(`entries: ${progress.done} of ${progress.total} rebuilt`);
      lastTenth = tenth;
      return;
    }
    case "consistency":
      return console.log(`consistency: size ${progress.from} → ${progress.to}`);
    case "receipt":
      return console.log(`receipt: entry ${progress.index}`);
  }
}

console.log(`verifying ${endpoints.origin}`);
const result = await verifyLog({
  petitionUrl,
  fetch: (url) => fetch(url, { headers: { accept: "application/json" } }),
  receipt,
  known,
  onProgress: report,
  hash: (data) => createHash("sha256").update(data).digest(),
});
if (!result.ok) exitWith(1, `failed: ${result.failure.code}: ${result.failure.message}`);

if (keepFile !== undefined) {
  known = [...known.filter((checkpoint) => checkpoint.size !== result.size), result.latest];
  writeFileSync(keepFile, `${JSON.stringify(known, null, 1)}\n`);
}
if (result.receipt !== null) {
  const { receipt } = result;
  console.log(
    receipt.status === "counted"
      ? `receipt: entry ${receipt.index} is in the log and counted`
      : receipt.status === "removed"
        ? `receipt: entry ${receipt.index} is in the log, removed by entry ${receipt.removedBy} (${receipt.reason})`
        : `receipt: entry ${receipt.index} came after the latest checkpoint (size ${receipt.checkpointSize}); check again after the next one`,
  );
}
console.log(`verified: ${result.counts.total} signatures at tree size ${result.size}`);
