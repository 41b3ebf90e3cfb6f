import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordLogError } from './errors.ts';
import type { RecordLogErrorCode } from './errors.ts';
import {
  EMPTY_ROOT,
  leafHash,
  nodeHash,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';
import { leafHashAsync, verifyConsistencyAsync, verifyInclusionAsync } from './merkle-verify.ts';
import { consistencyProof, inclusionProof, memoryHashReader, treeRoot } from './proofs.ts';

// RFC 6962 vectors from transparency-dev/merkle's testdata (see the folder's README). A missing folder
// must fail this file, never skip it: readdirSync throws while the suite is being collected.
const VECTORS = path.resolve(import.meta.dirname, '../../../test/fixtures/merkle-vectors');

function jsonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? jsonFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => f.endsWith('.json'))
    .sort();
}

const b64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  wantErr: boolean;
}
interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  wantErr: boolean;
}

const load = <T>(file: string) =>
  [path.relative(VECTORS, file), JSON.parse(fs.readFileSync(file, 'utf8')) as T] as const;
const inclusionVectors = jsonFiles(path.join(VECTORS, 'inclusion')).map((f) => load<InclusionVector>(f));
const consistencyVectors = jsonFiles(path.join(VECTORS, 'consistency')).map((f) =>
  load<ConsistencyVector>(f),
);

/** Runs fn and returns the RecordLogError code it threw, or null; anything else thrown fails the test. */
function codeOf(fn: () => void): RecordLogErrorCode | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof RecordLogError) return error.code;
    throw error;
  }
}

async function codeOfAsync(run: Promise<void>): Promise<RecordLogErrorCode | null> {
  try {
    await run;
    return null;
  } catch (error) {
    if (error instanceof RecordLogError) return error.code;
    throw error;
  }
}

// The leaves behind the vectors (transparency-dev/merkle testonly, the RFC 6962 test tree).
const VECTOR_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const vectorLeafHashes = VECTOR_LEAVES.map((h) => leafHash(Buffer.from(h, 'hex')));

describe('reference vectors (transparency-dev/merkle)', () => {
  it('are all there', () => {
    expect(inclusionVectors.length).toBeGreaterThanOrEqual(98);
    expect(consistencyVectors.length).toBeGreaterThanOrEqual(98);
  });

  it.each(inclusionVectors)('inclusion %s', (_name, v) => {
    const run = () =>
      verifyInclusion(v.leafIdx, v.treeSize, b64(v.leafHash), (v.proof ?? []).map(b64), b64(v.root));
    expect(codeOf(run) !== null).toBe(v.wantErr);
  });

  it.each(consistencyVectors)('consistency %s', (_name, v) => {
    const run = () =>
      verifyConsistency(v.size1, v.size2, (v.proof ?? []).map(b64), b64(v.root1), b64(v.root2));
    expect(codeOf(run) !== null).toBe(v.wantErr);
  });

  // The browser's driver (WebCrypto, asynchronous) runs the same algorithm on the same vectors.
  it.each(inclusionVectors)('inclusion with WebCrypto %s', async (_name, v) => {
    const run = verifyInclusionAsync(
      v.leafIdx,
      v.treeSize,
      b64(v.leafHash),
      (v.proof ?? []).map(b64),
      b64(v.root),
    );
    expect(await codeOfAsync(run)).toBe(
      codeOf(() =>
        verifyInclusion(v.leafIdx, v.treeSize, b64(v.leafHash), (v.proof ?? []).map(b64), b64(v.root)),
      ),
    );
    expect((await codeOfAsync(run)) !== null).toBe(v.wantErr);
  });

  it.each(consistencyVectors)('consistency with WebCrypto %s', async (_name, v) => {
    const run = verifyConsistencyAsync(
      v.size1,
      v.size2,
      (v.proof ?? []).map(b64),
      b64(v.root1),
      b64(v.root2),
    );
    expect((await codeOfAsync(run)) !== null).toBe(v.wantErr);
  });

  it('leaf hashes agree between Node and WebCrypto', async () => {
    for (const [i, h] of VECTOR_LEAVES.entries())
      expect(hex(await leafHashAsync(Buffer.from(h, 'hex')))).toBe(hex(vectorLeafHashes[i]!));
  });

  it('rootFromLeafHashes gives the root of every happy-path vector', () => {
    const happy = [
      ...inclusionVectors
        .filter(([, v]) => !v.wantErr && v.treeSize > 1)
        .map(([, v]) => [v.treeSize, v.root] as const),
      ...consistencyVectors
        .filter(([, v]) => !v.wantErr && v.size1 < v.size2)
        .map(([, v]) => [v.size2, v.root2] as const),
    ];
    expect(happy.length).toBeGreaterThan(5);
    for (const [size, root] of happy)
      expect(hex(rootFromLeafHashes(vectorLeafHashes.slice(0, size)))).toBe(hex(b64(root)));
  });
});

