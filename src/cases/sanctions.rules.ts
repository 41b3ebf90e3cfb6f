/**
 * The sanctions of a penalty case as a list (行政处罚法 §9): the ones proposed in the notice (§44) and the
 * ones decided. One list drives the hearing right (§63), the no-heavier-than-notified check (§45), whether
 * the decision is published (公示规定 §2) and its publicity period and early end (公示规定 §13, §14).
 * Pure.
 */
import type { Sanction as PublicitySanction } from '../publicity/deadlines.rules.ts';
import { addCalendarDays, addMonths, addYears } from '../platform/calendar/working-days.rules.ts';
import { sanctionKindLabels, type ProposedSanction, type SanctionKind } from './hearing-right.rules.ts';

export type { ProposedSanction as CaseSanction } from './hearing-right.rules.ts';

/** Kinds measured in money: the fine, and the value of what is confiscated. */
export const amountKinds: ReadonlySet<SanctionKind> = new Set(['fine', 'confiscation']);

/**
 * Kinds that last for a stated time (行政处罚法 §9 (三)(四)(五)): the suspension of a licence, of
 * production or business, the restriction of business activities and of employment. The decision states
 * how long; 限制从业 may be for life where a law sets it.
 */
export const termKinds: ReadonlySet<SanctionKind> = new Set([
  'licence_suspension',
  'suspension_of_business',
  'production_restriction',
  'employment_restriction',
]);

const unitLabels = { day: '日', month: '个月', year: '年' } as const;

/** 六个月, 三十日, 五年: a term as a decision states it. */
export function termText(s: ProposedSanction): string {
  if (s.lifelong) return '终身';
  return s.term ? `${s.term.value}${unitLabels[s.term.unit]}` : '';
}

export interface SanctionProblem {
  /** Relative to the list, e.g. `1.amountFen`. */
  path: string;
  message: string;
}

/** What is wrong with a list of sanctions: amounts where needed and only there, each kind once. */
export function sanctionListProblems(list: readonly ProposedSanction[]): SanctionProblem[] {
  const problems: SanctionProblem[] = [];
  const seen = new Set<SanctionKind>();
  list.forEach((s, i) => {
    const label = sanctionKindLabels[s.kind];
    if (seen.has(s.kind)) problems.push({ path: `${i}.kind`, message: `「${label}」重复列出` });
    seen.add(s.kind);
    if (amountKinds.has(s.kind) && !(s.amountFen !== undefined && s.amountFen > 0))
      problems.push({
        path: `${i}.amountFen`,
        message: s.kind === 'fine' ? '罚款须填写金额' : '没收须填写违法所得和非法财物的价值',
      });
    if (!amountKinds.has(s.kind) && s.amountFen !== undefined && s.amountFen !== 0)
      problems.push({ path: `${i}.amountFen`, message: `「${label}」不填写金额` });
    if (termKinds.has(s.kind) && !s.term && !s.lifelong)
      problems.push({ path: `${i}.term`, message: `「${label}」须写明期限` });
    if (!termKinds.has(s.kind) && (s.term || s.lifelong))
      problems.push({ path: `${i}.term`, message: `「${label}」不填写期限` });
    if (s.lifelong && s.kind !== 'employment_restriction')
      problems.push({ path: `${i}.lifelong`, message: '只有限制从业可以是终身' });
  });
  return problems;
}

/** The fine of the list in fen (0 when there is none): what `amountFen` means on a case. */
export function fineOf(list: readonly ProposedSanction[]): number {
  return list.reduce((sum, s) => sum + (s.kind === 'fine' ? (s.amountFen ?? 0) : 0), 0);
}

/**
 * The list a request means: the list when given; else, for backwards compatibility, one fine of the
 * amount (a request with an amount and no list), or nothing. A list given with an amount must agree.
 */
