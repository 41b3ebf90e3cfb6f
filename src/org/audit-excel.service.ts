import ExcelJS from 'exceljs';
import { changeLabel, eventKindLabel, labelOf, subjectTypeLabels, viaLabels } from '../labels.ts';
import { chinaDateTime } from '../platform/china-date.ts';
import type { AuditEvent } from './audit.schema.ts';

/**
 * The audit trail as a workbook (审计日志.xlsx), as the workbench lists it: China time, Chinese names of
 * the kinds, channels, subjects and fields (src/labels.ts). What changed is named, never its value.
 */
export async function exportAuditEvents(events: readonly AuditEvent[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '序号', key: 'seq', width: 8 },
    { header: '时间（北京时间）', key: 'at', width: 20 },
    { header: '事件', key: 'kind', width: 22 },
    { header: '操作人', key: 'actor', width: 12 },
    { header: '途径', key: 'via', width: 10 },
    { header: 'IP 地址', key: 'ip', width: 16 },
    { header: '对象', key: 'subjectType', width: 14 },
    { header: '对象名称或编号', key: 'subject', width: 38 },
    { header: '变更字段', key: 'changes', width: 30 },
    { header: '记录日志序号', key: 'logIndex', width: 12 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const e of events) {
    sheet.addRow({
      seq: e.seq,
      at: chinaDateTime(new Date(e.at)),
      kind: eventKindLabel(e.kind),
      actor: e.actorName ?? '',
      via: labelOf(viaLabels, e.via),
      ip: e.ip ?? '',
      subjectType: labelOf(subjectTypeLabels, e.subjectType),
      subject: e.subjectName ?? e.subjectId ?? '',
      changes: e.changes.map(changeLabel).join('、'),
      logIndex: e.logIndex ?? '待写入',
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
