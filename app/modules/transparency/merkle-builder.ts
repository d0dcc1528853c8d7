/**
 * A Merkle tree built one leaf at a time in O(log n) memory: it keeps only the roots of the
 * complete subtrees on the right border (a compact range). Each push returns the complete
 * subtrees it finished, (level, index) and hash, for a store to keep; the root is there at every size.
 */
import { sha256, type Sha256 } from "./bytes";
import { EMPTY_ROOT, nodeHash, rangeNodes, type NodeId } from "./merkle";

export type TreeNode = NodeId & { hash: Uint8Array };

export class MerkleTreeBuilder {
  /** Roots of the complete subtrees covering [0, size), largest (leftmost) first. */
  private readonly border: TreeNode[] = [];
  private leaves = 0;
  private readonly hash: Sha256;

  constructor(options: { hash?: Sha256 } = {}) {
    this.hash = options.hash ?? sha256;
  }

  get size(): number {
    return this.leaves;
  }

  /** Appends a leaf hash; returns the nodes it completed, the leaf first, then upwards. */
  push(leafHash: Uint8Array): TreeNode[] {
    if (leafHash.length !== 32) throw new RangeError("a leaf hash has 32 bytes");
    let node: TreeNode = { level: 0, index: this.leaves, hash: leafHash };
    const finished = [node];
    for (let top = this.border.at(-1); top !== undefined && top.level === node.level; top = this.border.at(-1)) {
      this.border.pop();
      node = { level: node.level + 1, index: top.index / 2, hash: nodeHash(top.hash, node.hash, this.hash) };
      finished.push(node);
    }
    this.border.push(node);
    this.leaves += 1;
    return finished;
  }

  /** The tree hash of the leaves pushed so far. */
  root(): Uint8Array {
    if (this.border.length === 0) return EMPTY_ROOT;
    let acc = this.border[this.border.length - 1]!.hash;
    for (let i = this.border.length - 2; i >= 0; i--) acc = nodeHash(this.border[i]!.hash, acc, this.hash);
    return acc;
  }

  /** The right border: the stored nodes `MerkleTreeBuilder.resume` continues from. */
  frontier(): readonly TreeNode[] {
    return this.border;
  }

  /** A builder that continues a tree of `size` leaves whose border nodes a store holds. */
  static resume(size: number, border: readonly TreeNode[], options: { hash?: Sha256 } = {}): MerkleTreeBuilder {
    const expected = size === 0 ? [] : rangeNodes(0, size);
    const matches = border.length === expected.length && border.every((node, i) => node.level === expected[i]!.level && node.index === expected[i]!.index && node.hash.length === 32);
    if (!matches) throw new RangeError(`these nodes are not the right border of a tree of ${size} leaves`);
    const builder = new MerkleTreeBuilder(options);
    builder.border.push(...border);
    builder.leaves = size;
    return builder;
  }
}
