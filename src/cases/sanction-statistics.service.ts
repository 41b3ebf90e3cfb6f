import ExcelJS from 'exceljs';
import type { CommandDeps } from '../platform/audit/command.ts';
import type { Principal } from '../platform/auth/principal.ts';
import type { SanctionStatisticsQuery } from './cases.schema.ts';
import { decidedPenalties } from './sanction-statistics.queries.ts';
import { sanctionStatistics, type SanctionStatistics } from './sanction-statistics.rules.ts';

/** 行政处罚统计: the decisions of a period by kind of sanction (sanction-statistics.rules.ts). Read-only. */
export async function penaltyStatistics(
  deps: CommandDeps,
  principal: Principal,
  query: SanctionStatisticsQuery,
): Promise<SanctionStatistics & { from: string; to: string }> {
  const decided = await decidedPenalties(deps, principal, query);
  return { from: query.from, to: query.to, ...sanctionStatistics(decided) };
}

const yuan = (fen: number | null): number | string => (fen === null ? '' : fen / 100);

/** The statistics as a workbook: one row per kind of 行政处罚法 §9, then the totals. */
export async function exportPenaltyStatistics(stats: SanctionStatistics & { from: string; to: string }) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('行政处罚统计', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow([`统计期间：${stats.from} 至 ${stats.to}（按决定日期）`]);
  sheet.mergeCells(1, 1, 1, 5);
  sheet.addRow([
    '处罚种类（行政处罚法第九条）',
    '案件数',
    '其中：公民',
    '其中：法人或其他组织',
    '金额（元）',
  ]);
  sheet.getRow(2).font = { bold: true };
  for (const k of stats.kinds)
    sheet.addRow([k.label, k.cases, k.byParty.person, k.byParty.organisation, yuan(k.amountFen)]);
  sheet.addRow([]);
  sheet.addRow(['作出行政处罚决定', stats.decisions, stats.byParty.person, stats.byParty.organisation, '']);
  sheet.addRow(['其中并处两种以上处罚', stats.combined, '', '', '']);
  sheet.addRow(['不予行政处罚决定', stats.noPenalty, '', '', '']);
  sheet.getColumn(1).width = 36;
  for (const c of [2, 3, 4]) sheet.getColumn(c).width = 14;
  sheet.getColumn(5).width = 16;
  sheet.getColumn(5).numFmt = '#,##0.00';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
