import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromHex, toHex, type Sha256 } from "~/modules/transparency/bytes";
import {
  EMPTY_ROOT,
  consistencyPlan,
  inclusionPlan,
  leafHash,
  planNodes,
  rangeNodes,
  resolveProof,
  rootFromNodes,
  rootOfLeafHashes,
  verifyConsistency,
  verifyInclusion,
  type NodeLookup,
} from "~/modules/transparency/merkle";
import { MerkleTreeBuilder, type TreeNode } from "~/modules/transparency/merkle-builder";

type TreeVectors = {
  leafInputs: string[];
  nodeHashes: string[][];
  rootHashes: string[];
  inclusionProofs: { index: number; size: number; proof: string[] }[];
  consistencyProofs: { from: number; to: number; proof: string[] }[];
};
type InclusionProbe = { file: string; leafIdx: number; treeSize: number; root: string | null; leafHash: string | null; proof: string[]; wantErr: boolean };
type ConsistencyProbe = { file: string; size1: number; size2: number; root1: string | null; root2: string | null; proof: string[]; wantErr: boolean };

const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8")) as T;
const vectors = fixture<TreeVectors>("merkle-tree-vectors.json");
const inclusionProbes = fixture<{ probes: InclusionProbe[] }>("merkle-inclusion-probes.json").probes;
const consistencyProbes = fixture<{ probes: ConsistencyProbe[] }>("merkle-consistency-probes.json").probes;

const hex = (text: string) => fromHex(text)!;
/** The probes carry some deliberately short or empty "hashes"; hex of any length. */
const anyHex = (text: string | null) => (text === null ? new Uint8Array(0) : fromHex(text) ?? new Uint8Array(0));

/** A store of every complete node, as a database table would hold them. */
function storeOf(leaves: Uint8Array[]): { lookup: NodeLookup; reads: () => number; nodes: Map<string, Uint8Array> } {
  const builder = new MerkleTreeBuilder();
  const nodes = new Map<string, Uint8Array>();
  for (const leaf of leaves) for (const node of builder.push(leaf)) nodes.set(`${node.level}:${node.index}`, node.hash);
  let reads = 0;
  return {
    nodes,
    reads: () => reads,
    lookup: ({ level, index }) => {
      reads += 1;
      return nodes.get(`${level}:${index}`);
    },
  };
}

const vectorLeaves = vectors.leafInputs.map((input) => leafHash(hex(input)));

describe("RFC 6962 reference tree", () => {
  it("hashes the empty tree as SHA-256 of nothing and leaves with the 0x00 prefix", () => {
    expect(toHex(EMPTY_ROOT)).toBe(vectors.rootHashes[0]);
    expect(vectorLeaves.map(toHex)).toEqual(vectors.nodeHashes[0]);
  });

  it("gives every root size 0 to 8, by the recursive definition, the streaming builder and stored nodes", () => {
    const store = storeOf(vectorLeaves);
    const builder = new MerkleTreeBuilder();
    for (let size = 0; size <= 8; size++) {
      if (size > 0) builder.push(vectorLeaves[size - 1]!);
      expect(toHex(rootOfLeafHashes(vectorLeaves.slice(0, size))), `size ${size}`).toBe(vectors.rootHashes[size]);
      expect(toHex(builder.root()), `builder at ${size}`).toBe(vectors.rootHashes[size]);
      expect(toHex(rootFromNodes(size, store.lookup)), `stored nodes at ${size}`).toBe(vectors.rootHashes[size]);
    }
  });

  it("stores each complete subtree under (level, index) with the reference hashes", () => {
    const store = storeOf(vectorLeaves);
    vectors.nodeHashes.forEach((level, l) => level.forEach((hash, i) => expect(toHex(store.nodes.get(`${l}:${i}`)!)).toBe(hash)));
    expect(store.nodes.size).toBe(8 + 4 + 2 + 1);
  });

  it("generates the reference inclusion and consistency proofs from stored nodes", () => {
    const store = storeOf(vectorLeaves);
    for (const { index, size, proof } of vectors.inclusionProofs) {
      expect(resolveProof(inclusionPlan(index, size), store.lookup).map(toHex), `inclusion ${index}@${size}`).toEqual(proof);
    }
    for (const { from, to, proof } of vectors.consistencyProofs) {
      expect(resolveProof(consistencyPlan(from, to), store.lookup).map(toHex), `consistency ${from}→${to}`).toEqual(proof);
    }
  });
});

describe("proof verification probes (transparency-dev/merkle testdata)", () => {
  it.each(inclusionProbes.map((probe) => [probe.file, probe] as const))("inclusion %s", (_file, probe) => {
    const ok = verifyInclusion(anyHex(probe.leafHash), probe.leafIdx, probe.treeSize, probe.proof.map(anyHex), anyHex(probe.root));
    expect(ok).toBe(!probe.wantErr);
  });

  it.each(consistencyProbes.map((probe) => [probe.file, probe] as const))("consistency %s", (_file, probe) => {
    const ok = verifyConsistency(probe.size1, probe.size2, probe.proof.map(anyHex), anyHex(probe.root1), anyHex(probe.root2));
    expect(ok).toBe(!probe.wantErr);
  });
});

