/**
 * The transparency log's core on a million entries, no database: how long the streaming builder
 * takes to hash them and give the checkpoint's root (with the isomorphic SHA-256 and with Node's),
 * with the heap sampled as it goes (flat: the builder keeps O(log n) hashes); how long the verifier's
 * replay takes (parse, encode, hash, removal rules, counts); and how long an inclusion or consistency
 * proof takes to plan and fold from stored (level, index) nodes; and the whole verifier over a
 * log served from memory.
 * Usage: `npm run bench:log-core [-- --entries 1000000 --proofs 2000 --verify-entries 200000]`.
 */
import { createHash } from "node:crypto";
import { sha256, toHex, type Sha256 } from "../app/modules/transparency/bytes";
import { LogTally } from "../app/modules/transparency/log-counts";
import { encodeEntry, parseEntryJson, type LogEntry } from "../app/modules/transparency/log-entry";
import { consistencyPlan, inclusionPlan, leafHash, planNodes, resolveProof, rootFromNodes, verifyConsistency, verifyInclusion, type NodeId } from "../app/modules/transparency/merkle";
import { MerkleTreeBuilder } from "../app/modules/transparency/merkle-builder";
import { generateLogSigningKey } from "../app/modules/transparency/checkpoint.server";
import { verifyLog } from "../app/modules/transparency/verify";
import { entriesFromSteps, serveLog, type LogStep } from "../tests/support/transparency-log";
import { arg } from "./support";

const entries = arg("entries", 1_000_000);
const proofs = arg("proofs", 2_000);
const COUNTRIES = ["FRA", "KEN", "NZL", "BRA", "IND", "EUU"];
const nodeSha: Sha256 = (data) => createHash("sha256").update(data).digest();

const entryCommitment = (i: number) => toHex(sha256(new Uint8Array([i & 255, (i >> 8) & 255, (i >> 16) & 255, i >>> 24])));

/** The i-th entry: mostly adds, a removal of an earlier add every 50th. */
function entryAt(i: number): LogEntry {
  const commitment = entryCommitment(i);
  const country = COUNTRIES[i % COUNTRIES.length]!;
  if (i % 50 === 49) {
    const removes = i - 49 + (i % 7) * 6; // an add of the same country, never removed twice
    return { kind: "remove", commitment: entryCommitment(removes), country: COUNTRIES[removes % COUNTRIES.length]!, day: "2026-11-02", removes, reason: "withdrawn" };
  }
  return { kind: "add", commitment, country, day: "2026-11-01" };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Wall and CPU seconds since a mark: on a shared machine the CPU time is the work's own cost. */
function clock(): () => string {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return `${((performance.now() - wall) / 1000).toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU`;
  };
}

