import ExcelJS from 'exceljs';
import { actionKindLabels } from '../powers/action-kinds.ts';
import { publicationStatusLabels } from './publications.rules.ts';
import type { PublicationSummary } from './publications.schema.ts';

/** The publication list as one Excel sheet, as the workbench filters it (masked texts only). */
const columns = [
  { key: 'documentNumber', header: '文号', width: 28 },
  { key: 'kind', header: '类别', width: 10 },
  { key: 'partyName', header: '当事人', width: 30 },
  { key: 'partyCreditCode', header: '统一社会信用代码', width: 22 },
  { key: 'title', header: '标题', width: 36 },
  { key: 'decidedOn', header: '决定日期', width: 12 },
  { key: 'dueOn', header: '应公示日期', width: 12 },
  { key: 'status', header: '状态', width: 10 },
  { key: 'publishedOn', header: '公示日期', width: 12 },
  { key: 'onTime', header: '按时公示', width: 10 },
  { key: 'periodEndsOn', header: '公示期至', width: 12 },
  { key: 'withdrawalReason', header: '撤回理由', width: 36 },
  { key: 'openCorrections', header: '待答复更正申请', width: 14 },
];

export async function exportPublications(items: PublicationSummary[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('公示信息');
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const p of items) {
    sheet.addRow({
      documentNumber: p.documentNumber,
      kind: actionKindLabels[p.kind],
      partyName: p.partyName,
      partyCreditCode: p.partyCreditCode ?? '',
      title: p.title,
      decidedOn: p.decidedOn,
      dueOn: p.publication.dueOn,
      status: publicationStatusLabels[p.shownStatus],
      publishedOn: p.publishedOn ?? '',
      onTime: p.publishedOnTime === null ? '' : p.publishedOnTime ? '是' : '否',
      periodEndsOn: p.periodEndsOn ?? '',
      withdrawalReason: p.withdrawalReason ?? '',
      openCorrections: p.openCorrections,
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