export function sanctionsOfRequest(
  list: readonly ProposedSanction[] | null,
  amountFen: number | null,
): { sanctions: ProposedSanction[]; mismatch: boolean } {
  if (list === null)
    return { sanctions: amountFen && amountFen > 0 ? [{ kind: 'fine', amountFen }] : [], mismatch: false };
  const sanctions = list.map((s) =>
    amountKinds.has(s.kind)
      ? { kind: s.kind, ...(s.amountFen !== undefined ? { amountFen: s.amountFen } : {}) }
      : termKinds.has(s.kind)
        ? { kind: s.kind, ...(s.term ? { term: s.term } : {}), ...(s.lifelong ? { lifelong: true } : {}) }
        : { kind: s.kind },
  );
  return { sanctions, mismatch: amountFen !== null && amountFen !== 0 && amountFen !== fineOf(sanctions) };
}

const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN')} 元`;

/** The list as a document or a summary says it, e.g. 「罚款 70,000 元；吊销许可证件」. */
export function sanctionsText(list: readonly ProposedSanction[]): string {
  return list
    .map((s) =>
      s.amountFen && amountKinds.has(s.kind)
        ? `${sanctionKindLabels[s.kind]} ${yuan(s.amountFen)}`
        : termKinds.has(s.kind) && termText(s)
          ? `${sanctionKindLabels[s.kind]}${termText(s)}`
          : sanctionKindLabels[s.kind],
    )
    .join('；');
}

/**
 * 行政处罚法 §45: no heavier penalty than the one notified. A decided kind that was not notified, or an
 * amount (fine, confiscation) above the notified one, is heavier: the notice must be given again.
 */
export function heavierThanNotified(
  notified: readonly ProposedSanction[],
  decided: readonly ProposedSanction[],
): SanctionProblem[] {
  const problems: SanctionProblem[] = [];
  decided.forEach((s, i) => {
    const before = notified.find((n) => n.kind === s.kind);
    const label = sanctionKindLabels[s.kind];
    if (!before) {
      problems.push({
        path: `${i}.kind`,
        message: `「${label}」未在告知书中告知，不得加处（行政处罚法 §45），如需加重请重新告知`,
      });
    } else if (amountKinds.has(s.kind) && (s.amountFen ?? 0) > (before.amountFen ?? 0)) {
      problems.push({
        path: `${i}.amountFen`,
        message: `${label}不得高于告知的拟处罚数额 ${yuan(before.amountFen ?? 0)}（行政处罚法 §45），如需加重请重新告知`,
      });
    }
  });
  return problems;
}

/**
 * 公示规定 §2: ordinary-procedure penalty decisions are published, a warning alone is not. 通报批评 is a
 * sanction of its own (行政处罚法 §9 (一)) and is published (for 3 months, §13).
 */
export function publishedSanctions(list: readonly ProposedSanction[]): boolean {
  return list.some((s) => s.kind !== 'warning');
}

/**
 * The case's kinds as the publicity rules tell them apart (公示规定 §13, §14): a restriction carries its end
 * (the decision's day plus its term) or its life length, which keeps it public beyond 3 years.
 */
export function publicitySanction(s: ProposedSanction, decidedOn?: string): PublicitySanction {
  const kinds: Record<SanctionKind, PublicitySanction['kind']> = {
    warning: 'warning',
    circulated_criticism: 'circulated_criticism',
    fine: 'fine',
    confiscation: 'confiscation',
    licence_suspension: 'licence_suspension',
    qualification_downgrade: 'qualification_downgrade',
    licence_revocation: 'licence_revocation',
    suspension_of_business: 'business_suspension',
    closure: 'closure',
    production_restriction: 'production_restriction',
    employment_restriction: 'practice_ban',
    other: 'other',
  };
  const kind = kinds[s.kind];
  if (kind === 'fine') return { kind, amountFen: s.amountFen ?? 0 };
  if (kind === 'production_restriction' || kind === 'practice_ban') {
    if (s.lifelong) return { kind, lifelong: true };
    if (s.term && decidedOn) {
      const { value, unit } = s.term;
      const until =
        unit === 'year'
          ? addYears(decidedOn, value)
          : unit === 'month'
            ? addMonths(decidedOn, value)
            : addCalendarDays(decidedOn, value);
      return { kind, until };
    }
  }
  return { kind };
}
