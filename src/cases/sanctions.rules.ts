/**
 * The sanctions of a penalty case as a list (行政处罚法 §9): the ones proposed in the notice (§44) and the
 * ones decided. One list drives the hearing right (§63), the no-heavier-than-notified check (§45), whether
 * the decision is published (公示规定 §2) and its publicity period and early end (公示规定 §13, §14).
 * Pure.
 */
import type { Sanction as PublicitySanction } from '../publicity/deadlines.rules.ts';
import { sanctionKindLabels, type ProposedSanction, type SanctionKind } from './hearing-right.rules.ts';

export type { ProposedSanction as CaseSanction } from './hearing-right.rules.ts';

/** Kinds measured in money: the fine, and the value of what is confiscated. */
export const amountKinds: ReadonlySet<SanctionKind> = new Set(['fine', 'confiscation']);

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
  const sanctions = list.map((s) => (amountKinds.has(s.kind) ? s : { kind: s.kind }));
  return { sanctions, mismatch: amountFen !== null && amountFen !== 0 && amountFen !== fineOf(sanctions) };
}

const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN')} 元`;

/** The list as a document or a summary says it, e.g. 「罚款 70,000 元；吊销许可证件」. */
export function sanctionsText(list: readonly ProposedSanction[]): string {
  return list
    .map((s) =>
      s.amountFen && amountKinds.has(s.kind)
        ? `${sanctionKindLabels[s.kind]} ${yuan(s.amountFen)}`
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

/** The case's kinds as the publicity rules tell them apart (公示规定 §13, §14). */
export function publicitySanction(s: ProposedSanction): PublicitySanction {
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
  return { kind };
}