describe('hashing (RFC 6962 §2.1)', () => {
  it('hashes the empty tree, a leaf and a node with the RFC prefixes', () => {
    expect(hex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(rootFromLeafHashes([]))).toBe(hex(EMPTY_ROOT));
    expect(hex(leafHash(new Uint8Array()))).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    const [a, b] = [vectorLeafHashes[0]!, vectorLeafHashes[1]!];
    expect(hex(nodeHash(a, b))).toBe(hex(rootFromLeafHashes([a, b])));
    expect(hex(rootFromLeafHashes([a]))).toBe(hex(a));
  });

  it('matches the RFC 6962 recursive definition for sizes 0..70', () => {
    const leaves = leafHashes(70);
    for (let n = 0; n <= 70; n++)
      expect(hex(rootFromLeafHashes(leaves.slice(0, n)))).toBe(hex(mth(leaves.slice(0, n))));
  });
});

describe('verifyInclusion edge cases', () => {
  const leaves = leafHashes(8);
  const root = rootFromLeafHashes(leaves);

  it('accepts a tree of size 1 with an empty proof', () => {
    expect(codeOf(() => verifyInclusion(0, 1, leaves[0]!, [], leaves[0]!))).toBeNull();
  });

  it('rejects an index at or past the size, and sizes that are not safe integers', () => {
    expect(codeOf(() => verifyInclusion(1, 1, leaves[0]!, [], leaves[0]!))).toBe('INDEX_OUT_OF_RANGE');
    expect(codeOf(() => verifyInclusion(0, 0, leaves[0]!, [], EMPTY_ROOT))).toBe('INDEX_OUT_OF_RANGE');
    expect(codeOf(() => verifyInclusion(-1, 8, leaves[0]!, [], root))).toBe('INDEX_OUT_OF_RANGE');
    expect(codeOf(() => verifyInclusion(0, 2 ** 64, leaves[0]!, [], root))).toBe('INVALID_SIZE');
    expect(codeOf(() => verifyInclusion(0.5, 8, leaves[0]!, [], root))).toBe('INDEX_OUT_OF_RANGE');
  });

  it('rejects proofs that are too short or too long, and hashes that are not 32 bytes', async () => {
    const proof = await inclusionProof(3, 8, memoryHashReader(leaves));
    expect(codeOf(() => verifyInclusion(3, 8, leaves[3]!, proof, root))).toBeNull();
    expect(codeOf(() => verifyInclusion(3, 8, leaves[3]!, proof.slice(1), root))).toBe('WRONG_PROOF_LENGTH');
    expect(codeOf(() => verifyInclusion(3, 8, leaves[3]!, [...proof, root], root))).toBe(
      'WRONG_PROOF_LENGTH',
    );
    expect(codeOf(() => verifyInclusion(3, 8, leaves[3]!.slice(1), proof, root))).toBe('WRONG_HASH_LENGTH');
    expect(
      codeOf(() => verifyInclusion(3, 8, leaves[3]!, [proof[0]!.slice(1), ...proof.slice(1)], root)),
    ).toBe('WRONG_HASH_LENGTH');
    expect(codeOf(() => verifyInclusion(3, 8, leaves[2]!, proof, root))).toBe('ROOT_MISMATCH');
  });
});

