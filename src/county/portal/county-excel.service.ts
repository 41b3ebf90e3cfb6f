import ExcelJS from 'exceljs';
import { actionKindLabels } from '../../powers/action-kinds.ts';
import { exportPowers } from '../../powers/power-list-excel.service.ts';
import type { CountyPower, CountyPublication } from './county-portal.schema.ts';

/**
 * The county portal's Excel exports, as the agency's workbench exports the same lists: the power list in
 * the power-list area's own layout (three sheets, importable), publications one row each.
 */
export async function exportCountyPowers(items: readonly CountyPower[]): Promise<Buffer> {
  return exportPowers(
    items.map((p) => ({
      id: p.itemId,
      agencyId: p.agencyId,
      code: p.code,
      kind: p.kind,
      latest: { ...p, status: 'published' as const, authorId: null, authorName: null, createdAt: '' },
      inForceVersion: p.version,
    })),
  );
}

const columns = [
  { key: 'agency', header: '执法机关', width: 28 },
  { key: 'documentNumber', header: '文号', width: 24 },
  { key: 'kind', header: '决定类别', width: 10 },
  { key: 'partyName', header: '当事人', width: 24 },
  { key: 'partyCreditCode', header: '统一社会信用代码', width: 22 },
  { key: 'title', header: '标题', width: 36 },
  { key: 'decidedOn', header: '决定日期', width: 12 },
  { key: 'publishedOn', header: '公示日期', width: 12 },
  { key: 'periodEndsOn', header: '公示期至', width: 12 },
  { key: 'verificationCode', header: '核验码', width: 18 },
];

export async function exportCountyPublications(items: readonly CountyPublication[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('公示信息');
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const p of items) {
    sheet.addRow({
      agency: p.agencyName,
      documentNumber: p.documentNumber,
      kind: actionKindLabels[p.kind],
      partyName: p.partyName,
      partyCreditCode: p.partyCreditCode ?? '',
      title: p.title,
      decidedOn: p.decidedOn,
      publishedOn: p.publishedOn ?? '',
      periodEndsOn: p.periodEndsOn ?? '长期',
      verificationCode: p.verificationCode ?? '',
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
