/**
 * Discretion benchmarks (裁量基准): for one penalty item, the range of penalty per circumstance. An agency
 * may set benchmarks and must publish them (行政处罚法 §34); review checks that a decision used them
 * properly (S-13), so the check is one pure function the cases and review areas share.
 */

/** The circumstances, lightest first (行政处罚法 §32–33; 国市监法规〔2022〕2号 裁量权指导意见). */
export const circumstances = ['exempt', 'mitigated', 'lighter', 'general', 'heavier'] as const;
export type Circumstance = (typeof circumstances)[number];

export const circumstanceLabels: Record<Circumstance, string> = {
  exempt: '不予处罚', // 行政处罚法 §33
  mitigated: '减轻处罚', // §32: below the statutory minimum
  lighter: '从轻处罚', // §32: within the range, towards its lower end
  general: '一般处罚',
  heavier: '从重处罚', // e.g. §49 emergencies, 食品安全法 §136 not applicable, repeat offences
};

export interface BenchmarkRange {
  circumstance: Circumstance;
  /** Fine range in integer fen, inclusive; both null: no fine in this circumstance. */
  minFen: number | null;
  maxFen: number | null;
  measures: string;
}

export interface BenchmarkedItem {
  kind: string;
  benchmarks: readonly BenchmarkRange[];
}

export type BenchmarkResult =
  | { outcome: 'within'; range: BenchmarkRange }
  | { outcome: 'outside'; range: BenchmarkRange; by: 'below' | 'above' | 'fine_not_allowed' }
  | { outcome: 'no_benchmark' };

/**
 * Whether a fine of `amountFen` lies within the item's benchmark for the circumstance. A circumstance
 * without a fine range (e.g. 不予处罚) allows no fine at all. Without a benchmark for the circumstance
 * the answer is `no_benchmark`: review then judges by the statute alone (行政处罚法 §34).
 */
export function benchmarkFor(
  item: BenchmarkedItem,
  circumstance: Circumstance,
  amountFen: number,
): BenchmarkResult {
  const range = item.benchmarks.find((b) => b.circumstance === circumstance);
  if (item.kind !== 'penalty' || !range) return { outcome: 'no_benchmark' };
  if (range.minFen === null || range.maxFen === null) {
    return amountFen === 0
      ? { outcome: 'within', range }
      : { outcome: 'outside', range, by: 'fine_not_allowed' };
  }
  if (amountFen < range.minFen) return { outcome: 'outside', range, by: 'below' };
  if (amountFen > range.maxFen) return { outcome: 'outside', range, by: 'above' };
  return { outcome: 'within', range };
}

/** Problems of a set of benchmarks, as `[index, field, message]`: what a form cannot check one row at a time. */
export function benchmarkProblems(
  kind: string,
  benchmarks: readonly BenchmarkRange[],
): { index: number; field: string; message: string }[] {
  const problems: { index: number; field: string; message: string }[] = [];
  benchmarks.forEach((b, i) => {
    // 行政处罚法 §34: benchmarks are for penalties; other kinds of action have none.
    if (kind !== 'penalty')
      problems.push({ index: i, field: 'circumstance', message: '只有行政处罚事项可以设置裁量基准' });
    if (benchmarks.findIndex((o) => o.circumstance === b.circumstance) !== i) {
      problems.push({
        index: i,
        field: 'circumstance',
        message: `「${circumstanceLabels[b.circumstance]}」重复`,
      });
    }
  });
  // Heavier circumstances never allow less than lighter ones: 从轻 ≤ 一般 ≤ 从重 (指导意见: 过罚相当).
  const fined = circumstances
    .map((c) => ({ c, i: benchmarks.findIndex((b) => b.circumstance === c) }))
    .filter(({ i }) => i >= 0 && benchmarks[i]?.minFen !== null);
  for (let k = 1; k < fined.length; k++) {
    const lighter = benchmarks[fined[k - 1]?.i ?? -1];
    const heavier = benchmarks[fined[k]?.i ?? -1];
    if (!lighter || !heavier || lighter.minFen === null || heavier.minFen === null) continue;
    if (heavier.minFen < lighter.minFen || (heavier.maxFen ?? 0) < (lighter.maxFen ?? 0)) {
      problems.push({
        index: fined[k]?.i ?? 0,
        field: 'minFen',
        message: `「${circumstanceLabels[heavier.circumstance]}」的幅度不能低于「${circumstanceLabels[lighter.circumstance]}」`,
      });
    }
  }
  return problems;
}
