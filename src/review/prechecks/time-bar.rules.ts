import { isTimeBarred, timeBarDate } from '../../cases/deadlines.rules.ts';
import type { ReviewPackage } from '../package.ts';
import type { PrecheckResult } from './precheck.ts';

/** 行政处罚法 §36: not punished when not discovered within 2 years of the act's end; 5 for life, health, finance. */
export function timeBarCheck(pkg: ReviewPackage): PrecheckResult {
  const { endedOn, discoveredOn, lifeHealthOrFinancialHarm } = pkg.act;
  const years = lifeHealthOrFinancialHarm ? 5 : 2;
  const last = timeBarDate(endedOn, lifeHealthOrFinancialHarm).date;
  const barred = isTimeBarred(endedOn, discoveredOn, lifeHealthOrFinancialHarm);
  return {
    code: 'time_bar',
    label: '未超过追责时效',
    point: 'procedure',
    status: barred ? 'fail' : 'pass',
    basis: '行政处罚法 §36',
    evidence: [
      `违法行为终了 ${endedOn}，${years} 年内（至 ${last}）发现方可处罚；发现于 ${discoveredOn}${barred ? '，已超过时效' : ''}`,
    ],
  };
}
