/**
 * The summary procedure's limits (行政处罚法 §51): a warning, or a fine of at most 200 yuan for a natural
 * person and 3,000 yuan for an organisation; and where it is excluded (docs/rules.md [local]: not for a reduced
 * penalty, nor where illegal gains must be computed, nor for a case already filed). Pure.
 */
import type { PartyType } from './party.rules.ts';

export type { PartyType } from './party.rules.ts';

/** §51 limits in fen; a 个体工商户 is a natural person (party.rules.ts). */
export const summaryFineLimitFen: Readonly<Record<PartyType, number>> = {
  person: 200_00,
  individual_business: 200_00,
  organisation: 3_000_00,
};

export interface SummaryFacts {
  partyType: PartyType;
  outcome: 'warning' | 'fine';
  fineFen: number;
  /** 减轻处罚 below the statutory minimum. */
  mitigated: boolean;
  /** Illegal gains to be computed and confiscated. */
  illegalGains: boolean;
}

export function summaryProblems(f: SummaryFacts): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const limit = summaryFineLimitFen[f.partyType];
  if (f.outcome === 'warning' && f.fineFen !== 0) {
    problems.push({ path: 'body.amountFen', message: '警告不处罚款' });
  }
  if (f.outcome === 'fine' && f.fineFen > limit) {
    // 行政处罚法 §51: 对公民处二百元以下、对法人或者其他组织处三千元以下罚款
    problems.push({
      path: 'body.amountFen',
      message: `简易程序罚款不得超过 ${limit / 100} 元（行政处罚法 §51，${f.partyType === 'organisation' ? '法人或者其他组织' : f.partyType === 'individual_business' ? '个体工商户按公民' : '公民'}），请适用普通程序`,
    });
  }
  if (f.outcome === 'fine' && f.fineFen <= 0) {
    problems.push({ path: 'body.amountFen', message: '罚款金额须大于 0' });
  }
  if (f.mitigated) problems.push({ path: 'body.circumstance', message: '减轻处罚的案件不适用简易程序' });
  if (f.illegalGains) {
    problems.push({ path: 'body.illegalGains', message: '需要计算违法所得的案件不适用简易程序' });
  }
  return problems;
}
