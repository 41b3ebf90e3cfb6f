import { benchmarkFor, circumstanceLabels } from '../../powers/discretion.rules.ts';
import type { ReviewPackage } from '../package.ts';
import type { PrecheckResult } from './precheck.ts';

const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;

/** Is the proposed fine within the item's discretion benchmark (行政处罚法 §34)? */
export function outsideBenchmark(pkg: ReviewPackage): boolean {
  if (pkg.kind !== 'penalty' || !pkg.item || !pkg.proposed.circumstance) return false;
  return benchmarkFor(pkg.item, pkg.proposed.circumstance, pkg.proposed.amountFen).outcome === 'outside';
}

/**
 * 行政处罚法 §34: the fine lies within the benchmark for the stated circumstance; outside it needs a written
 * reason (issue 5 item 7) and makes the decision major (catalogue); without a benchmark the reviewer
 * judges by the statute alone.
 */
export function discretionCheck(pkg: ReviewPackage): PrecheckResult {
  const base = { code: 'benchmark', label: '罚款在裁量基准之内', point: 'discretion' as const };
  const basis = '行政处罚法 §34；裁量基准';
  if (pkg.kind !== 'penalty')
    return { ...base, status: 'pass', basis, evidence: ['非行政处罚案件，不适用裁量基准'] };
  const { circumstance, amountFen, discretionReason } = pkg.proposed;
  if (!pkg.item)
    return { ...base, status: 'fail', basis, evidence: ['案件未关联执法事项，无法核对裁量基准'] };
  if (!circumstance) return { ...base, status: 'fail', basis, evidence: ['未写明适用的裁量情形'] };
  const result = benchmarkFor(pkg.item, circumstance, amountFen);
  const stated = `拟罚款 ${yuan(amountFen)}，情形“${circumstanceLabels[circumstance]}”`;
  if (result.outcome === 'no_benchmark') {
    return { ...base, status: 'warn', basis, evidence: [`${stated}：该情形没有裁量基准，按法定幅度审核`] };
  }
  const { range } = result;
  const bounds =
    range.minFen === null || range.maxFen === null
      ? '该情形不予罚款'
      : `基准 ${yuan(range.minFen)}–${yuan(range.maxFen)}`;
  if (result.outcome === 'within')
    return { ...base, status: 'pass', basis, evidence: [`${stated}，${bounds}`] };
  const reason = discretionReason.trim();
  return {
    ...base,
    status: reason ? 'warn' : 'fail',
    basis,
    evidence: [`${stated}，超出${bounds}`, reason ? `书面理由：${reason}` : '超出裁量基准却没有书面说明理由'],
  };
}
