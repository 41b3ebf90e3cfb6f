import { RecordLogError } from './errors.ts';

/**
 * RFC 9162 proof verification (§2.1.3.2 inclusion, §2.1.4.2 consistency), written once for Node and for
 * the browser. This file imports nothing from Node: the public verification page and the workbench bundle
 * it as it is.
 *
 * The algorithms are generators that yield each hash they need — the byte strings to concatenate and
 * hash with SHA-256 — and receive the digest back. A driver supplies the hash function: {@link runSync}
 * with Node's `createHash` (merkle.ts, the server and `sanxiang verify`), {@link runAsync} with WebCrypto's
 * `crypto.subtle.digest` (browsers, which hash asynchronously only). So there is one implementation of the
 * proof logic, whatever the hash API; both drivers run the same RFC 6962 reference vectors (merkle.test.ts).
 */

/** RFC 6962 §2.1: leaf hashes are SHA-256(0x00 || entry), interior nodes SHA-256(0x01 || left || right). */
export const RFC6962_LEAF_HASH_PREFIX = 0x00;
export const RFC6962_NODE_HASH_PREFIX = 0x01;
export const HASH_SIZE = 32;

/** A computation that asks for SHA-256 digests of concatenated parts and finally returns a T. */
export type HashSteps<T> = Generator<readonly Uint8Array[], T, Uint8Array>;

export type Sha256Sync = (parts: readonly Uint8Array[]) => Uint8Array;
export type Sha256Async = (parts: readonly Uint8Array[]) => Promise<Uint8Array>;

export function runSync<T>(steps: HashSteps<T>, sha256: Sha256Sync): T {
  let next = steps.next();
  while (!next.done) next = steps.next(sha256(next.value));
  return next.value;
}

export async function runAsync<T>(steps: HashSteps<T>, sha256: Sha256Async): Promise<T> {
  let next = steps.next();
  while (!next.done) next = steps.next(await sha256(next.value));
  return next.value;
}

/** SHA-256 of concatenated parts with WebCrypto (browsers, and Node's global `crypto`). */
export const webCryptoSha256: Sha256Async = async (parts) => {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
};

export function* leafHashSteps(entry: Uint8Array): HashSteps<Uint8Array> {
  return yield [Uint8Array.of(RFC6962_LEAF_HASH_PREFIX), entry];
}

function* nodeHashSteps(left: Uint8Array, right: Uint8Array): HashSteps<Uint8Array> {
  return yield [Uint8Array.of(RFC6962_NODE_HASH_PREFIX), left, right];
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

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function assertRoot(computed: Uint8Array, expected: Uint8Array, what: string): void {
  if (!sameBytes(computed, expected)) {
    throw new RecordLogError('ROOT_MISMATCH', `calculated ${what} does not match the expected one`);
  }
}

function lsb(n: bigint): boolean {
  return (n & 1n) === 1n;
}

function wrongLength(kind: string): RecordLogError {
  return new RecordLogError('WRONG_PROOF_LENGTH', `${kind} proof has the wrong number of hashes`);
}

/**
 * RFC 9162 §2.1.3.2: checks that `leaf` (a leaf hash) is at `index` in the tree of `size` with root
 * `root`. Throws RecordLogError on any failure; returns nothing on success.
 */
export function* verifyInclusionSteps(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): HashSteps<void> {
  assertSize(size, 'tree size');
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new RecordLogError('INDEX_OUT_OF_RANGE', `leaf index ${index} is outside a tree of size ${size}`);
  }
  assertHashes([leaf], 'leaf');
  assertHashes(proof, 'inclusion proof');
  let fn = BigInt(index);
  let sn = BigInt(size) - 1n;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) throw wrongLength('inclusion');
    if (lsb(fn) || fn === sn) {
      r = yield* nodeHashSteps(p, r);
      while (!lsb(fn) && fn !== 0n) [fn, sn] = [fn >> 1n, sn >> 1n];
    } else {
      r = yield* nodeHashSteps(r, p);
    }
    [fn, sn] = [fn >> 1n, sn >> 1n];
  }
  if (sn !== 0n) throw wrongLength('inclusion');
  assertRoot(r, root, 'root');
}

/**
 * RFC 9162 §2.1.4.2: checks that the tree of `size2` with `root2` extends the tree of `size1` with
 * `root1`. A consistency check from the empty tree proves nothing and is rejected, as the reference
 * vectors expect. With equal sizes the proof must be empty and the roots byte-equal.
 */
export function* verifyConsistencySteps(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): HashSteps<void> {
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
  const m = BigInt(size1);
  // Step 2: when size1 is a power of two its root is the first node of the path, so it is not sent.
  const path = (m & (m - 1n)) === 0n ? [root1, ...proof] : [...proof];
  let fn = m - 1n;
  let sn = BigInt(size2) - 1n;
  while (lsb(fn)) [fn, sn] = [fn >> 1n, sn >> 1n];
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) throw wrongLength('consistency');
    if (lsb(fn) || fn === sn) {
      fr = yield* nodeHashSteps(c, fr);
      sr = yield* nodeHashSteps(c, sr);
      while (!lsb(fn) && fn !== 0n) [fn, sn] = [fn >> 1n, sn >> 1n];
    } else {
      sr = yield* nodeHashSteps(sr, c);
    }
    [fn, sn] = [fn >> 1n, sn >> 1n];
  }
  if (sn !== 0n) throw wrongLength('consistency');
  assertRoot(fr, root1, 'root1');
  assertRoot(sr, root2, 'root2');
}

/** Inclusion with WebCrypto: the browser's entry point (same algorithm as `verifyInclusion` in merkle.ts). */
export function verifyInclusionAsync(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
  sha256: Sha256Async = webCryptoSha256,
): Promise<void> {
  return runAsync(verifyInclusionSteps(index, size, leaf, proof, root), sha256);
}

export function verifyConsistencyAsync(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
  sha256: Sha256Async = webCryptoSha256,
): Promise<void> {
  return runAsync(verifyConsistencySteps(size1, size2, proof, root1, root2), sha256);
}

export function leafHashAsync(entry: Uint8Array, sha256: Sha256Async = webCryptoSha256): Promise<Uint8Array> {
  return runAsync(leafHashSteps(entry), sha256);
}
