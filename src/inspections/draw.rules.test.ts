import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import { drawFile } from './draw.schema.ts';
import {
  byteOrder,
  candidatesFor,
  checkCommitment,
  computeCommitmentSha256,
  drawSeed,
  drawSelection,
  drawStream,
  partialShuffle,
  rerunDraw,
  type DrawCommitment,
} from './draw.rules.ts';

const example = drawFile.parse(
  JSON.parse(
    fs.readFileSync(
      path.resolve(import.meta.dirname, '../../test/inspections/fixtures/draw-example.json'),
      'utf8',
    ),
  ),
);
const values = example.beacons.map((b) => b.value);

/** The commitment of the worked example of docs/random-inspection.md. */
const worked: DrawCommitment = {
  targets: {
    A: ['91430405MA4L0A001J', '91430405MA4L0A002M', '91430405MA4L0A003Q'],
    B: ['91430405MA4L0B001R', '91430405MA4L0B002W'],
  },
  counts: { A: 2, B: 1 },
  inspectors: ['43040020230001', '43040020230002', '43040020230003', '43040020230004'],
  recusals: [{ creditCode: '91430405MA4L0A001J', certificateNumber: '43040020230002' }],
};
const workedBeacons = [
  'RzIJh/mknVsAEZuWDyR6lWdz9XVDmCuL/LbaW7Ov2e8=',
  'b018c06ae007a388ec09982e9c3d2028c0df5b6dcf895a3c67c7908fa5c13e40',
];

const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err as AppError;
    throw err;
  }
  throw new Error('not refused');
};

describe('the seed binds the commitment and the public random values (sanxiang-draw/v1)', () => {
  it('hashes the commitment as RFC 8785 canonical JSON, lowercase hex', () => {
    expect(computeCommitmentSha256(worked)).toBe(
      '2c62438c7a516f6378572a19c1109fce8d28df3bee40acae7fa9fefcc793bc41',
    );
  });

  it('is SHA-256 of the algorithm, the commitment hash and each beacon value, one per line', () => {
    const seed = drawSeed(computeCommitmentSha256(worked), workedBeacons);
    expect(seed.toString('hex')).toBe('dac3da4e004952975b2b1d05d3b5d43321d14dceecf6293af47dcabf6550bcfa');
  });

  it('needs at least one beacon, none empty or holding a line break', () => {
    const h = computeCommitmentSha256(worked);
    expect(refusal(() => drawSeed(h, [])).code).toBe('VALIDATION_FAILED');
    expect(refusal(() => drawSeed(h, ['a\nb'])).errors[0]?.path).toBe('beacons.0.value');
  });
});

describe('the random stream: HMAC-SHA-256(seed, uint64 BE counter) read as uint32 BE words', () => {
  const seed = Buffer.from('dac3da4e004952975b2b1d05d3b5d43321d14dceecf6293af47dcabf6550bcfa', 'hex');

  it('gives counter 0’s eight words, then counter 1’s', () => {
    const stream = drawStream(seed);
    const words = Array.from({ length: 9 }, () => stream.nextWord());
    expect(words).toEqual([
      2879406564, 2684076337, 86338143, 966337137, 3228410881, 2644375161, 134873649, 667330260, 664153562,
    ]);
  });

  it('uniform(n) skips words at or above 2³² − (2³² mod n)', () => {
    // n = 2³¹ + 1: limit 2147483649, so words 0 and 1 are skipped and word 2 is taken
    expect(drawStream(seed).uniform(2 ** 31 + 1)).toBe(86338143);
  });

  it('uniform(1) still takes a word and returns 0', () => {
    const stream = drawStream(seed);
    expect(stream.uniform(1)).toBe(0);
    expect(stream.nextWord()).toBe(2684076337);
  });
});

describe('the draw: targets per grade A–D, then two inspectors per target (58号; 监督检查管理办法 §23)', () => {
  it('reproduces the worked example of the docs', () => {
    expect(drawSelection(worked, workedBeacons)).toEqual({
      seed: 'dac3da4e004952975b2b1d05d3b5d43321d14dceecf6293af47dcabf6550bcfa',
      selection: [
        { creditCode: '91430405MA4L0A001J', inspectors: ['43040020230001', '43040020230004'] },
        { creditCode: '91430405MA4L0A003Q', inspectors: ['43040020230002', '43040020230001'] },
        { creditCode: '91430405MA4L0B002W', inspectors: ['43040020230001', '43040020230004'] },
      ],
    });
  });

  it('reproduces the example draw file', () => {
    expect(rerunDraw(example)).toMatchObject({
      commitmentSha256: example.commitmentSha256,
      seed: example.seed,
      selection: example.selection,
      differences: [],
    });
  });

  it('draws from each grade its count, and nothing from a grade of count 0 or absent', () => {
    const { selection } = drawSelection(example.commitment, values);
    const grade = (code: string) =>
      (['A', 'B', 'C', 'D'] as const).find((g) => example.commitment.targets[g]?.includes(code));
    expect(selection.map((s) => grade(s.creditCode))).toEqual(['A', 'A', 'B', 'B', 'B', 'C']);
  });

  it('never draws a recused inspector for the target, and two different inspectors', () => {
    const { selection } = drawSelection(example.commitment, values);
    for (const { creditCode, inspectors } of selection) {
      expect(new Set(inspectors).size).toBe(2);
      for (const inspector of inspectors)
        expect(candidatesFor(example.commitment, creditCode)).toContain(inspector);
    }
  });

  it('changes with one beacon changed', () => {
    const other = drawSelection(example.commitment, [values[0]!, '03 08 15 21 27 33 + 12', values[2]!]);
    expect(other.seed).not.toBe(example.seed);
    expect(other.selection).not.toEqual(example.selection);
  });

  it('takes no word from the stream for a grade of count 0', () => {
    const stream = drawStream(drawSeed(computeCommitmentSha256(worked), workedBeacons));
    expect(partialShuffle(example.commitment.targets.D!, 0, stream)).toEqual([]);
    expect(stream.nextWord()).toBe(2879406564); // still word 0
  });
});

