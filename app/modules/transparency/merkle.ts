/**
 * RFC 9162 §2.1 Merkle trees (the RFC 6962 tree): SHA-256, leaf hash H(0x00 || entry), node hash
 * H(0x01 || left || right), the tree of n leaves split at the largest power of two below n.
 *
 * Proofs are built from complete subtrees addressed as (level, index): the hash of leaves
 * [index·2^level, (index+1)·2^level). A store keeps those hashes; `inclusionPlan` and
 * `consistencyPlan` say which nodes a proof needs (one query), `resolveProof` folds them.
 * Every node a proof of a tree of size n needs is complete within the first n leaves, so nodes
 * written while the log grew answer proofs for every earlier size as well.
 */
import { bytesEqual, concatBytes, sha256, type Sha256 } from "./bytes";

export type NodeId = { level: number; index: number };

/** One proof element: the hash of these complete subtrees, left to right, folded from the right. */
export type ProofStep = NodeId[];

/** The nodes a proof needs, element by element. */
export type ProofPlan = ProofStep[];

/** Reads a stored complete-subtree hash; throws (or returns undefined) when the store lacks it. */
export type NodeLookup = (id: NodeId) => Uint8Array | undefined;

const LEAF_PREFIX = new Uint8Array([0]);
const NODE_PREFIX = new Uint8Array([1]);

export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

export function leafHash(entry: Uint8Array, hash: Sha256 = sha256): Uint8Array {
  return hash(concatBytes(LEAF_PREFIX, entry));
}

/** Reused for every node hash: hashing is synchronous and returns a fresh digest. */
const nodeInput = new Uint8Array(65);
nodeInput[0] = 1;

export function nodeHash(left: Uint8Array, right: Uint8Array, hash: Sha256 = sha256): Uint8Array {
  if (left.length !== 32 || right.length !== 32) return hash(concatBytes(NODE_PREFIX, left, right));
  nodeInput.set(left, 1);
  nodeInput.set(right, 33);
  return hash(nodeInput);
}

function assertSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
}

/** The largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The tree hash of leaf hashes, by the RFC's recursive definition (the reference; O(n) memory). */
export function rootOfLeafHashes(leaves: readonly Uint8Array[], hash: Sha256 = sha256): Uint8Array {
  if (leaves.length === 0) return EMPTY_ROOT;
  const walk = (lo: number, hi: number): Uint8Array => {
    if (hi - lo === 1) return leaves[lo]!;
    const k = splitPoint(hi - lo);
    return nodeHash(walk(lo, lo + k), walk(lo + k, hi), hash);
  };
  return walk(0, leaves.length);
}

/**
 * The complete subtrees that make up leaves [start, end), left to right, as the tree splits them:
 * each is the largest aligned power of two that fits. For the ranges the RFC's recursion produces,
 * folding them from the right gives MTH(D[start:end]).
 */
export function rangeNodes(start: number, end: number): NodeId[] {
  assertSize("start", start);
  assertSize("end", end);
  if (start >= end) throw new RangeError(`empty range [${start}, ${end})`);
  const nodes: NodeId[] = [];
  let at = start;
  while (at < end) {
    let level = 0;
    let width = 1;
    while (at % (width * 2) === 0 && at + width * 2 <= end) {
      width *= 2;
      level += 1;
    }
    nodes.push({ level, index: at / width });
    at += width;
  }
  return nodes;
}

/** PATH(m, D[0:n]) of RFC 9162 §2.1.3.1 as ranges of leaves, deepest first. */
export function inclusionPlan(index: number, size: number): ProofPlan {
  assertSize("index", index);
  assertSize("size", size);
  if (index >= size) throw new RangeError(`index ${index} is not in a tree of size ${size}`);
  const steps: ProofPlan = [];
  const walk = (m: number, lo: number, hi: number): void => {
    if (hi - lo <= 1) return;
    const k = splitPoint(hi - lo);
    if (m < k) {
      walk(m, lo, lo + k);
      steps.push(rangeNodes(lo + k, hi));
    } else {
      walk(m - k, lo + k, hi);
      steps.push(rangeNodes(lo, lo + k));
    }
  };
  walk(index, 0, size);
  return steps;
}