describe("plans over stored nodes", () => {
  it("splits ranges into aligned complete subtrees", () => {
    expect(rangeNodes(0, 7)).toEqual([{ level: 2, index: 0 }, { level: 1, index: 2 }, { level: 0, index: 6 }]);
    expect(rangeNodes(4, 8)).toEqual([{ level: 2, index: 1 }]);
    expect(rangeNodes(8, 13)).toEqual([{ level: 2, index: 2 }, { level: 0, index: 12 }]);
    expect(() => rangeNodes(3, 3)).toThrow(RangeError);
  });

  it("refuses impossible proofs", () => {
    expect(() => inclusionPlan(0, 0)).toThrow(RangeError);
    expect(() => inclusionPlan(7, 7)).toThrow(RangeError);
    expect(() => inclusionPlan(-1, 7)).toThrow(RangeError);
    expect(() => inclusionPlan(0.5, 7)).toThrow(RangeError);
    expect(() => consistencyPlan(8, 7)).toThrow(RangeError);
    expect(consistencyPlan(0, 7)).toEqual([]);
    expect(consistencyPlan(7, 7)).toEqual([]);
  });

  it("names a missing node instead of hashing garbage", () => {
    const store = storeOf(vectorLeaves.slice(0, 5));
    expect(() => resolveProof(inclusionPlan(0, 8), store.lookup)).toThrow(/missing tree node \(level 2, index 1\)/);
  });

  it("needs O(log n) node reads for a proof in a tree of a million leaves", () => {
    const size = 1_000_003;
    const inclusion = planNodes(inclusionPlan(654_321, size));
    const consistency = planNodes(consistencyPlan(500_000, size));
    expect(inclusion.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(size)));
    expect(consistency.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(size)));
    for (const { level, index } of [...inclusion, ...consistency]) expect((index + 1) * 2 ** level).toBeLessThanOrEqual(size);
  });

  it("agrees with the recursive definition for random trees, and every proof verifies", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.nat(), fc.nat(), (size, a, b) => {
        const leaves = Array.from({ length: size }, (_, i) => leafHash(new Uint8Array([i & 255, i >> 8, 7])));
        const store = storeOf(leaves);
        const index = a % size;
        const earlier = (b % size) + 1;
        const root = rootOfLeafHashes(leaves);
        const earlierRoot = rootOfLeafHashes(leaves.slice(0, earlier));
        expect(rootFromNodes(size, store.lookup)).toEqual(root);
        const inclusion = resolveProof(inclusionPlan(index, size), store.lookup);
        expect(verifyInclusion(leaves[index]!, index, size, inclusion, root)).toBe(true);
        // The same proof for another leaf, or against another size, fails.
        if (size > 1) expect(verifyInclusion(leaves[(index + 1) % size]!, index, size, inclusion, root)).toBe(false);
        const consistency = resolveProof(consistencyPlan(earlier, size), store.lookup);
        expect(verifyConsistency(earlier, size, consistency, earlierRoot, root)).toBe(true);
        if (earlier < size) {
          const other = leafHash(new Uint8Array([99]));
          const forkedRoot = rootOfLeafHashes([...leaves.slice(0, earlier - 1), other]);
          expect(verifyConsistency(earlier, size, consistency, forkedRoot, root)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("streaming builder", () => {
  it("emits each complete node once, accepts Node's SHA-256, and resumes from its border", () => {
    const nodeSha: Sha256 = (data) => createHash("sha256").update(data).digest();
    const leaves = Array.from({ length: 37 }, (_, i) => leafHash(new Uint8Array([i])));
    const builder = new MerkleTreeBuilder({ hash: nodeSha });
    const emitted: TreeNode[] = [];
    for (const leaf of leaves.slice(0, 20)) emitted.push(...builder.push(leaf));
    const resumed = MerkleTreeBuilder.resume(20, [...builder.frontier()]);
    for (const leaf of leaves.slice(20)) emitted.push(...resumed.push(leaf));
    expect(resumed.root()).toEqual(rootOfLeafHashes(leaves));
    const keys = emitted.map((n) => `${n.level}:${n.index}`);
    expect(new Set(keys).size).toBe(keys.length);
    // 37 leaves: 37 + 18 + 9 + 4 + 2 + 1 complete nodes.
    expect(keys.length).toBe(71);
    expect(() => MerkleTreeBuilder.resume(21, [...builder.frontier()])).toThrow(RangeError);
    expect(() => builder.push(new Uint8Array(31))).toThrow(RangeError);
  });
});
