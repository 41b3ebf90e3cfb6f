import { z } from 'zod';
import {
  courtResults,
  onTheSpotGrounds,
  paymentMethods,
  type CourtResult,
  type OnTheSpotGround,
  type PaymentMethod,
} from './payment.rules.ts';

/** Request shapes of payment and execution (/api/v1/cases/{id}/payments …), shared with the workbench. */

const isoDate = z.iso.date('日期应为有效的 YYYY-MM-DD');
const text = (max: number, label: string) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字符`);
const optional = (max: number, label: string) =>
  z.string().trim().max(max, `${label}不能超过 ${max} 个字符`).nullable().default(null);
const fen = z
  .number({ error: '请填写金额（分）' })
  .int('金额以分为单位，应为整数')
  .min(1, '金额应大于零')
  .max(Number.MAX_SAFE_INTEGER);
const version = z.number({ error: '请提供案件版本号（version）' }).int().min(1);
const keys = <K extends string>(o: Record<K, string>) => Object.keys(o) as [K, ...K[]];

export const paymentInput = z.strictObject({
  version,
  /** The day paid at the bank (its receipt) or collected on the spot; default today, never in the future. */
  paidOn: isoDate.optional(),
  /** What was paid, in fen: the fine (or instalment) and the surcharge due on the day. */
  amountFen: fen,
  method: z.enum(keys<PaymentMethod>(paymentMethods), { error: '缴纳方式不正确' }),
  /** The bank's or the electronic payment system's receipt (行政处罚法 §67). */
  bankReceiptRef: optional(100, '缴款凭证号'),
  /** On the spot: the ground (§68, §69), the special receipt's number (§70), the party's request (§69). */
  ground: z
    .enum(keys<OnTheSpotGround>(onTheSpotGrounds), { error: '当场收缴情形不正确' })
    .nullable()
    .default(null),
  receiptNumber: optional(100, '专用票据号码'),
  partyRequested: z.boolean().default(false),
  /** Collected on water: the day of landing, from which the 2 days of §71 run. */
  landedOn: isoDate.nullable().default(null),
  lateReason: optional(2000, '逾期理由'),
});
export type PaymentInput = z.infer<typeof paymentInput>;

export const paymentPlanInput = z.discriminatedUnion('kind', [
  z.strictObject({
    version,
    kind: z.literal('deferral'),
    appliedOn: isoDate.optional(),
    /** The party's grounds (§66 ¶2: 确有经济困难). */
    application: text(2000, '申请理由'),
    until: isoDate,
  }),
  z.strictObject({
    version,
    kind: z.literal('instalments'),
    appliedOn: isoDate.optional(),
    application: text(2000, '申请理由'),
    instalments: z
      .array(z.strictObject({ dueOn: isoDate, amountFen: fen }))
      .min(2, '分期缴纳至少分两期')
      .max(36, '最多分 36 期'),
  }),
]);
export type PaymentPlanInput = z.infer<typeof paymentPlanInput>;

export const planDecisionInput = z.strictObject({
  version,
  on: isoDate.optional(),
  approved: z.boolean({ error: '请选择批准或不批准' }),
  reason: optional(2000, '审批意见'),
});
export type PlanDecisionInput = z.infer<typeof planDecisionInput>;

export const demandInput = z.strictObject({
  version,
  /** The day the demand (催告书) was served on the party: its 10 working days run from it. */
  on: isoDate.optional(),
  /** How it was served (written, 行政强制法 §35, §38). */
  serviceMethod: z
    .enum(['direct', 'mail', 'electronic', 'left_at_address', 'public_notice'])
    .default('direct'),
  documentNumber: optional(100, '催告书文号'),
});
export type DemandInput = z.infer<typeof demandInput>;

export const courtApplicationInput = z.strictObject({
  version,
  on: isoDate.optional(),
  court: text(200, '受理申请的人民法院'),
  /** The officer confirms the party neither applied for review nor sued (行政强制法 §53). */
  noRemedySought: z.boolean().default(false),
  lateReason: optional(2000, '逾期理由'),
});
export type CourtApplicationInput = z.infer<typeof courtApplicationInput>;

export const courtResultInput = z.strictObject({
  version,
  on: isoDate.optional(),
  result: z.enum(keys<CourtResult>(courtResults), { error: '法院执行情况不正确' }),
  /** What the court recovered, in fen (执行完毕). */
  amountFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().default(null),
  documentNumber: optional(100, '法院文书文号'),
  note: optional(2000, '说明'),
});
export type CourtResultInput = z.infer<typeof courtResultInput>;

export const handoverInput = z.strictObject({
  version,
  stage: z.enum(['to_agency', 'to_bank'], { error: '交款环节不正确' }),
  on: isoDate.optional(),
  /** The agency's acknowledgement, or the bank's deposit slip. */
  reference: optional(100, '交款凭证号'),
  lateReason: optional(2000, '逾期理由'),
});
export type HandoverInput = z.infer<typeof handoverInput>;

export const paymentParams = z.strictObject({
  id: z.uuid('编号格式不正确'),
  paymentId: z.uuid('编号格式不正确'),
});
export const planParams = z.strictObject({
  id: z.uuid('编号格式不正确'),
  planId: z.uuid('编号格式不正确'),
});
