import { riskGradeLabels, riskGrades } from '../../../../src/inspections/targets.schema.ts';
import { beaconKindLabels, beaconKinds } from '../../../../src/inspections/commitment.schema.ts';
import { resultLabels } from '../../../../src/inspections/results.rules.ts';
import { formatInstant } from '../../ui/dates.ts';

/** Labels of 双随机抽查 (issue 15), from the shared schemas where they exist. */
export { riskGradeLabels, riskGrades, beaconKindLabels, beaconKinds, resultLabels };

export const gradeOptions = riskGrades.map((g) => ({ value: g, label: riskGradeLabels[g] }));
export const beaconOptions = beaconKinds.map((k) => ({ value: k, label: beaconKindLabels[k] }));

export const resultOptions = Object.entries(resultLabels).map(([value, label]) => ({ value, label }));

/** An instant in China time, with the zone named (the draw's earliest time is a legal instant). */
export const chinaTime = (iso: string | null | undefined): string =>
  iso ? `${formatInstant(iso)}（北京时间）` : '—';

/** `A 级 1 户，B 级 50%`: a task's quotas as the portal shows them. */
export function quotaText(quotas: Partial<Record<string, { count: number } | { percent: number }>>): string {
  return riskGrades
    .filter((g) => quotas[g])
    .map((g) => {
      const q = quotas[g]!;
      return 'count' in q ? `${g} 级 ${q.count} 户` : `${g} 级 ${q.percent}%`;
    })
    .join('，');
}
