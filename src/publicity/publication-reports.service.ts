import ExcelJS from 'exceljs';
import type { Correction } from './publications.schema.ts';

/**
 * Excel exports of the publisher's other lists: correction requests with their deadlines and answers, and
 * the timeliness figures (share published on time, by unit and month). The publication list itself is
 * exported by publications-excel.service.ts.
 */

export interface TimelinessRow {
  unitId: string | null;
  unitName: string | null;
  month: string;
  published: number;
  onTime: number;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string, columns: Partial<ExcelJS.Column>[]) {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return sheet;
}

/** The on-time share as a fraction (Excel shows it as a percentage), or '' when nothing was published. */
export const onTimeShare = (r: { published: number; onTime: number }): number | '' =>
  r.published === 0 ? '' : r.onTime / r.published;

export async function exportCorrections(items: readonly Correction[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = sheetOf(workbook, '更正申请', [
    { key: 'receiptNumber', header: '受理编号', width: 16 },
    { key: 'documentNumber', header: '决定文号', width: 28 },
    { key: 'requester', header: '申请人', width: 14 },
    { key: 'contact', header: '联系方式', width: 20 },
    { key: 'content', header: '更正内容与理由', width: 48 },
    { key: 'receivedOn', header: '收到日期', width: 12 },
    { key: 'dueOn', header: '答复期限', width: 12 },
    { key: 'state', header: '状态', width: 14 },
    { key: 'answer', header: '答复', width: 48 },
    { key: 'corrected', header: '已更正', width: 8 },
  ]);
  for (const c of items) {
    const state =
      c.status === 'answered'
        ? '已答复'
        : c.deadline.overdue
          ? `超期 ${-c.deadline.daysLeft} 个工作日`
          : `剩 ${c.deadline.daysLeft} 个工作日`;
    sheet.addRow({
      receiptNumber: c.receiptNumber,
      documentNumber: c.documentNumber,
      requester: c.requesterName,
      contact: c.requesterContact,
      content: c.content,
      receivedOn: c.receivedOn,
      dueOn: c.deadline.dueOn,
      state,
      answer: c.answer ?? '',
      corrected: c.corrected === null ? '' : c.corrected ? '是' : '否',
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function exportTimeliness(year: number, rows: readonly TimelinessRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = sheetOf(workbook, `${year}年按时公示率`, [
    { key: 'unit', header: '内设机构', width: 24 },
    { key: 'month', header: '月份', width: 10 },
    { key: 'published', header: '已发布', width: 10 },
    { key: 'onTime', header: '按时发布', width: 10 },
    { key: 'share', header: '按时公示率', width: 12, style: { numFmt: '0.0%' } },
  ]);
  const sorted = [...rows].sort(
    (a, b) => (a.unitName ?? '').localeCompare(b.unitName ?? '', 'zh-CN') || a.month.localeCompare(b.month),
  );
  for (const r of sorted) {
    sheet.addRow({
      unit: r.unitName ?? '机关本级',
      month: r.month,
      published: r.published,
      onTime: r.onTime,
      share: onTimeShare(r),
    });
  }
  const total = rows.reduce(
    (t, r) => ({ published: t.published + r.published, onTime: t.onTime + r.onTime }),
    {
      published: 0,
      onTime: 0,
    },
  );
  const last = sheet.addRow({ unit: '合计', month: `${year}年`, ...total, share: onTimeShare(total) });
  last.font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
