import { z } from 'zod';

/**
 * The service guide (服务指南, S-2.2) of an item of the power list. The time limit and the fees are not
 * here: they are part of the item's version (power-list.schema.ts) and the guide shows them from there.
 */

const text = (max: number, label: string) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字符`);
const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label}不能超过 ${max} 个字符`).default('');

export const materialForms = ['original', 'copy', 'original_and_copy', 'electronic'] as const;
export const materialFormLabels: Record<(typeof materialForms)[number], string> = {
  original: '原件',
  copy: '复印件',
  original_and_copy: '原件及复印件',
  electronic: '电子材料',
};

export const guideMaterial = z.strictObject({
  name: text(200, '材料名称'),
  form: z.enum(materialForms, '请选择材料形式'),
  copies: z.number().int('份数应为整数').min(1, '份数至少 1 份').max(99, '份数不能超过 99 份'),
  note: optionalText(500, '材料说明'),
});

export const serviceGuideInput = z.strictObject({
  conditions: text(4000, '办理条件'),
  materials: z.array(guideMaterial).max(50, '申请材料不能超过 50 项').default([]),
  place: text(300, '办理地点'),
  hours: text(200, '办理时间'),
  contact: text(200, '咨询电话'),
  onlineUrl: z
    .string()
    .trim()
    .max(300, '网上办理地址不能超过 300 个字符')
    .refine((u) => u === '' || /^https?:\/\/[^\s]+$/.test(u), '网上办理地址应以 http:// 或 https:// 开头')
    .default(''),
  note: optionalText(2000, '其他说明'),
});

export const serviceGuide = z.object({
  id: z.uuid(),
  itemId: z.uuid(),
  revision: z.number().int(),
  conditions: z.string(),
  materials: z.array(
    z.object({ name: z.string(), form: z.enum(materialForms), copies: z.number(), note: z.string() }),
  ),
  place: z.string(),
  hours: z.string(),
  contact: z.string(),
  onlineUrl: z.string(),
  note: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});

export const serviceGuideAnswer = z.object({
  itemId: z.uuid(),
  /** null: no guide written yet. */
  guide: serviceGuide.nullable(),
  revisions: z.number().int(),
});

export type GuideMaterial = z.infer<typeof guideMaterial>;
export type ServiceGuideInput = z.infer<typeof serviceGuideInput>;
export type ServiceGuide = z.infer<typeof serviceGuide>;
export type ServiceGuideAnswer = z.infer<typeof serviceGuideAnswer>;
