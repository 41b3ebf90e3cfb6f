import { z } from 'zod';
import { inspectionResults } from './results.rules.ts';

/** Request and response shapes of drawn inspections and their results (issue 15 item 5). */

export const assignmentsQuery = z.strictObject({
  mine: z.enum(['true', 'false']).default('false'),
  drawId: z.uuid('抽取编号格式不正确').optional(),
});

export const resultInput = z.strictObject({
  result: z.enum(inspectionResults, '请选择检查结果'),
  summary: z.string().trim().min(1, '请填写检查结果说明').max(2000, '检查结果说明不能超过 2000 个字符'),
  on: z.iso.date('日期应为有效的 YYYY-MM-DD').optional(),
});

export const assignment = z.object({
  id: z.uuid(),
  drawId: z.uuid(),
  position: z.number(),
  taskId: z.uuid(),
  taskTitle: z.string(),
  creditCode: z.string(),
  targetName: z.string(),
  targetAddress: z.string(),
  inspectors: z.array(z.object({ personId: z.uuid(), name: z.string() })),
  caseId: z.uuid().nullable(),
  caseNumber: z.string().nullable(),
  caseState: z.string().nullable(),
  caseStateLabel: z.string().nullable(),
  result: z.enum(inspectionResults).nullable(),
  resultLabel: z.string().nullable(),
  resultOn: z.string().nullable(),
  summary: z.string().nullable(),
  publishDueOn: z.string().nullable(),
  /** Working days left to publish (negative once overdue); null once published or before a result. */
  workingDaysLeft: z.number().nullable(),
  overdue: z.boolean(),
  publishedAt: z.string().nullable(),
});

export type AssignmentsQuery = z.infer<typeof assignmentsQuery>;
export type ResultInput = z.infer<typeof resultInput>;
export type Assignment = z.infer<typeof assignment>;
