import { benchmarkFor, type BenchmarkedItem, type Circumstance } from '../powers/discretion.rules.ts';
import type { LifecycleKind } from './lifecycles/lifecycle.ts';
import { heavierThanNotified, publishedSanctions, type CaseSanction } from './sanctions.rules.ts';

/**
 * The checks on a decision's content, pure: which outcomes a kind of case may have, the fine against the
 * item's discretion benchmark (outside it needs a written reason and makes the decision major, issue 5
 * item 7 / S-12), no heavier penalty than the one notified (行政处罚法 §45), and whether the decision is
 * published (docs/rules.md "Publicity").
 */

export type Outcome = 'penalty' | 'warning' | 'no_penalty' | 'grant' | 'refuse' | 'levy' | 'fee';

export const outcomesOf: Readonly<Record<LifecycleKind, readonly Outcome[]>> = {
  penalty_ordinary: ['penalty', 'warning', 'no_penalty'],
  penalty_summary: ['penalty', 'warning'],
  licensing: ['grant', 'refuse'],
  coercion: [],
  inspection: [],
  levy: ['levy'],
  fee: ['fee'],
};

export interface DecisionFacts {
  kind: LifecycleKind;
  outcome: Outcome;
  amountFen: number;
  circumstance: Circumstance | null;
  discretionReason: string | null;
  reason: string | null;
  /** The amount in the notice of the proposed penalty, if one was given. */
  proposedAmountFen: number | null;
  /** The decided sanctions of a `penalty` (sanctions.rules.ts `sanctionsOfRequest`); default one fine. */
  sanctions?: readonly CaseSanction[];
  /** The sanctions of the notice, when it listed them (else `proposedAmountFen` is one fine). */
  proposedSanctions?: readonly CaseSanction[] | null;
  /** Whether the request gave the list (problems then name `body.sanctions.N`, else `body.amountFen`). */
  listGiven?: boolean;
  /** The item's benchmarks in force on the decision date, when the case names a penalty item. */
  item: BenchmarkedItem | null;
}

export interface DecisionProblem {
  path: string;
  message: string;
}

export interface DecisionJudgement {
  problems: DecisionProblem[];
  benchmark: 'within' | 'outside' | 'no_benchmark' | null;
  /** Why the decision is major (for the review catalogue), e.g. `outside_benchmark`. */
  majorReasons: string[];
}

export function judgeDecision(f: DecisionFacts): DecisionJudgement {
  const problems: DecisionProblem[] = [];
  const majorReasons: string[] = [];
  if (!outcomesOf[f.kind].includes(f.outcome)) {
    problems.push({ path: 'body.outcome', message: '该类案件不能作出这种决定' });
  }
  const fined = f.outcome === 'penalty' || f.outcome === 'levy' || f.outcome === 'fee';
  const sanctions =
    f.sanctions ??
    (f.outcome === 'penalty' && f.amountFen > 0 ? [{ kind: 'fine' as const, amountFen: f.amountFen }] : []);
  if (f.outcome === 'penalty' && sanctions.length === 0) {
    problems.push(
      f.listGiven
        ? { path: 'body.sanctions', message: '请列出决定给予的行政处罚（行政处罚法 §9）' }
        : { path: 'body.amountFen', message: '请填写金额（分），或列出决定给予的行政处罚（sanctions）' },
    );
  } else if (fined && f.outcome !== 'penalty' && f.amountFen <= 0) {
    problems.push({ path: 'body.amountFen', message: '请填写金额（分）' });
  }
  if (!fined && f.amountFen !== 0) problems.push({ path: 'body.amountFen', message: '该决定不涉及金额' });
  // 行政许可法 §38: 不予许可的，应当说明理由; 行政处罚法 §33 likewise for no penalty
  if ((f.outcome === 'refuse' || f.outcome === 'no_penalty') && !f.reason?.trim()) {
    problems.push({ path: 'body.reason', message: '须说明理由' });
  }
  // 行政处罚法 §45: 不得因当事人陈述、申辩而给予更重的处罚 — no kind not notified, no amount above it
  const notified =
    f.proposedSanctions ??
    (f.proposedAmountFen === null
      ? null
      : f.proposedAmountFen > 0
        ? [{ kind: 'fine' as const, amountFen: f.proposedAmountFen }]
        : []);
  if (f.outcome === 'penalty' && notified !== null) {
    for (const p of heavierThanNotified(notified, sanctions))
      problems.push({
        path: f.listGiven ? `body.sanctions.${p.path}` : 'body.amountFen',
        message: p.message,
      });
  }
  let benchmark: DecisionJudgement['benchmark'] = null;
  if (f.outcome === 'penalty' && f.item && f.item.kind === 'penalty') {
    if (f.circumstance === null) {
      if (f.item.benchmarks.length > 0) {
        problems.push({ path: 'body.circumstance', message: '请选择裁量情形（裁量基准）' });
      }
      benchmark = 'no_benchmark';
    } else {
      const result = benchmarkFor(f.item, f.circumstance, f.amountFen);
      benchmark = result.outcome;
      if (result.outcome === 'outside') {
        // 行政处罚法 §34 and the agency's benchmark: outside it needs a written reason, and review (S-12)
        majorReasons.push('outside_benchmark');
        if (!f.discretionReason?.trim()) {
          problems.push({
            path: 'body.discretionReason',
            message: `罚款超出裁量基准（${rangeText(result.range.minFen, result.range.maxFen)}），须书面说明理由`,
          });
        }
      }
    }
  }
  return { problems, benchmark, majorReasons };
}

const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN')} 元`;
function rangeText(min: number | null, max: number | null): string {
  return min === null || max === null ? '不予罚款' : `${yuan(min)}至${yuan(max)}`;
}

/**
 * Whether a decision is published: ordinary-procedure penalty decisions other than a warning alone
 * (公示规定 §2; 通报批评 alone is published), and licensing decisions (国办发〔2018〕118号: within 7 working
 * days). Summary-procedure decisions and refusals are not published by default.
 */
export function mustPublish(
  kind: LifecycleKind,
  outcome: Outcome,
  sanctions: readonly CaseSanction[] | null = null,
): boolean {
  if (kind === 'penalty_ordinary')
    return outcome === 'penalty' && (sanctions === null || publishedSanctions(sanctions));
  if (kind === 'licensing') return outcome === 'grant';
  return false;
}