describe('a commitment that cannot be drawn is refused before any beacon is known', () => {
  const base = example.commitment;

  it('refuses a grade with fewer targets than its count', () => {
    const e = refusal(() => checkCommitment({ ...base, counts: { ...base.counts, D: 4 } }));
    expect([e.code, e.errors[0]?.path]).toEqual(['DRAW_TARGETS_TOO_FEW', 'commitment.counts.D']);
    expect(e.detail).toBe('D 级要抽取 4 个检查对象，名录中只有 3 个');
  });

  it('refuses a count for a grade without targets', () => {
    const e = refusal(() => checkCommitment({ ...worked, counts: { ...worked.counts, C: 1 } }));
    expect(e.code).toBe('DRAW_TARGETS_TOO_FEW');
  });

  it('refuses a target left with fewer than two inspectors after recusal, drawn or not', () => {
    const target = base.targets.D![0]!;
    const recusals = base.inspectors
      .slice(1)
      .map((certificateNumber) => ({ creditCode: target, certificateNumber }));
    const e = refusal(() =>
      checkCommitment({
        ...base,
        recusals: [...base.recusals, ...recusals].sort(
          (a, b) =>
            byteOrder(a.creditCode, b.creditCode) || byteOrder(a.certificateNumber, b.certificateNumber),
        ),
      }),
    );
    expect([e.code, e.errors[0]?.path]).toEqual(['DRAW_CANDIDATES_TOO_FEW', 'commitment.targets.D.0']);
  });

  it('refuses a credit code listed twice, also in two grades, and a certificate number listed twice', () => {
    const twice = { ...base, targets: { ...base.targets, D: [...base.targets.D!, base.targets.A![0]!] } };
    expect(refusal(() => checkCommitment(twice)).errors[0]?.path).toBe('commitment.targets.D.3');
    const pool = { ...base, inspectors: [base.inspectors[0]!, ...base.inspectors] };
    const e = refusal(() => checkCommitment(pool));
    expect([e.code, e.errors[0]?.path]).toEqual(['DRAW_DUPLICATE_ENTRY', 'commitment.inspectors.1']);
  });

  it('refuses a list out of UTF-8 byte order', () => {
    const e = refusal(() => checkCommitment({ ...base, inspectors: [...base.inspectors].reverse() }));
    expect([e.code, e.errors[0]?.path]).toEqual(['DRAW_LIST_UNSORTED', 'commitment.inspectors.1']);
    // byte order, not UTF-16 order: U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80)
    expect(() =>
      checkCommitment({ ...worked, inspectors: [...worked.inspectors, 'Ａ', '😀'] }),
    ).not.toThrow();
    expect(
      refusal(() => checkCommitment({ ...worked, inspectors: [...worked.inspectors, '😀', 'Ａ'] })).code,
    ).toBe('DRAW_LIST_UNSORTED');
  });

  it('refuses a recusal naming an inspector outside the pool', () => {
    const e = refusal(() =>
      checkCommitment({
        ...worked,
        recusals: [{ creditCode: '91430405MA4L0A001J', certificateNumber: '43040020239999' }],
      }),
    );
    expect([e.code, e.errors[0]?.path]).toEqual([
      'VALIDATION_FAILED',
      'commitment.recusals.0.certificateNumber',
    ]);
  });

  it('refuses to re-run a draw of another algorithm', () => {
    expect(refusal(() => rerunDraw({ ...example, algorithm: 'sanxiang-draw/v2' })).code).toBe(
      'DRAW_ALGORITHM_UNKNOWN',
    );
  });
});

describe('re-running a published draw names each difference', () => {
  it('names the seed and the changed selection when a beacon value was altered after the draw', () => {
    const altered = {
      ...example,
      beacons: example.beacons.map((b, i) => (i === 1 ? { ...b, value: '03 08 15 21 27 33 + 12' } : b)),
    };
    const paths = rerunDraw(altered).differences.map((d) => d.path);
    expect(paths[0]).toBe('seed');
    expect(paths.some((p) => p.startsWith('selection.'))).toBe(true);
  });

  it('names the commitment hash when the commitment was changed', () => {
    const changed = { ...example, commitment: { ...example.commitment, counts: { A: 1, B: 3, C: 1, D: 0 } } };
    expect(rerunDraw(changed).differences[0]?.path).toBe('commitmentSha256');
  });
});
