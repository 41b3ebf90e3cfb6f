import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';

/**
 * Issue 15, "done when": sanxiang-draw/v1 re-implemented from docs/random-inspection.md alone — nothing
 * from src/ is imported (RFC 8785 by the `canonicalize` package, hashes by node:crypto) — reproduces the
 * draws the project published and the docs' worked example, and one beacon changed changes the selection.
 *
 * DRAW_FILES lists the published draw files this re-implementation must reproduce; add a draw here.
 */
const root = path.resolve(import.meta.dirname, '../..');
const DRAW_FILES = [
  'test/inspections/fixtures/draw-example.json',
  'test/inspections/fixtures/demo-draw.json',
];

type Grade = 'A' | 'B' | 'C' | 'D';
interface Commitment {
  targets: Partial<Record<Grade, string[]>>;
  counts: Partial<Record<Grade, number>>;
  inspectors: string[];
  recusals: { creditCode: string; certificateNumber: string }[];
}
interface Draw {
  algorithm: string;
  commitment: Commitment;
  commitmentSha256: string;
  beacons: { kind: string; source: string; value: string }[];
  seed: string;
  selection: { creditCode: string; inspectors: string[] }[];
}

// --- the algorithm, as the docs write it -------------------------------------------------------------

/** §1: lowercase hex SHA-256 of the RFC 8785 canonical JSON. */
const commitmentHash = (c: Commitment) => createHash('sha256').update(canonicalize(c)!, 'utf8').digest('hex');

/** §1: strictly ascending UTF-8 byte order. */
const ascending = (list: string[]) =>
  list.every(
    (s, i) => i === 0 || Buffer.compare(Buffer.from(list[i - 1]!, 'utf8'), Buffer.from(s, 'utf8')) < 0,
  );

/** §3: the seed input, one line per part, each ending in a line feed. */
const seedInput = (hash: string, values: string[]) =>
  `sanxiang-draw/v1\n${hash}\n${values.map((v) => `${v}\n`).join('')}`;
const seedOf = (hash: string, values: string[]) =>
  createHash('sha256').update(seedInput(hash, values), 'utf8').digest();

/** §4: HMAC-SHA-256(seed, uint64 BE counter) concatenated, read as uint32 BE words. */
function* words(seed: Buffer): Generator<number, never> {
  for (let counter = 0n; ; counter++) {
    const message = Buffer.alloc(8);
    message.writeBigUInt64BE(counter);
    const block = createHmac('sha256', seed).update(message).digest();
    for (let i = 0; i < 32; i += 4) yield block.readUInt32BE(i);
  }
}

function uniform(stream: Generator<number, never>, n: number): number {
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    const w = stream.next().value;
    if (w < limit) return w % n;
  }
}

/** §5: partial Fisher–Yates; the first k, in order. */
function pick(stream: Generator<number, never>, list: string[], k: number): string[] {
  const l = [...list];
  for (let j = 0; j < k; j++) {
    const r = j + uniform(stream, l.length - j);
    [l[j], l[r]] = [l[r]!, l[j]!];
  }
  return l.slice(0, k);
}

function draw(c: Commitment, values: string[]) {
  const seed = seedOf(commitmentHash(c), values);
  const stream = words(seed);
  const targets = (['A', 'B', 'C', 'D'] as const).flatMap((g) =>
    pick(stream, c.targets[g] ?? [], c.counts[g] ?? 0),
  );
  const selection = targets.map((creditCode) => {
    const recused = c.recusals.filter((r) => r.creditCode === creditCode).map((r) => r.certificateNumber);
    const candidates = c.inspectors.filter((i) => !recused.includes(i));
    return { creditCode, inspectors: pick(stream, candidates, 2) };
  });
  return { seed: seed.toString('hex'), selection };
}

// --- the draws to reproduce ----------------------------------------------------------------------------

const docs = fs.readFileSync(path.join(root, 'docs/random-inspection.md'), 'utf8');
const workedSection = docs.slice(docs.indexOf('## 7. Worked example'));
const worked = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(workedSection)![1]!) as Draw;

const draws: [string, Draw][] = [
  ['the worked example of docs/random-inspection.md', worked],
  ...DRAW_FILES.map((file): [string, Draw] => [
    file,
    JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Draw,
  ]),
];

describe.each(draws)('sanxiang-draw/v1 re-implemented from the docs reproduces %s', (_name, file) => {
  const values = file.beacons.map((b) => b.value);

  it('is a sanxiang-draw/v1 draw over sorted lists', () => {
    expect(file.algorithm).toBe('sanxiang-draw/v1');
    const c = file.commitment;
    for (const list of [...Object.values(c.targets), c.inspectors]) expect(ascending(list)).toBe(true);
    expect(ascending(c.recusals.map((r) => `${r.creditCode}\u0000${r.certificateNumber}`))).toBe(true);
  });

  it('gives the published commitment hash, seed and selection', () => {
    expect(commitmentHash(file.commitment)).toBe(file.commitmentSha256);
    expect(draw(file.commitment, values)).toEqual({ seed: file.seed, selection: file.selection });
  });

  it('gives another seed and another selection when one beacon changes', () => {
    for (let i = 0; i < values.length; i++) {
      const changed = values.map((v, j) => (j === i ? `${v.slice(0, -1)}${v.endsWith('0') ? '1' : '0'}` : v));
      const other = draw(file.commitment, changed);
      expect(other.seed).not.toBe(file.seed);
      expect(other.selection).not.toEqual(file.selection);
    }
  });
});

describe('the numbers the worked example writes down', () => {
  const seed = Buffer.from(worked.seed, 'hex');

  it('canonical JSON, seed input and seed', () => {
    expect(workedSection).toContain('\n' + canonicalize(worked.commitment) + '\n');
    expect(workedSection).toContain(
      '\n' +
        seedInput(
          worked.commitmentSha256,
          worked.beacons.map((b) => b.value),
        ),
    );
    expect(
      seedOf(
        worked.commitmentSha256,
        worked.beacons.map((b) => b.value),
      ).toString('hex'),
    ).toBe(worked.seed);
  });

  it('the first sixteen words of the stream', () => {
    const stream = words(seed);
    const first = Array.from({ length: 16 }, () => stream.next().value);
    expect(workedSection).toContain(`words 0–7:\n${first.slice(0, 8).join(' ')}.`);
    expect(workedSection).toContain(`words 8–15:\n${first.slice(8).join(' ')}.`);
  });

  it('uniform(2³¹ + 1) rejects words 0 and 1 and takes word 2', () => {
    expect(uniform(words(seed), 2 ** 31 + 1)).toBe(86338143);
  });
});
