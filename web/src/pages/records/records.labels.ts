import {
  avRequirementLabels,
  defaultChecklist,
  otherSteps,
} from '../../../../src/records/av-checklist.rules.ts';
import { evidenceKindLabels, continuousKinds } from '../../../../src/records/evidence.rules.ts';
import { recorderKindLabels, recorderStatusLabels } from '../../../../src/records/recorders.rules.ts';
import { retentionMarkLabels } from '../../../../src/records/retention.rules.ts';
import { optionsOf } from '../../ui/labels.tsx';

/** Chinese names for the full-process record area's codes; the codes and most labels come from its rules. */

export {
  avRequirementLabels,
  continuousKinds,
  evidenceKindLabels,
  recorderKindLabels,
  recorderStatusLabels,
  retentionMarkLabels,
};

/** What evidence is about until the cases issue gives cases their own tables: a plain subject reference. */
export const subjectTypeLabels: Readonly<Record<string, string>> = {
  case: '案件',
  inspection: '行政检查',
  coercion: '行政强制',
  other: '其他',
};

/** Record-log (audit) event kinds of this area. */
export const recordsEventLabels: Readonly<Record<string, string>> = {
  'records.evidence_uploaded': '上传证据文件',
  'records.evidence_marked': '标记永久保存',
  'records.evidence_disposed': '处置证据文件',
  'records.step_recorded': '登记执法环节',
  'records.recorder_registered': '登记设备',
  'records.recorder_updated': '修改设备',
  'records.recorder_checked_out': '领用设备',
  'records.recorder_checked_in': '归还设备',
  'records.retention_policy_set': '设置证据保存期限',
  'records.av_checklist_set': '设置音像记录事项清单',
};

export const gapProblemLabels: Readonly<Record<string, string>> = {
  no_av: '无音像记录',
  not_full_process: '非全过程记录',
  unexplained_break: '中断未说明原因',
};

export const kindOptions = optionsOf(evidenceKindLabels);
export const markOptions = optionsOf(retentionMarkLabels);
export const subjectTypeOptions = optionsOf(subjectTypeLabels);
export const recorderKindOptions = optionsOf(recorderKindLabels);
export const recorderStatusOptions = optionsOf(recorderStatusLabels);

/** Steps to choose for a file or a step record: the checklist's (default or the agency's) and the procedure's. */
export function stepOptions(items: readonly { step: string; label: string }[] = defaultChecklist) {
  return [
    {
      label: '音像记录事项',
      options: items.map((i) => ({ value: i.step, label: i.label })),
    },
    { label: '其他程序环节', options: optionsOf(otherSteps) },
  ];
}

export const stepLabelOf = (
  step: string,
  items: readonly { step: string; label: string }[] = defaultChecklist,
) => items.find((i) => i.step === step)?.label ?? otherSteps[step] ?? step;

/** A byte count for people: 1.5 MB, 320 KB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
