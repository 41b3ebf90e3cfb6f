import { createHash } from 'node:crypto';
import {
  HASH_SIZE,
  RFC6962_LEAF_HASH_PREFIX,
  RFC6962_NODE_HASH_PREFIX,
  assertSize,
  runSync,
  verifyConsistencySteps,
  verifyInclusionSteps,
} from './merkle-verify.ts';

/**
 * RFC 6962 Merkle tree hashing (SHA-256) and proof verification (RFC 9162 §2.1.3.2, §2.1.4.2). This is
 * the client side: everything here checks untrusted input. The verification algorithms themselves are in
 * `merkle-verify.ts`, shared with the browser; here they run synchronously over Node's SHA-256. Building
 * proofs from stored nodes is in `proofs.ts`.
 *
 * Sizes and indexes are JavaScript numbers and must be safe integers (< 2^53); the bit arithmetic of the
 * RFC algorithms runs on bigint so it stays exact above 2^31.
 */

export { HASH_SIZE, RFC6962_LEAF_HASH_PREFIX, RFC6962_NODE_HASH_PREFIX, assertSize };

/** RFC 6962 §2.1: MTH({}) = SHA-256() — the root of the empty tree. */
export const EMPTY_ROOT: Uint8Array = sha256();

/** A complete subtree: the node at `level` (0 = leaves) covering leaves [index·2^level, (index+1)·2^level). */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

function sha256(...parts: readonly Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

const sha256Parts = (parts: readonly Uint8Array[]): Uint8Array => sha256(...parts);

export function leafHash(entry: Uint8Array): Uint8Array {
  return sha256(Uint8Array.of(RFC6962_LEAF_HASH_PREFIX), entry);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(Uint8Array.of(RFC6962_NODE_HASH_PREFIX), left, right);
}

/**
 * MTH over a list of already-hashed leaves (RFC 6962 §2.1). Pairing neighbours level by level and carrying
 * an odd last node up unchanged gives the same tree as the RFC's "split at the largest power of two"
 * recursion, without the recursion. Also the hash of a subtree when given that subtree's nodes of one level.
 */
export function rootFromLeafHashes(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0) return EMPTY_ROOT;
  let level = [...hashes];
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i]!, level[i + 1]!));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}

/** MTH of a range given its complete subtrees left to right (largest first): H(s0, H(s1, … sk)). */
export function foldSubtrees(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0) return EMPTY_ROOT;
  let acc = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i]!, acc);
  return acc;
}

/** The largest power of two strictly below n (n ≥ 2): the split point k of RFC 6962 §2.1. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * RFC 9162 §2.1.3.2: checks that `leaf` (a leaf hash) is at `index` in the tree of `size` with root
 * `root`. Throws RecordLogError on any failure; returns nothing on success.
 */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  runSync(verifyInclusionSteps(index, size, leaf, proof, root), sha256Parts);
}

/**
 * RFC 9162 §2.1.4.2: checks that the tree of `size2` with `root2` extends the tree of `size1` with
 * `root1`. A consistency check from the empty tree proves nothing and is rejected, as the reference
 * vectors expect. With equal sizes the proof must be empty and the roots byte-equal.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  runSync(verifyConsistencySteps(size1, size2, proof, root1, root2), sha256Parts);
}
