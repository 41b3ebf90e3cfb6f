import type { ActionKind } from '../publicity/deadlines.rules.ts';

export type { ActionKind };

/** The six kinds of action (GLOSSARY) with what users see; the record keeps the list exhaustive. */
export const actionKindLabels: Record<ActionKind, string> = {
  licensing: '行政许可',
  penalty: '行政处罚',
  coercion: '行政强制',
  levy: '行政征收',
  fee: '行政收费',
  inspection: '行政检查',
};

export const actionKinds = Object.keys(actionKindLabels) as [ActionKind, ...ActionKind[]];
