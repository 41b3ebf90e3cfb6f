import ExcelJS from 'exceljs';
import { enforcementFields } from '../org/certificate.rules.ts';
import type { CaseListItem } from './case-view.ts';

const yuan = (fen: number | null): number | string => (fen === null ? '' : fen / 100);

/** The case list as a workbook (案件.xlsx), filtered as the list is; amounts in yuan, labels in Chinese. */
export async function exportCases(items: readonly CaseListItem[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('案件', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '案号', key: 'caseNumber', width: 28 },
    { header: '案由', key: 'title', width: 40 },
    { header: '类别', key: 'kind', width: 20 },
    { header: '状态', key: 'state', width: 14 },
    { header: '当事人', key: 'parties', width: 30 },
    { header: '执法领域', key: 'field', width: 12 },
    { header: '发现（受理）日期', key: 'discoveredOn', width: 14 },
    { header: '立案日期', key: 'filedOn', width: 12 },
    { header: '决定日期', key: 'decidedOn', width: 12 },
    { header: '结案日期', key: 'closedOn', width: 12 },
    { header: '金额（元）', key: 'amount', width: 12, style: { numFmt: '#,##0.00' } },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const c of items) {
    sheet.addRow({
      caseNumber: c.caseNumber,
      title: c.title,
      kind: c.kindLabel,
      state: c.suspendedSince ? `${c.stateLabel}（中止）` : c.stateLabel,
      parties: c.partyNames.join('、'),
      field: (enforcementFields as Record<string, string>)[c.field] ?? c.field,
      discoveredOn: c.discoveredOn,
      filedOn: c.filedOn ?? '',
      decidedOn: c.decidedOn ?? '',
      closedOn: c.closedOn ?? '',
      amount: yuan(c.amountFen),
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
