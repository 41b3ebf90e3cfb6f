import { describe, expect, it } from 'vitest';
import { benchmarkFor, benchmarkProblems, type BenchmarkRange } from './discretion.rules.ts';

const ranges: BenchmarkRange[] = [
  { circumstance: 'exempt', minFen: null, maxFen: null, measures: '责令改正' },
  { circumstance: 'lighter', minFen: 5_000_000, maxFen: 6_500_000, measures: '' },
  { circumstance: 'general', minFen: 6_500_000, maxFen: 8_500_000, measures: '' },
  { circumstance: 'heavier', minFen: 8_500_000, maxFen: 10_000_000, measures: '' },
];
const item = { kind: 'penalty', benchmarks: ranges };

describe('benchmarkFor (行政处罚法 §34)', () => {
  it('answers within for a fine inside the circumstance’s range, both ends included', () => {
    expect(benchmarkFor(item, 'general', 6_500_000).outcome).toBe('within');
    expect(benchmarkFor(item, 'general', 8_500_000).outcome).toBe('within');
  });
  it('says which side a fine outside the range falls on', () => {
    expect(benchmarkFor(item, 'lighter', 4_999_999)).toMatchObject({ outcome: 'outside', by: 'below' });
    expect(benchmarkFor(item, 'heavier', 10_000_001)).toMatchObject({ outcome: 'outside', by: 'above' });
  });
  it('allows no fine where the circumstance has no fine range (不予处罚, §33)', () => {
    expect(benchmarkFor(item, 'exempt', 0).outcome).toBe('within');
    expect(benchmarkFor(item, 'exempt', 100)).toMatchObject({ outcome: 'outside', by: 'fine_not_allowed' });
  });
  it('has no benchmark for a missing circumstance or a kind other than penalty', () => {
    expect(benchmarkFor(item, 'mitigated', 100).outcome).toBe('no_benchmark');
    expect(benchmarkFor({ kind: 'licensing', benchmarks: ranges }, 'general', 7_000_000).outcome).toBe(
      'no_benchmark',
    );
  });
});

describe('benchmarkProblems', () => {
  it('accepts ordered ranges', () => {
    expect(benchmarkProblems('penalty', ranges)).toEqual([]);
  });
  it('refuses benchmarks on other kinds, repeated circumstances and a heavier range below a lighter one', () => {
    expect(benchmarkProblems('inspection', [ranges[1]!]).map((p) => p.message)).toEqual([
      '只有行政处罚事项可以设置裁量基准',
    ]);
    const repeated = benchmarkProblems('penalty', [ranges[1]!, ranges[1]!]);
    expect(repeated.some((p) => p.message === '「从轻处罚」重复')).toBe(true);
    const inverted = benchmarkProblems('penalty', [
      { circumstance: 'general', minFen: 100, maxFen: 200, measures: '' },
      { circumstance: 'heavier', minFen: 50, maxFen: 150, measures: '' },
    ]);
    expect(inverted).toEqual([
      { index: 1, field: 'minFen', message: '「从重处罚」的幅度不能低于「一般处罚」' },
    ]);
  });
});