describe('verifyConsistency edge cases', () => {
  const leaves = leafHashes(8);
  const root = (n: number) => rootFromLeafHashes(leaves.slice(0, n));

  it('handles equal sizes, size1 > size2, the empty tree and empty proofs', () => {
    expect(codeOf(() => verifyConsistency(8, 8, [], root(8), root(8)))).toBeNull();
    expect(codeOf(() => verifyConsistency(8, 8, [root(8)], root(8), root(8)))).toBe('WRONG_PROOF_LENGTH');
    expect(codeOf(() => verifyConsistency(8, 8, [], root(7), root(8)))).toBe('ROOT_MISMATCH');
    expect(codeOf(() => verifyConsistency(5, 4, [], root(5), root(4)))).toBe('INVALID_SIZE');
    expect(codeOf(() => verifyConsistency(0, 4, [], EMPTY_ROOT, root(4)))).toBe('INVALID_SIZE');
    expect(codeOf(() => verifyConsistency(3, 8, [], root(3), root(8)))).toBe('WRONG_PROOF_LENGTH');
  });

  it('rejects a proof with a hash missing or added', async () => {
    const proof = await consistencyProof(3, 8, memoryHashReader(leaves));
    expect(codeOf(() => verifyConsistency(3, 8, proof, root(3), root(8)))).toBeNull();
    expect(codeOf(() => verifyConsistency(3, 8, proof.slice(0, -1), root(3), root(8)))).toBe(
      'WRONG_PROOF_LENGTH',
    );
    expect(codeOf(() => verifyConsistency(3, 8, [...proof, root(8)], root(3), root(8)))).toBe(
      'WRONG_PROOF_LENGTH',
    );
    expect(codeOf(() => verifyConsistency(3, 8, proof, root(4), root(8)))).toBe('ROOT_MISMATCH');
  });
});

describe('generated proofs (property style)', () => {
  const leaves = leafHashes(70);

  it('inclusion: every index of every size 1..70 verifies and equals the RFC PATH', async () => {
    for (let n = 1; n <= 70; n++) {
      const tree = leaves.slice(0, n);
      const [reader, root] = [memoryHashReader(tree), rootFromLeafHashes(tree)];
      expect(hex(await treeRoot(n, reader))).toBe(hex(root));
      for (let i = 0; i < n; i++) {
        const proof = await inclusionProof(i, n, reader);
        expect(proof.map(hex)).toEqual(path_(i, tree).map(hex));
        expect(codeOf(() => verifyInclusion(i, n, tree[i]!, proof, root))).toBeNull();
        if (proof.length > 0)
          expect(codeOf(() => verifyInclusion(i, n, tree[i]!, flipLast(proof), root))).not.toBeNull();
      }
    }
  });

  it('consistency: every 1 ≤ m ≤ n ≤ 40 verifies and equals the RFC PROOF', async () => {
    for (let n = 1; n <= 40; n++) {
      const tree = leaves.slice(0, n);
      const reader = memoryHashReader(tree);
      for (let m = 1; m <= n; m++) {
        const proof = await consistencyProof(m, n, reader);
        expect(proof.map(hex)).toEqual(subproof(m, tree, true).map(hex));
        const [r1, r2] = [rootFromLeafHashes(tree.slice(0, m)), rootFromLeafHashes(tree)];
        expect(codeOf(() => verifyConsistency(m, n, proof, r1, r2))).toBeNull();
        if (proof.length > 0)
          expect(codeOf(() => verifyConsistency(m, n, flipLast(proof), r1, r2))).not.toBeNull();
      }
    }
  });
});

function leafHashes(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));
}

function flipLast(proof: readonly Uint8Array[]): Uint8Array[] {
  const copy = proof.map((h) => h.slice());
  copy[copy.length - 1]![0]! ^= 1;
  return copy;
}

// Independent, literal transcriptions of RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 over leaf hashes.
function k(n: number): number {
  return 2 ** Math.floor(Math.log2(n - 1));
}
function mth(d: Uint8Array[]): Uint8Array {
  if (d.length === 0) return EMPTY_ROOT;
  if (d.length === 1) return d[0]!;
  return nodeHash(mth(d.slice(0, k(d.length))), mth(d.slice(k(d.length))));
}
function path_(m: number, d: Uint8Array[]): Uint8Array[] {
  if (d.length === 1) return [];
  const s = k(d.length);
  return m < s
    ? [...path_(m, d.slice(0, s)), mth(d.slice(s))]
    : [...path_(m - s, d.slice(s)), mth(d.slice(0, s))];
}
function subproof(m: number, d: Uint8Array[], b: boolean): Uint8Array[] {
  if (m === d.length) return b ? [] : [mth(d)];
  const s = k(d.length);
  return m <= s
    ? [...subproof(m, d.slice(0, s), b), mth(d.slice(s))]
    : [...subproof(m - s, d.slice(s), false), mth(d.slice(0, s))];
}
