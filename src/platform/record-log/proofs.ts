import { RecordLogError } from './errors.ts';
import type { NodeId } from './merkle.ts';
import { EMPTY_ROOT, HASH_SIZE, assertSize, foldSubtrees, rootFromLeafHashes, splitPoint } from './merkle.ts';

/**
 * Building Merkle proofs and roots from stored nodes — the server side of the record log.
 *
 * Every proof element (RFC 9162 §2.1.3.1 PATH, §2.1.4.1 SUBPROOF) is the hash MTH(D[start:end]) of a
 * range of leaves. A range is split into complete subtrees ({@link NodeId}, largest first): a range inside
 * the tree is one complete subtree; a range that reaches the tree's right edge is not complete, and its
 * hash is folded from the complete subtrees it decomposes into (binary decomposition of its length, the
 * same split RFC 6962 §2.1 makes). Only complete subtrees are ever read, and these never change once
 * the tree has grown past them — exactly what C2SP tlog-tiles stores (see `tiles.ts`, `locateNode`).
 *
 * So a proof is made in three steps, the middle one being the only I/O:
 *   1. `inclusionProofNodes(index, size)` / `consistencyProofNodes(m, n)` / `treeRootNodes(size)`
 *      list the node ids needed, in order;
 *   2. the caller reads exactly those hashes (from tiles, a node table, or memory);
 *   3. `inclusionProofFromNodes` / `consistencyProofFromNodes` / `treeRootFromNodes` assemble the proof.
 * `inclusionProof` / `consistencyProof` / `treeRoot` do all three over a {@link HashReader}.
 */

/** Reads complete-subtree hashes, one per id and in the same order. */
export interface HashReader {
  readNodes(ids: readonly NodeId[]): Promise<Uint8Array[]>;
}

type Range = readonly [start: number, end: number];

/** The complete subtrees covering leaves [start, end), left to right, each as large as alignment allows. */
export function rangeNodes(start: number, end: number): NodeId[] {
  const nodes: NodeId[] = [];
  while (start < end) {
    let level = 0;
    while (start % 2 ** (level + 1) === 0 && start + 2 ** (level + 1) <= end) level++;
    nodes.push({ level, index: start / 2 ** level });
    start += 2 ** level;
  }
  return nodes;
}

/** RFC 9162 §2.1.3.1 PATH(index, D[0:size]) as leaf ranges, ordered from the leaf up to the root. */
function inclusionRanges(index: number, size: number): Range[] {
  assertSize(size, 'tree size');
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new RecordLogError('INDEX_OUT_OF_RANGE', `leaf index ${index} is outside a tree of size ${size}`);
  }
  const ranges: Range[] = [];
  let [start, end] = [0, size];
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      ranges.push([start + k, end]);
      end = start + k;
    } else {
      ranges.push([start, start + k]);
      start += k;
    }
  }
  return ranges.reverse();
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true) as leaf ranges, bottom up. */
function consistencyRanges(m: number, n: number): Range[] {
  assertSize(m, 'size1');
  assertSize(n, 'size2');
  if (m === 0 || m > n) throw new RecordLogError('INVALID_SIZE', `no consistency proof from ${m} to ${n}`);
  const ranges: Range[] = [];
  let [start, end, complete] = [0, n, true];
  while (m !== end) {
    const k = splitPoint(end - start);
    if (m <= start + k) {
      ranges.push([start + k, end]);
      end = start + k;
    } else {
      ranges.push([start, start + k]);
      start += k;
      complete = false;
    }
  }
  // SUBPROOF(m, D[m], false) = [MTH(D[m])]: the old tree's subtree is needed unless it is the whole old tree.
  if (!complete) ranges.push([start, end]);
  return ranges.reverse();
}

function nodesFor(ranges: readonly Range[]): NodeId[] {
  return ranges.flatMap(([start, end]) => rangeNodes(start, end));
}

/** Folds the hashes read for `nodesFor(ranges)` back into one hash per range. */
function assemble(ranges: readonly Range[], hashes: readonly Uint8Array[]): Uint8Array[] {
  const counts = ranges.map(([start, end]) => rangeNodes(start, end).length);
  const want = counts.reduce((a, b) => a + b, 0);
  if (hashes.length !== want) {
    throw new RecordLogError('MISSING_NODE', `expected ${want} node hashes, got ${hashes.length}`);
  }
  for (const hash of hashes) {
    if (hash.length !== HASH_SIZE)
      throw new RecordLogError('WRONG_HASH_LENGTH', 'a node hash is not 32 bytes');
  }
  let offset = 0;
  return counts.map((count) => foldSubtrees(hashes.slice(offset, (offset += count))));
}

export function inclusionProofNodes(index: number, size: number): NodeId[] {
  return nodesFor(inclusionRanges(index, size));
}

export function inclusionProofFromNodes(
  index: number,
  size: number,
  hashes: readonly Uint8Array[],
): Uint8Array[] {
  return assemble(inclusionRanges(index, size), hashes);
}

export function consistencyProofNodes(m: number, n: number): NodeId[] {
  return nodesFor(consistencyRanges(m, n));
}

export function consistencyProofFromNodes(m: number, n: number, hashes: readonly Uint8Array[]): Uint8Array[] {
  return assemble(consistencyRanges(m, n), hashes);
}

/** The complete subtrees whose fold is the root of the tree of `size` (none for the empty tree). */
export function treeRootNodes(size: number): NodeId[] {
  assertSize(size, 'tree size');
  return rangeNodes(0, size);
}

export function treeRootFromNodes(size: number, hashes: readonly Uint8Array[]): Uint8Array {
  if (size === 0 && hashes.length === 0) return EMPTY_ROOT;
  const [root] = assemble([[0, size]], hashes);
  return root ?? EMPTY_ROOT;
}

export async function inclusionProof(index: number, size: number, reader: HashReader): Promise<Uint8Array[]> {
  const ids = inclusionProofNodes(index, size);
  return inclusionProofFromNodes(index, size, await reader.readNodes(ids));
}

export async function consistencyProof(m: number, n: number, reader: HashReader): Promise<Uint8Array[]> {
  const ids = consistencyProofNodes(m, n);
  return consistencyProofFromNodes(m, n, await reader.readNodes(ids));
}

export async function treeRoot(size: number, reader: HashReader): Promise<Uint8Array> {
  return treeRootFromNodes(size, await reader.readNodes(treeRootNodes(size)));
}

/**
 * A HashReader over an in-memory list of leaf hashes, for tests and for `sanxiang verify` recomputing a
 * tree from the database. Each node costs O(2^level); fine for proofs, not for serving a large log.
 */
export function memoryHashReader(leafHashes: readonly Uint8Array[]): HashReader {
  return {
    readNodes: (ids) => Promise.resolve(ids.map((id) => memoryNode(leafHashes, id))),
  };
}

function memoryNode(leafHashes: readonly Uint8Array[], { level, index }: NodeId): Uint8Array {
  const start = index * 2 ** level;
  const end = start + 2 ** level;
  if (end > leafHashes.length) {
    throw new RecordLogError(
      'MISSING_NODE',
      `node ${level}/${index} is not complete in a tree of ${leafHashes.length}`,
    );
  }
  return rootFromLeafHashes(leafHashes.slice(start, end));
}
