import {
  avRequirementLabels,
  defaultChecklist,
  otherSteps,
} from '../../../../src/records/av-checklist.rules.ts';
import { extractionMethodLabels } from '../../../../src/records/electronic-data.rules.ts';
import { evidenceKindLabels, continuousKinds } from '../../../../src/records/evidence.rules.ts';
import { recorderKindLabels, recorderStatusLabels } from '../../../../src/records/recorders.rules.ts';
import { retentionMarkLabels } from '../../../../src/records/retention.rules.ts';
import { stepLabelOf } from '../../../../src/labels.ts';
import { optionsOf } from '../../ui/labels.tsx';

/** Chinese names for the full-process record area's codes; the codes and most labels come from its rules. */

export {
  avRequirementLabels,
  continuousKinds,
  evidenceKindLabels,
  extractionMethodLabels,
  recorderKindLabels,
  recorderStatusLabels,
  retentionMarkLabels,
  stepLabelOf,
};

/** What evidence is about until the cases issue gives cases their own tables: a plain subject reference. */
export const subjectTypeLabels: Readonly<Record<string, string>> = {
  case: '案件',
  inspection: '行政检查',
  coercion: '行政强制',
  other: '其他',
};

export const gapProblemLabels: Readonly<Record<string, string>> = {
  no_av: '无音像记录',
  not_full_process: '非全过程记录',
  unexplained_break: '中断未说明原因',
};

export const kindOptions = optionsOf(evidenceKindLabels);
/** 提取方式 of electronic data (电子数据取证暂行规定: on site, online, seizing the carrier, copy or capture). */
export const extractionMethodOptions = optionsOf(extractionMethodLabels);
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