/** PROOF(m, D[0:n]) of RFC 9162 §2.1.4.1; empty when 0 = m or m = n. */
export function consistencyPlan(from: number, to: number): ProofPlan {
  assertSize("from", from);
  assertSize("to", to);
  if (from > to) throw new RangeError(`size ${from} is larger than size ${to}`);
  const steps: ProofPlan = [];
  if (from === 0 || from === to) return steps;
  const walk = (m: number, lo: number, hi: number, whole: boolean): void => {
    if (m === hi - lo) {
      if (!whole) steps.push(rangeNodes(lo, hi));
      return;
    }
    const k = splitPoint(hi - lo);
    if (m <= k) {
      walk(m, lo, lo + k, whole);
      steps.push(rangeNodes(lo + k, hi));
    } else {
      walk(m - k, lo + k, hi, false);
      steps.push(rangeNodes(lo, lo + k));
    }
  };
  walk(from, 0, to, true);
  return steps;
}

/** Every distinct node a plan reads, so a store can fetch them in one query. */
export function planNodes(plan: ProofPlan): NodeId[] {
  const seen = new Set<string>();
  const nodes: NodeId[] = [];
  for (const step of plan) {
    for (const id of step) {
      const key = `${id.level}:${id.index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      nodes.push(id);
    }
  }
  return nodes;
}

function readNode(lookup: NodeLookup, id: NodeId): Uint8Array {
  const found = lookup(id);
  if (found === undefined) throw new Error(`missing tree node (level ${id.level}, index ${id.index})`);
  return found;
}

/** The hash of complete subtrees left to right, folded from the right (the tree's right border). */
export function foldNodes(ids: readonly NodeId[], lookup: NodeLookup, hash: Sha256 = sha256): Uint8Array {
  if (ids.length === 0) throw new RangeError("nothing to fold");
  let acc = readNode(lookup, ids[ids.length - 1]!);
  for (let i = ids.length - 2; i >= 0; i--) acc = nodeHash(readNode(lookup, ids[i]!), acc, hash);
  return acc;
}

export function resolveProof(plan: ProofPlan, lookup: NodeLookup, hash: Sha256 = sha256): Uint8Array[] {
  return plan.map((step) => foldNodes(step, lookup, hash));
}

/** The root of the first `size` leaves from stored nodes. */
export function rootFromNodes(size: number, lookup: NodeLookup, hash: Sha256 = sha256): Uint8Array {
  assertSize("size", size);
  return size === 0 ? EMPTY_ROOT : foldNodes(rangeNodes(0, size), lookup, hash);
}

const isOdd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

/** RFC 9162 §2.1.3.2. False for any malformed input; never throws on data from the network. */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array, hash: Sha256 = sha256): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (leaf.length !== 32 || root.length !== 32 || proof.some((p) => p.length !== 32)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r, hash);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p, hash);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(r, root);
}

/**
 * RFC 9162 §2.1.4.2, with the cases the RFC leaves out settled as transparency-dev/merkle's vectors do:
 * from = to > 0 needs an empty proof and equal roots; from = 0 proves nothing and is refused
 * (a verifier checks its first checkpoint by other means).
 */
export function verifyConsistency(from: number, to: number, proof: readonly Uint8Array[], fromRoot: Uint8Array, toRoot: Uint8Array, hash: Sha256 = sha256): boolean {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to) return false;
  if (from === to) return from > 0 && proof.length === 0 && bytesEqual(fromRoot, toRoot);
  if (from === 0) return false;
  if (fromRoot.length !== 32 || toRoot.length !== 32 || proof.length === 0 || proof.some((p) => p.length !== 32)) return false;
  const path = isPowerOfTwo(from) ? [fromRoot, ...proof] : [...proof];
  let fn = from - 1;
  let sn = to - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr, hash);
      sr = nodeHash(c, sr, hash);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c, hash);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, fromRoot) && bytesEqual(sr, toRoot);
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}
