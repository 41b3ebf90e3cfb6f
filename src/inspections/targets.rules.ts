/**
 * What changed in an inspection target (名录库 entries are kept current and every change is kept:
 * 国办发〔2015〕58号 (二) asks that the draw be 全程留痕 and traceable, so a grade changed before a draw
 * must show when and why). Pure.
 */

export interface TargetFacts {
  name: string;
  address: string;
  field: string;
  riskGrade: string;
  active: boolean;
}

export type TargetFactName = keyof TargetFacts;

export const targetFactLabels: Record<TargetFactName, string> = {
  name: '名称',
  address: '地址',
  field: '监管领域',
  riskGrade: '风险等级',
  active: '在库',
};

export interface TargetChange {
  field: TargetFactName;
  from: string | null;
  to: string | null;
}

const shown = (v: string | boolean): string => (typeof v === 'boolean' ? (v ? '是' : '否') : v);

/** Each fact that differs, in the order of the form; an unchanged target gives []. */
export function targetChanges(before: TargetFacts | null, after: TargetFacts): TargetChange[] {
  return (Object.keys(targetFactLabels) as TargetFactName[])
    .filter((k) => before === null || before[k] !== after[k])
    .map((k) => ({ field: k, from: before === null ? null : shown(before[k]), to: shown(after[k]) }));
}

/** The history's action for a change: a target taken out of or put back in the directory says so. */
export function actionOf(
  before: TargetFacts | null,
  after: TargetFacts,
): 'added' | 'edited' | 'deactivated' | 'reactivated' {
  if (before === null) return 'added';
  if (before.active && !after.active) return 'deactivated';
  if (!before.active && after.active) return 'reactivated';
  return 'edited';
}

export const targetActionLabels = {
  added: '入库',
  edited: '变更',
  deactivated: '移出名录',
  reactivated: '重新入库',
} as const;
