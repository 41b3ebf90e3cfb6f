import { z } from 'zod';
import { enforcementFieldCodes } from '../org/certificate.rules.ts';
import { riskGrades } from './targets.schema.ts';

/** Request and response shapes of yearly random-inspection plans and their tasks (issue 15 item 2). */

const isoDate = z.iso.date('日期应为有效的 YYYY-MM-DD');
const text = (max: number, label: string) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字符`);

export const planInput = z.strictObject({
  year: z.number().int('年度应为整数').min(2000, '年度不正确').max(2100, '年度不正确'),
  title: text(200, '计划名称'),
});

/** How many targets of a grade a task draws: a count, or a percentage of the eligible (rounded up). */
export const gradeQuota = z.union([
  z.strictObject({ count: z.number().int('抽取户数应为整数').min(0, '抽取户数不能为负数').max(100_000) }),
  z.strictObject({
    percent: z.number().gt(0, '抽取比例应大于 0').max(100, '抽取比例不能超过 100%'),
  }),
]);

export const taskInput = z
  .strictObject({
    powerItemId: z.uuid('请选择随机抽查事项'),
    title: text(200, '任务名称'),
    field: z.enum(enforcementFieldCodes, '请选择监管领域'),
    scope: z.string().trim().max(500, '抽查范围不能超过 500 个字符').default(''),
    quotas: z.partialRecord(z.enum(riskGrades), gradeQuota),
    startsOn: isoDate,
    endsOn: isoDate,
    jointAgencies: z.array(text(100, '联合抽查部门')).max(20).default([]),
  })
  .superRefine((t, ctx) => {
    if (t.endsOn < t.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '结束日期不能早于开始日期' });
    if (Object.keys(t.quotas).length === 0)
      ctx.addIssue({ code: 'custom', path: ['quotas'], message: '请至少为一个风险等级设定抽取户数或比例' });
  });

export const approveInput = z.strictObject({ on: isoDate.optional() });
export const cancelInput = z.strictObject({ reason: text(500, '取消原因') });

export const task = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  powerItemId: z.uuid(),
  itemName: z.string().nullable(),
  title: z.string(),
  field: z.string(),
  fieldLabel: z.string(),
  scope: z.string(),
  quotas: z.partialRecord(z.enum(riskGrades), gradeQuota),
  startsOn: z.string(),
  endsOn: z.string(),
  jointAgencies: z.array(z.string()),
  state: z.enum(['planned', 'committed', 'drawn', 'cancelled']),
  stateLabel: z.string(),
  cancelledReason: z.string().nullable(),
  commitmentId: z.uuid().nullable(),
  drawId: z.uuid().nullable(),
});

export const plan = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  year: z.number(),
  title: z.string(),
  state: z.enum(['draft', 'approved', 'published']),
  stateLabel: z.string(),
  approvedOn: z.string().nullable(),
  approvedByName: z.string().nullable(),
  publishedAt: z.string().nullable(),
  tasks: z.array(task),
});

export type PlanInput = z.infer<typeof planInput>;
export type TaskInput = z.infer<typeof taskInput>;
export type Plan = z.infer<typeof plan>;
export type Task = z.infer<typeof task>;
