/**
 * The deadline calculator's bodies (POST /api/v1/rules/*): dates `YYYY-MM-DD`, amounts in fen, excluded ranges
 * with both ends included. A range that ends before it starts is refused at its field.
 */
import { z } from 'zod';
import { sanctionKinds } from '../cases/hearing-right.rules.ts';
import { partyTypes } from '../cases/party.rules.ts';
import { isIsoDate } from '../platform/calendar/working-days.rules.ts';
import { calculatorPeriods } from './periods.ts';

const isoDate = z.string().refine(isIsoDate, '日期应为 YYYY-MM-DD 格式的有效日期');
const fen = z.number().int('金额应为整数（分）').min(0, '金额不能为负').max(1e13, '金额过大');

const range = z
  .strictObject({ from: isoDate, to: isoDate })
  .refine((r) => r.from <= r.to, { message: '截止日期不能早于开始日期', path: ['to'] });

const exclusion = z
  .strictObject({
    from: isoDate,
    to: isoDate,
    reason: z
      .enum(['testing', 'hearing', 'public_notice', 'suspension'])
      .describe('testing 检测检验检疫鉴定；hearing 听证；public_notice 公告；suspension 中止（其他原因）'),
  })
  .refine((r) => r.from <= r.to, { message: '截止日期不能早于开始日期', path: ['to'] });

export const party = z.strictObject({
  type: z
    .enum(partyTypes)
    .describe('person 自然人；individual_business 个体工商户；organisation 法人或者其他组织'),
  creditCode: z
    .string()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, '统一社会信用代码应为 18 位')
    .optional()
    .describe('以 92 开头的为个体工商户'),
});

export const sanction = z.strictObject({
  kind: z.enum(sanctionKinds),
  amountFen: fen.optional().describe('罚款数额，或没收的违法所得、非法财物的价值（分）'),
});

export const periodQuestion = z.strictObject({
  period: z
    .enum(calculatorPeriods as [string, ...string[]])
    .transform((p) => p as (typeof calculatorPeriods)[number]),
  from: isoDate.describe('起算日（当日不计入）'),
  extended: z.boolean().optional().describe('已经批准延长'),
  excluded: z.array(exclusion).max(50).optional().describe('不计入的期间（含首尾两日）'),
});

export const surchargeQuestion = z.strictObject({
  fineFen: fen,
  receivedOn: isoDate.describe('收到处罚决定书之日'),
  paidOn: isoDate.describe('实际缴纳之日'),
  excluded: z.array(range).max(50).optional().describe('复议、诉讼或批准暂缓缴纳期间（不加处罚款）'),
});

export const summaryQuestion = z.strictObject({
  party,
  sanctions: z.array(sanction).max(20),
  officers: z.number().int().min(0).max(100).describe('在场执法人员人数'),
});

export const hearingQuestion = z.strictObject({ party, sanctions: z.array(sanction).min(1).max(20) });

export const publicityQuestion = z.strictObject({
  party,
  sanctions: z.array(sanction).min(1).max(20),
  field: z
    .string()
    .max(40)
    .nullable()
    .optional()
    .describe('执法领域，如 food（食品）、drugs、special_equipment'),
  publishedOn: isoDate,
  procedure: z
    .enum(['ordinary', 'summary'])
    .optional()
    .describe('ordinary 普通程序（默认）；summary 简易程序'),
});

export const timeBarQuestion = z.strictObject({
  actEndedOn: isoDate.describe('违法行为终了之日'),
  discoveredOn: isoDate.describe('发现之日'),
  harm: z.boolean().describe('涉及公民生命健康安全、金融安全且有危害后果'),
});

const step = z.object({
  kind: z.enum(['start', 'skipped', 'counted', 'excluded', 'ignored', 'rolled_over', 'last_day']),
  from: z.string(),
  to: z.string(),
  text: z.string(),
});
const warning = z.object({ code: z.literal('YEAR_NOT_LOADED'), year: z.number().int(), message: z.string() });

export const periodAnswer = z.object({
  period: z.string(),
  label: z.string(),
  lastDay: z.string(),
  basis: z.string(),
  steps: z.array(step),
  warnings: z.array(warning),
});

export const surchargeAnswer = z.object({
  lastDay: z.string(),
  daysLate: z.number().int(),
  surchargeFen: z.number().int(),
  basis: z.string(),
  steps: z.array(step),
  warnings: z.array(warning),
});

export const summaryAnswer = z.object({
  allowed: z.boolean(),
  partyType: z.enum(partyTypes),
  problems: z.array(z.object({ code: z.string(), message: z.string() })),
  basis: z.string(),
});

export const hearingAnswer = z.object({
  hearingRight: z.boolean(),
  grounds: z.array(z.string()),
  basis: z.string(),
});

export const publicityAnswer = z.object({
  published: z.boolean(),
  endsOn: z.string().nullable(),
  earlyEndFrom: z.string().nullable(),
  basis: z.string(),
  steps: z.array(z.string()),
});

export const timeBarAnswer = z.object({ barred: z.boolean(), lastDay: z.string(), basis: z.string() });
