import { createHash } from 'node:crypto';
import { bytesEqual } from './bytes.ts';
import { RecordLogError } from './errors.ts';

/**
 * RFC 6962 Merkle tree hashing (SHA-256) and proof verification (RFC 9162 §2.1.3.2, §2.1.4.2). This is
 * the client side: everything here checks untrusted input. Building proofs from stored nodes is in
 * `proofs.ts`.
 *
 * Sizes and indexes are JavaScript numbers and must be safe integers (< 2^53); the bit arithmetic of the
 * RFC algorithms runs on bigint so it stays exact above 2^31.
 */

/** RFC 6962 §2.1: leaf hashes are SHA-256(0x00 || entry), interior nodes SHA-256(0x01 || left || right). */
export const RFC6962_LEAF_HASH_PREFIX = 0x00;
export const RFC6962_NODE_HASH_PREFIX = 0x01;
export const HASH_SIZE = 32;

/** RFC 6962 §2.1: MTH({}) = SHA-256() — the root of the empty tree. */
export const EMPTY_ROOT: Uint8Array = sha256();

/** A complete subtree: the node at `level` (0 = leaves) covering leaves [index·2^level, (index+1)·2^level). */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

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

export function assertSize(size: number, what: string): void {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new RecordLogError('INVALID_SIZE', `${what} must be a non-negative safe integer, got ${size}`);
  }
}

function assertHashes(hashes: readonly Uint8Array[], what: string): void {
  for (const hash of hashes) {
    if (hash.length !== HASH_SIZE) {
      throw new RecordLogError(
        'WRONG_HASH_LENGTH',
        `${what} has a ${hash.length}-byte hash, want ${HASH_SIZE}`,
      );
    }
  }
}

function assertRoot(computed: Uint8Array, expected: Uint8Array, what: string): void {
  if (!bytesEqual(computed, expected)) {
    throw new RecordLogError('ROOT_MISMATCH', `calculated ${what} does not match the expected one`);
  }
}

function lsb(n: bigint): boolean {
  return (n & 1n) === 1n;
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
  assertSize(size, 'tree size');
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new RecordLogError('INDEX_OUT_OF_RANGE', `leaf index ${index} is outside a tree of size ${size}`);
  }
  assertHashes([leaf], 'leaf');
  assertHashes(proof, 'inclusion proof');
  assertRoot(rootFromInclusionProof(BigInt(index), BigInt(size), leaf, proof), root, 'root');
}

function rootFromInclusionProof(index: bigint, size: bigint, leaf: Uint8Array, proof: readonly Uint8Array[]) {
  let fn = index;
  let sn = size - 1n;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) throw wrongLength('inclusion');
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!lsb(fn) && fn !== 0n) [fn, sn] = [fn >> 1n, sn >> 1n];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [fn >> 1n, sn >> 1n];
  }
  if (sn !== 0n) throw wrongLength('inclusion');
  return r;
}

function wrongLength(kind: string): RecordLogError {
  return new RecordLogError('WRONG_PROOF_LENGTH', `${kind} proof has the wrong number of hashes`);
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
  assertSize(size1, 'size1');
  assertSize(size2, 'size2');
  if (size1 > size2)
    throw new RecordLogError('INVALID_SIZE', `size1 ${size1} is greater than size2 ${size2}`);
  if (size1 === 0)
    throw new RecordLogError('INVALID_SIZE', 'a consistency proof from the empty tree is useless');
  if (size1 === size2) {
    if (proof.length !== 0) throw wrongLength('consistency');
    assertRoot(root1, root2, 'root');
    return;
  }
  if (proof.length === 0) throw wrongLength('consistency');
  assertHashes(proof, 'consistency proof');
  const [r1, r2] = rootsFromConsistencyProof(BigInt(size1), BigInt(size2), proof, root1);
  assertRoot(r1, root1, 'root1');
  assertRoot(r2, root2, 'root2');
}

function rootsFromConsistencyProof(
  size1: bigint,
  size2: bigint,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
) {
  // Step 2: when size1 is a power of two its root is the first node of the path, so it is not sent.
  const path = (size1 & (size1 - 1n)) === 0n ? [root1, ...proof] : [...proof];
  let fn = size1 - 1n;
  let sn = size2 - 1n;
  while (lsb(fn)) [fn, sn] = [fn >> 1n, sn >> 1n];
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) throw wrongLength('consistency');
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!lsb(fn) && fn !== 0n) [fn, sn] = [fn >> 1n, sn >> 1n];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [fn >> 1n, sn >> 1n];
  }
  if (sn !== 0n) throw wrongLength('consistency');
  return [fr, sr] as const;
}
