import type { GradeQuota, RiskGrade } from '../platform/db/schema.ts';

/**
 * Plans, tasks and their counts (issue 15 item 2). County agencies draw up a yearly 抽查工作计划 stating
 * each batch's scope, number and time, and publish it before it starts (市场监管总局关于全面推进“双随机、
 * 一公开”监管工作的通知, 2019; 国办发〔2015〕58号 (一), (三): ratio and frequency set per risk). Pure.
 */

export type PlanState = 'draft' | 'approved' | 'published';
export const planStateLabels: Record<PlanState, string> = {
  draft: '草拟',
  approved: '已批准',
  published: '已公示',
};

export type TaskState = 'planned' | 'committed' | 'drawn' | 'cancelled';
export const taskStateLabels: Record<TaskState, string> = {
  planned: '待承诺',
  committed: '已承诺，待抽取',
  drawn: '已抽取',
  cancelled: '已取消',
};

export const planStateOf = (p: { approved_on: string | null; published_at: Date | null }): PlanState =>
  p.published_at ? 'published' : p.approved_on ? 'approved' : 'draft';

export const taskStateOf = (t: { cancelled: boolean; committed: boolean; drawn: boolean }): TaskState =>
  t.cancelled ? 'cancelled' : t.drawn ? 'drawn' : t.committed ? 'committed' : 'planned';

/** A task's period lies in its plan's year. */
export function periodProblem(year: number, startsOn: string, endsOn: string): string | null {
  if (!startsOn.startsWith(`${year}-`) || !endsOn.startsWith(`${year}-`))
    return `任务期间应在计划年度 ${year} 年内`;
  return null;
}

/**
 * How many of each grade are drawn from `eligible` targets: a count as given, a percentage of the eligible
 * rounded up (so a grade with any eligible target and a positive share draws at least one). A grade without
 * a quota draws none.
 */
export function countsOf(
  quotas: Partial<Record<RiskGrade, GradeQuota>>,
  eligible: Record<RiskGrade, number>,
): Record<RiskGrade, number> {
  const grades: RiskGrade[] = ['A', 'B', 'C', 'D'];
  return Object.fromEntries(
    grades.map((g) => {
      const q = quotas[g];
      if (!q) return [g, 0];
      if ('count' in q) return [g, q.count];
      return [g, Math.ceil((eligible[g] * q.percent) / 100 - 1e-9)];
    }),
  ) as Record<RiskGrade, number>;
}
