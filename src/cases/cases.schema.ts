import { z } from 'zod';
import { isPhoneNumber, phoneMessage } from '../org/phone.rules.ts';
import { enforcementFieldCodes } from '../org/certificate.rules.ts';
import { creditCodeMessages, creditCodeProblem } from '../org/credit-code.rules.ts';
import { hasOldIdNumberShape, isValidIdNumber } from '../publicity/personal-data.rules.ts';
import { circumstances } from '../powers/discretion.rules.ts';
import { suspensionKinds } from './excluded-time.rules.ts';
import { terminationGrounds } from './exit.rules.ts';
import { licensingExclusionKinds, type LicensingExclusionKind } from './licensing.rules.ts';
import { lifecycleKinds } from './lifecycles/lifecycle.ts';
import { noPenaltyGrounds } from './no-penalty.rules.ts';
import { sanctionList } from './sanctions.schema.ts';
import { documentType } from '../documents/documents.schema.ts';
import { proposal } from '../review/review.schema.ts';

/** Request shapes of the cases area (/api/v1/cases), shared by the routes and the workbench. */

const isoDate = z.iso.date('日期应为有效的 YYYY-MM-DD');
const text = (max: number, label: string) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字符`);
const optional = (max: number, label: string) =>
  z.string().trim().max(max, `${label}不能超过 ${max} 个字符`).nullable().default(null);
/** A phone may be left out; one given must be a phone (not "abc"). */
const optionalPhone = (label: string) =>
  optional(30, label).refine((v) => v === null || v === '' || isPhoneNumber(v), phoneMessage(label));
const fen = z.number().int('金额以分为单位，应为整数').min(0, '金额不能为负数').max(Number.MAX_SAFE_INTEGER);
/** The version of the case the client saw (optimistic concurrency: a stale one gets 409). */
const version = z.number({ error: '请提供案件版本号（version）' }).int().min(1);

export const partyInput = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('person'),
    name: text(50, '当事人姓名'),
    // GB 11643-1999: 18 characters with the ISO 7064 MOD 11-2 check character; 15-digit cards issued
    // before 1999 are still met. Other identity documents (passports…) go in the note of the case.
    idNumber: optional(18, '身份证号码').refine(
      (v) => v === null || v === '' || isValidIdNumber(v) || hasOldIdNumberShape(v),
      '身份证号码不正确（18 位，最后一位校验码需正确；或旧的 15 位号码）',
    ),
    phone: optionalPhone('联系电话'),
    address: optional(200, '住址'),
  }),
  z.strictObject({
    type: z.literal('organisation'),
    name: text(100, '单位名称'),
    // GB 32100-2015: 18 characters with its check character.
    creditCode: optional(18, '统一社会信用代码').superRefine((v, ctx) => {
      const problem = v === null || v === '' ? null : creditCodeProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: creditCodeMessages[problem] });
    }),
    legalRepresentative: optional(50, '法定代表人'),
    phone: optionalPhone('联系电话'),
    address: optional(200, '住所'),
  }),
  // 民法典 §54: a natural person in business, registered (credit code beginning 92, GB 32100-2015). Its
  // operator's name and ID number are personal data (masked on publication, 公示规定 §6).
  z.strictObject({
    type: z.literal('individual_business'),
    name: text(100, '个体工商户名称（字号）'),
    creditCode: optional(18, '统一社会信用代码').superRefine((v, ctx) => {
      const problem = v === null || v === '' ? null : creditCodeProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: creditCodeMessages[problem] });
    }),
    operatorName: text(50, '经营者姓名'),
    idNumber: optional(18, '经营者身份证号码').refine(
      (v) => v === null || v === '' || isValidIdNumber(v) || hasOldIdNumberShape(v),
      '身份证号码不正确（18 位，最后一位校验码需正确；或旧的 15 位号码）',
    ),
    phone: optionalPhone('联系电话'),
    address: optional(200, '经营场所'),
  }),
]);
export type PartyInput = z.infer<typeof partyInput>;

export const caseInput = z.strictObject({
  kind: z.enum(lifecycleKinds, { error: '案件类别不正确' }),
  title: text(200, '案由（事项）'),
  /** The enforcement item of the power list the case acts on. */
  itemId: z.uuid('事项编号格式不正确').nullable().default(null),
  field: z.enum(enforcementFieldCodes, { error: '执法领域不正确' }),
  unitId: z.uuid().nullable().default(null),
  source: text(200, '案件来源'),
  /** The day the lead was discovered, the application received or the inspection planned. */
  discoveredOn: isoDate.optional(),
  parties: z.array(partyInput).max(20, '当事人最多 20 个').default([]),
  /** Officers assigned at once (e.g. the two officers on the spot under the summary procedure). */
  officerIds: z.array(z.uuid()).max(10).default([]),
});
export type CaseInput = z.infer<typeof caseInput>;

/** The officer's edits of the documents a step or decision issues, by type (issue 12 item 5). */
export const stepDocuments = z
  .partialRecord(
    documentType,
    z.strictObject({
      fields: z
        .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/), z.string().max(20_000, '文书内容过长'))
        .default({}),
    }),
  )
  .default({});

export const stepInput = z.strictObject({
  version,
  /**
   * `conclude_investigation` of a penalty case: the investigation report's facts, evidence, bases and
   * proposal (issue 12 item 4), entered once and submitted to the legal review as they are.
   */
  findings: proposal.nullable().default(null),
  documents: stepDocuments,
  /** The legal date of the step; default today (China time). Never in the future. */
  on: isoDate.optional(),
  reason: optional(4000, '理由或审批意见'),
  /** Why the step is taken after its period ended, where the law allows it late. */
  lateReason: optional(2000, '逾期理由'),
  amountFen: fen.nullable().default(null),
  /** Notice of the proposed penalty (行政处罚法 §44). */
  proposedAmountFen: fen.nullable().default(null),
  /** The sanctions proposed in the notice (行政处罚法 §44); without them, `proposedAmountFen` is one fine. */
  proposedSanctions: sanctionList.nullable().default(null),
  /** The party waived statement, defence and hearing in writing (行政处罚法 §64). */
  rightsWaived: z.boolean().default(false),
  hearingChairId: z.uuid().nullable().default(null),
  hearingNotifiedOn: isoDate.nullable().default(null),
  /** The hearing record signed or sealed by the participants (行政许可法 §48 ¶1 (五)). */
  hearingRecordSigned: z.boolean().default(false),
  /** With a refusal to accept an application: where to apply, or the reconsideration and suit (行政许可法 §32). */
  remedy: optional(1000, '救济途径'),
  serviceMethod: z
    .enum(['on_the_spot', 'direct', 'mail', 'electronic', 'left_at_address', 'public_notice'])
    .nullable()
    .default(null),
  electronicConsent: z.boolean().default(false),
  measure: z.enum(['sealing', 'seizure']).nullable().default(null),
  place: optional(200, '地点'),
  startedAt: z.iso.datetime({ offset: true }).nullable().default(null),
  endedAt: z.iso.datetime({ offset: true }).nullable().default(null),
  /** For `refer_lead`: the penalty item the new lead concerns. */
  leadItemId: z.uuid().nullable().default(null),
  /** For `terminate_investigation`: the ground of 程序规定 §48 (exit.rules.ts). */
  terminationGround: z.enum(terminationGrounds, { error: '终止调查的情形不正确' }).nullable().default(null),
  /** For `transfer_jurisdiction` and `transfer_judiciary`: the body the case goes to. */
  transferee: optional(100, '接收机关'),
});
export type StepInput = z.infer<typeof stepInput>;

export const decisionOutcomes = {
  penalty: '给予行政处罚',
  warning: '警告',
  no_penalty: '不予行政处罚',
  grant: '准予许可',
  refuse: '不予许可',
  levy: '征收',
  fee: '收费',
} as const;
export type DecisionOutcome = keyof typeof decisionOutcomes;

export const decisionInput = z.strictObject({
  version,
  on: isoDate.optional(),
  outcome: z.enum(Object.keys(decisionOutcomes) as [DecisionOutcome, ...DecisionOutcome[]], {
    error: '决定结果不正确',
  }),
  /** The fine, levy or fee in fen (0 for a warning, no penalty, or a licensing decision). */
  amountFen: fen.default(0),
  /**
   * The sanctions of a `penalty` decision (行政处罚法 §9); without them, `amountFen` is one fine. With them,
   * `amountFen` is their fine (0 or absent: taken from the list) and must agree.
   */
  sanctions: sanctionList.nullable().default(null),
  circumstance: z.enum(circumstances).nullable().default(null),
  /** Required when the amount lies outside the item's discretion benchmark (行政处罚法 §34). */
  discretionReason: optional(4000, '裁量说明'),
  reason: optional(4000, '决定理由'),
  /** A decision not to punish: its ground under 行政处罚法 §33 (no-penalty.rules.ts). */
  noPenaltyGround: z.enum(noPenaltyGrounds, { error: '不予处罚情形不正确' }).nullable().default(null),
  /** A decision not to punish: the education given to the party (§33 ¶3). */
  education: optional(2000, '教育情况'),
  /** Summary procedure: illegal gains would have to be computed (excludes it, docs/rules.md). */
  illegalGains: z.boolean().default(false),
  /** Summary procedure: the number printed on the pre-numbered decision form (行政处罚法 §52). */
  formNumber: optional(50, '决定书编号'),
  lateReason: optional(2000, '逾期理由'),
  place: optional(200, '地点'),
  documents: stepDocuments,
});
export type DecisionInput = z.infer<typeof decisionInput>;

/** Marks the case of social impact, or not (行政处罚法 §57 ¶2, §48), with the reason recorded. */
export const socialImpactInput = z.strictObject({
  version,
  on: isoDate.optional(),
  socialImpact: z.boolean({ error: '请选择是否具有社会影响' }),
  reason: text(2000, '理由'),
});

export const officerInput = z.strictObject({ version, personId: z.uuid(), lead: z.boolean().default(false) });
export const declarationInput = z.strictObject({
  version,
  conflict: z.boolean({ error: '请声明是否存在利害关系' }),
  declaration: text(2000, '回避声明'),
});
export const recusalInput = z.strictObject({ version, reason: text(2000, '回避理由') });
export const suspendInput = z.strictObject({
  version,
  on: isoDate.optional(),
  /** What the time is (excluded-time.rules.ts): each period excludes only the kinds the law names. */
  kind: z.enum(suspensionKinds, { error: '请选择中止（期间扣除）的事由类型' }),
  reason: text(2000, '中止理由'),
});
/** The party's written application for an officer's recusal, entered by an officer (行政处罚法 §43 ¶2). */
export const recusalApplicationInput = z.strictObject({
  version,
  applicant: text(100, '申请人'),
  grounds: text(2000, '申请回避的理由'),
  receivedOn: isoDate.optional(),
});
/** The head's decision on the party's application (§43 ¶3): granted (the officer steps aside) or refused. */
export const recusalApplicationDecisionInput = z.strictObject({
  version,
  granted: z.boolean({ error: '请选择是否准予回避' }),
  reason: text(2000, '决定理由'),
});
export const resumeInput = z.strictObject({ version, on: isoDate.optional() });
export const extensionInput = z.strictObject({
  version,
  code: z.enum(['lead_verification', 'decision', 'coercive_measure', 'licensing_decision']),
  on: isoDate.optional(),
  reason: text(2000, '延长理由及批准情况'),
  /** Further days fixed by collective deliberation, after the head's extension (decision period only). */
  deliberatedDays: z.number().int().min(1).max(365).nullable().default(null),
});

/**
 * Time not counted in a licensing decision period (行政许可法 §45), told to the applicant in writing; the
 * hearing's time is taken out by the hearing step itself.
 */
export const excludedTimeInput = z
  .strictObject({
    version,
    kind: z.enum(
      licensingExclusionKinds.filter((k) => k !== 'hearing') as [
        LicensingExclusionKind,
        ...LicensingExclusionKind[],
      ],
      { error: '扣除时间的事由应为招标、拍卖、检验、检测、检疫、鉴定或专家评审（行政许可法 §45）' },
    ),
    from: isoDate,
    to: isoDate,
    /** §45 ¶2: the day the applicant was told of the time in writing. */
    notifiedOn: isoDate,
    reason: text(2000, '扣除时间的说明'),
  })
  .refine((v) => v.from <= v.to, { message: '截止日期不能早于开始日期', path: ['to'] });
export type ExcludedTimeInput = z.infer<typeof excludedTimeInput>;

export const idParams = z.strictObject({ id: z.uuid('编号格式不正确') });
export const stepParams = z.strictObject({
  id: z.uuid('编号格式不正确'),
  step: z.string().regex(/^[a-z_]{2,40}$/),
});
export const officerParams = z.strictObject({
  id: z.uuid('编号格式不正确'),
  personId: z.uuid('编号格式不正确'),
});
export const applicationParams = z.strictObject({
  id: z.uuid('编号格式不正确'),
  applicationId: z.uuid('编号格式不正确'),
});

export const casesQuery = z.strictObject({
  state: z
    .string()
    .regex(/^[a-z_]{2,40}$/)
    .optional(),
  kind: z.enum(lifecycleKinds).optional(),
  q: z.string().trim().max(100).optional(),
  /** A party (当事人) by part of its name, or by its credit code. */
  party: z.string().trim().max(100).optional(),
  /** Cases this officer is assigned to (not recused). */
  officerId: z.uuid().optional(),
  open: z.enum(['true', 'false']).optional(),
  agencyId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type CasesQuery = z.infer<typeof casesQuery>;

/** The workbench's case list: the list's filters and the ones it keeps in its address (issue 5 item 10). */
export const workbenchCasesQuery = casesQuery.extend({
  /** Cases with a running period past its last day. */
  overdue: z.enum(['true', 'false']).optional(),
  /** The day the lead was discovered (the application received, the inspection planned), from and to. */
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type WorkbenchCasesQuery = z.infer<typeof workbenchCasesQuery>;

/** Every filter of the one case list (the cases route gives some, the workbench all). */
export type CaseListQuery = CasesQuery & Partial<Pick<WorkbenchCasesQuery, 'overdue' | 'from' | 'to'>>;

export const deadlinesQuery = z.strictObject({
  /** `overdue`: past their last day; `due`: due within `days` days (default 7), overdue included. */
  status: z.enum(['due', 'overdue']).default('due'),
  days: z.coerce.number().int().min(0).max(365).default(7),
  mine: z.enum(['true', 'false']).default('false'),
  agencyId: z.uuid().optional(),
});
export type DeadlinesQuery = z.infer<typeof deadlinesQuery>;

/** The penalty statistics of a period (决定日期), of one agency or those the principal supervises. */
export const sanctionStatisticsQuery = z
  .strictObject({
    from: isoDate,
    to: isoDate,
    agencyId: z.uuid('机关编号格式不正确').optional(),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: '截止日期不能早于起始日期' });
export type SanctionStatisticsQuery = z.infer<typeof sanctionStatisticsQuery>;