function build(label: string, hash: Sha256, leaves: (i: number) => Uint8Array, onNode?: (level: number, index: number, hash: Uint8Array) => void): Uint8Array {
  const builder = new MerkleTreeBuilder({ hash });
  let peakHeap = 0;
  const startHeap = process.memoryUsage().heapUsed;
  const elapsed = clock();
  for (let i = 0; i < entries; i++) {
    for (const node of builder.push(leaves(i))) onNode?.(node.level, node.index, node.hash);
    if (i % 50_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const root = builder.root();
  console.log(`${label}: ${entries.toLocaleString("en")} entries in ${elapsed()}, heap ${mb(startHeap)} at start, ${mb(peakHeap)} at most, root ${toHex(root).slice(0, 16)}…`);
  return root;
}

// Leaf bytes are made up front in slices so the builder's own cost is what is timed.
const encoded: Uint8Array[] = Array.from({ length: Math.min(entries, 100_000) }, (_, i) => encodeEntry(entryAt(i)));
const leafOf = (hash: Sha256) => (i: number) => leafHash(encoded[i % encoded.length]!, hash);

console.log(`node ${process.version}, ${entries.toLocaleString("en")} entries`);
const rootNoble = build("builder, @noble/hashes SHA-256", sha256, leafOf(sha256));
const rootNode = build("builder, node:crypto SHA-256", nodeSha, leafOf(nodeSha));
if (toHex(rootNoble) !== toHex(rootNode)) throw new Error("the two hashes disagree");

// The verifier's replay: JSON entry → checks → bytes → leaf → tree, and the removal rules.
{
  const builder = new MerkleTreeBuilder();
  const tally = new LogTally();
  const made = Array.from({ length: Math.min(entries, 100_000) }, (_, i) => ({ index: i, ...entryAt(i) }));
  const elapsed = clock();
  for (let i = 0; i < entries; i++) {
    // Past the first block, the same entries again, shifted: removals still name an add of theirs.
    const base = i - (i % made.length);
    const template = made[i % made.length]!;
    const entry = template.kind === "add" ? { ...template, index: i } : { ...template, index: i, removes: template.removes + base };
    const parsed = parseEntryJson(entry, i);
    if (!parsed.ok) throw new Error(`entry ${i}: ${parsed.problem}`);
    const problem = tally.apply(parsed.entry);
    if (problem !== null) throw new Error(`entry ${i}: ${problem}`);
    builder.push(leafHash(encodeEntry(parsed.entry)));
  }
  console.log(`verifier replay (parse, rules, encode, hash): ${elapsed()}, ${tally.counts().total.toLocaleString("en")} signatures counted, heap ${mb(process.memoryUsage().heapUsed)}`);
}

// Proofs from stored nodes: one flat buffer per level, as a table keyed by (level, index) would be.
const levels: Buffer[] = [];
for (let width = entries; width >= 1; width = Math.floor(width / 2)) levels.push(Buffer.alloc(width * 32));
const rootStored = build("builder storing every node", nodeSha, leafOf(nodeSha), (level, index, hash) => levels[level]!.set(hash, index * 32));
const lookup = ({ level, index }: NodeId) => levels[level]!.subarray(index * 32, index * 32 + 32);
{
  let reads = 0;
  let worst = 0;
  const started = performance.now();
  for (let p = 0; p < proofs; p++) {
    const size = entries - ((p * 7919) % 1000);
    const index = (p * 104_729) % size;
    const t = performance.now();
    const plan = inclusionPlan(index, size);
    reads += planNodes(plan).length;
    const proof = resolveProof(plan, lookup, nodeSha);
    worst = Math.max(worst, performance.now() - t);
    if (size === entries && !verifyInclusion(leafHash(encoded[index % encoded.length]!), index, size, proof, rootStored)) throw new Error("a proof does not verify");
  }
  const each = (performance.now() - started) / proofs;
  console.log(`inclusion proofs: ${proofs} in a tree of ${entries.toLocaleString("en")}, ${(each * 1000).toFixed(0)} µs each on average, ${(worst * 1000).toFixed(0)} µs at worst, ${(reads / proofs).toFixed(1)} stored nodes read each`);
}
{
  const started = performance.now();
  let reads = 0;
  for (let p = 0; p < proofs; p++) {
    const from = 1 + ((p * 104_729) % (entries - 1));
    const plan = consistencyPlan(from, entries);
    reads += planNodes(plan).length;
    const proof = resolveProof(plan, lookup, nodeSha);
    if (p === 0 && !verifyConsistency(from, entries, proof, rootFromNodes(from, lookup, nodeSha), rootStored, nodeSha)) throw new Error("a consistency proof does not verify");
  }
  const each = (performance.now() - started) / proofs;
  console.log(`consistency proofs: ${proofs} to size ${entries.toLocaleString("en")}, ${(each * 1000).toFixed(0)} µs each on average, ${(reads / proofs).toFixed(1)} stored nodes read each`);
}
// The whole verifier against a log served from memory (JSON in and out, as over HTTP but without
// the network): isomorphic SHA-256 as in a browser, and Node's as the command line uses.
{
  const verifyEntries = arg("verify-entries", 200_000);
  const steps: LogStep[] = Array.from({ length: verifyEntries }, (_, i) =>
    i % 50 === 49 ? { op: "remove", pick: i * 7919, reason: "withdrawn", day: "2026-11-02" } : { op: "add", country: COUNTRIES[i % COUNTRIES.length]!, day: "2026-11-01" },
  );
  const list = entriesFromSteps(steps);
  const tenths = Array.from({ length: 10 }, (_, i) => Math.round(((i + 1) * verifyEntries) / 10));
  const log = serveLog({ entries: list, checkpointAt: tenths, key: generateLogSigningKey().key });
  for (const [label, hash] of [["isomorphic SHA-256", undefined], ["node:crypto SHA-256", nodeSha]] as const) {
    const elapsed = clock();
    const result = await verifyLog({ petitionUrl: log.petitionUrl, fetch: log.fetch, hash, receipt: log.receiptFor(0) });
    if (!result.ok) throw new Error(`verification failed: ${result.failure.message}`);
    console.log(`verifyLog, ${label}: ${verifyEntries.toLocaleString("en")} entries, 10 checkpoints, a receipt, in ${elapsed()}`);
  }
}
console.log(`peak resident memory of this process: ${mb(process.resourceUsage().maxRSS * 1024)}`);

