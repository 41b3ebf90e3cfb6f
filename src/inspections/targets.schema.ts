import { z } from 'zod';
import { enforcementFieldCodes } from '../org/certificate.rules.ts';
import { creditCode } from '../org/org.schema.ts';
import { riskGrades } from './risk-grades.ts';

/** Request and response shapes of the inspection-target directory (市场主体名录库; issue 15 item 1). */

export { riskGrades };
/** 食品生产经营监督检查管理办法 §21 and SAMR's credit-risk classes: A lowest risk, D highest. */
export const riskGradeLabels = { A: 'A 级（低风险）', B: 'B 级', C: 'C 级', D: 'D 级（高风险）' } as const;

const text = (max: number, label: string) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字符`);

export const targetInput = z.strictObject({
  creditCode,
  name: text(200, '名称'),
  address: z.string().trim().max(300, '地址不能超过 300 个字符').default(''),
  field: z.enum(enforcementFieldCodes, '请选择监管领域'),
  riskGrade: z.enum(riskGrades, '风险等级应为 A、B、C、D 之一'),
});

/** A change of a target: what changes, and why (the history shows both). */
export const targetPatch = z.strictObject({
  name: text(200, '名称').optional(),
  address: z.string().trim().max(300, '地址不能超过 300 个字符').optional(),
  field: z.enum(enforcementFieldCodes, '请选择监管领域').optional(),
  riskGrade: z.enum(riskGrades, '风险等级应为 A、B、C、D 之一').optional(),
  active: z.boolean().optional(),
  reason: text(500, '变更原因'),
});

export const targetQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  field: z.enum(enforcementFieldCodes).optional(),
  riskGrade: z.enum(riskGrades).optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const target = z.object({
  id: z.uuid(),
  creditCode: z.string(),
  name: z.string(),
  address: z.string(),
  field: z.string(),
  fieldLabel: z.string(),
  riskGrade: z.enum(riskGrades),
  active: z.boolean(),
  updatedAt: z.string(),
});

export const targetEvent = z.object({
  action: z.enum(['added', 'edited', 'deactivated', 'reactivated']),
  actionLabel: z.string(),
  changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});

export const targetDetail = target.extend({ history: z.array(targetEvent) });

export type TargetInput = z.infer<typeof targetInput>;
export type TargetPatch = z.infer<typeof targetPatch>;
export type TargetQuery = z.infer<typeof targetQuery>;
export type Target = z.infer<typeof target>;
export type TargetDetail = z.infer<typeof targetDetail>;
