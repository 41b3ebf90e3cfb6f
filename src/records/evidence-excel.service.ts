import ExcelJS from 'exceljs';
import { chinaDate } from '../platform/clock.ts';
import { agenciesScope } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import { personNames, recorderSerials } from './evidence.store.ts';
import { checklistOf } from './av-checklist.service.ts';
import { stepLabel, type ChecklistItem } from './av-checklist.rules.ts';
import type { Evidence } from './evidence.schema.ts';
import { extractionMethodLabels } from './electronic-data.rules.ts';
import { evidenceKindLabels } from './evidence.rules.ts';
import { retentionMarkLabels } from './retention.rules.ts';

/**
 * The evidence list as an Excel sheet, with the list's filters: one row per file, officers and devices by
 * name and serial, times in China time, and the file's SHA-256 and SM3 so a printout can be checked
 * against the record log.
 */

const columns = [
  { key: 'subject', header: '执法对象', width: 28 },
  { key: 'step', header: '执法环节', width: 14 },
  { key: 'kind', header: '类型', width: 8 },
  { key: 'filename', header: '文件名', width: 24 },
  { key: 'size', header: '大小（字节）', width: 14 },
  { key: 'officers', header: '执法人员', width: 18 },
  { key: 'recorder', header: '记录设备', width: 16 },
  { key: 'capturedFrom', header: '开始时间', width: 20 },
  { key: 'capturedTo', header: '结束时间', width: 20 },
  { key: 'place', header: '地点', width: 24 },
  { key: 'fullProcess', header: '全过程', width: 8 },
  { key: 'interruptions', header: '中断及原因', width: 30 },
  { key: 'extraction', header: '电子数据提取情况', width: 40 },
  { key: 'uploadedAt', header: '上传时间', width: 20 },
  { key: 'retention', header: '保存期限', width: 14 },
  { key: 'marks', header: '永久保存原因', width: 18 },
  { key: 'status', header: '状态', width: 8 },
  { key: 'sha256', header: 'SHA-256', width: 66 },
  { key: 'sm3', header: 'SM3', width: 66 },
] as const;

/** An instant as China wall-clock time, `YYYY-MM-DD HH:mm:ss`. */
const chinaTime = (iso: string | null): string =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ') : '';

export async function exportEvidence(db: Db, items: readonly Evidence[]): Promise<Buffer> {
  // The officers and recorders of a file are its agency's.
  const scope = agenciesScope([...new Set(items.map((e) => e.agencyId))]);
  const personIds = [...new Set(items.flatMap((e) => e.officerIds))];
  const recorderIds = [...new Set(items.flatMap((e) => (e.recorderId ? [e.recorderId] : [])))];
  const people = new Map(
    personIds.length === 0
      ? []
      : (await personNames(db, scope, personIds)).map((p) => [p.id, p.name] as const),
  );
  const recorders = new Map(
    recorderIds.length === 0
      ? []
      : (await recorderSerials(db, scope, recorderIds)).map((r) => [r.id, r.serial] as const),
  );
  const checklists = new Map<string, readonly ChecklistItem[]>();
  for (const agencyId of new Set(items.map((e) => e.agencyId))) {
    checklists.set(agencyId, await checklistOf(db, agencyId));
  }

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('证据文件', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const e of items) {
    sheet.addRow({
      subject: `${e.subjectType} ${e.subjectId}`,
      step: e.step ? (stepLabel(e.step, checklists.get(e.agencyId) ?? []) ?? e.step) : '',
      kind: evidenceKindLabels[e.kind],
      filename: e.filename ?? '',
      size: e.size,
      officers: e.officerIds.map((id) => people.get(id) ?? id).join('、'),
      recorder: e.recorderId ? (recorders.get(e.recorderId) ?? e.recorderId) : '',
      capturedFrom: chinaTime(e.capturedFrom),
      capturedTo: chinaTime(e.capturedTo),
      place: e.place ?? '',
      fullProcess: e.fullProcess ? '是' : '否',
      interruptions: e.interruptions
        .map((i) => `${chinaTime(i.stoppedAt)} 至 ${chinaTime(i.resumedAt)}：${i.reason}`)
        .join('；'),
      extraction: e.electronicData
        ? [
            `原始存储介质：${e.electronicData.originalCarrier}`,
            `提取方式：${extractionMethodLabels[e.electronicData.extractionMethod]}`,
            `提取时间：${chinaTime(e.electronicData.extractedAt)}`,
            `提取地点：${e.electronicData.extractionPlace}`,
            `提取时记录的 SHA-256：${e.electronicData.extractionSha256}`,
            ...(e.electronicData.extractionDocumentNumber
              ? [`提取记录：${e.electronicData.extractionDocumentNumber}`]
              : []),
          ].join('；')
        : '',
      uploadedAt: chinaTime(e.uploadedAt),
      retention: e.retention.permanent ? '永久' : `至 ${e.retention.until ?? ''}`,
      marks: e.marks.map((m) => retentionMarkLabels[m]).join('、'),
      status: e.disposal ? `已处置（${chinaDate(new Date(e.disposal.at))}）` : '在存',
      sha256: e.sha256,
      sm3: e.sm3,
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
