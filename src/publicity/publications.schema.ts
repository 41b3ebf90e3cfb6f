import { z } from 'zod';
import { isPhoneNumber } from '../org/phone.rules.ts';
import { actionKinds } from '../powers/action-kinds.ts';
import { personalDataKinds } from './personal-data.rules.ts';
import { guardedFields } from './publications.rules.ts';

/** Request and response shapes of publications (公示), shared by the routes and the workbench. */

const isoDate = z.iso.date('日期应为有效的 YYYY-MM-DD');
const text = (max: number, label: string) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字符`);

export const publicationStatuses = ['draft', 'in_review', 'published', 'withdrawn', 'ended'] as const;
export const partyKinds = ['natural_person', 'organisation'] as const;

export const partyKindLabels = { natural_person: '自然人', organisation: '法人或其他组织' } as const;

export const sanctionKindLabels = {
  warning: '警告',
  circulated_criticism: '通报批评',
  fine: '罚款',
  confiscation: '没收违法所得、没收非法财物',
  licence_suspension: '暂扣许可证件',
  qualification_downgrade: '降低资质等级',
  licence_revocation: '吊销许可证件',
  business_suspension: '责令停产停业',
  closure: '责令关闭',
  production_restriction: '限制开展生产经营活动',
  practice_ban: '限制从业',
  other: '其他',
} as const;

/** The sanctions of a penalty decision (行政处罚法 §9), as far as the publicity period tells them apart. */
export const sanction = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.enum([
      'warning',
      'circulated_criticism',
      'confiscation',
      'licence_suspension',
      'qualification_downgrade',
      'licence_revocation',
      'business_suspension',
      'closure',
      'other',
    ]),
  }),
  z.strictObject({ kind: z.literal('fine'), amountFen: z.number().int().min(1).max(1e13) }),
  z.strictObject({
    kind: z.enum(['production_restriction', 'practice_ban']),
    until: isoDate.optional().describe('限制的最后一日'),
    lifelong: z.boolean().optional(),
  }),
]);

/** The internal record masking looks in: the case's natural persons and organisations (never published). */
export const personalRecords = z.strictObject({
  naturalPersons: z
    .array(
      z.strictObject({
        name: text(50, '姓名'),
        idNumber: z.string().trim().max(18).optional().describe('身份证号码（仅内部留存）'),
        phone: z.string().trim().max(30).optional(),
        addresses: z.array(z.string().trim().min(1).max(200)).max(10).optional(),
      }),
    )
    .max(50)
    .default([]),
  organisations: z
    .array(
      z.strictObject({
        name: text(200, '组织名称'),
        creditCode: z.string().trim().max(18).optional(),
        bankAccounts: z.array(z.string().trim().min(1).max(40)).max(10).optional(),
      }),
    )
    .max(50)
    .default([]),
});

export type InternalRecords = z.infer<typeof personalRecords>;

const draftFields = {
  kind: z.enum(actionKinds),
  unitId: z.uuid().nullable().default(null),
  caseId: z.uuid().nullable().default(null),
  partyKind: z.enum(partyKinds),
  partyName: text(200, '当事人名称').describe('自然人当事人填写全名，发布时显示为“姓＋某某”'),
  partyCreditCode: z.string().trim().max(18).nullable().default(null).describe('统一社会信用代码（组织）'),
  documentNumber: text(100, '文号'),
  decidedOn: isoDate.describe('决定日期'),
  title: text(200, '标题'),
  summary: text(2000, '摘要'),
  documentText: text(100_000, '决定书正文'),
  sanctions: z.array(sanction).max(20).default([]),
  facts: z
    .strictObject({
      warningOnly: z.boolean().optional().describe('仅受到警告处罚'),
      summaryProcedure: z.boolean().optional().describe('简易程序作出'),
      involvesMinor: z.boolean().optional().describe('涉及未成年人'),
      stateSecret: z.boolean().optional().describe('涉及国家秘密'),
      mainFactsTradeSecret: z.boolean().optional().describe('主要事实涉及商业秘密'),
      mainFactsPrivacy: z.boolean().optional().describe('主要事实涉及个人隐私'),
      endangersSecurityOrStability: z.boolean().optional().describe('公开可能危及安全稳定'),
    })
    .default({})
    .describe('不予公示的情形（任一为真则不能建立公示）'),
  personalRecords: personalRecords.default({ naturalPersons: [], organisations: [] }),
  autoMask: z
    .boolean()
    .default(true)
    .describe('按内部记录和号码规则自动脱敏当事人、标题、摘要和正文（默认是）'),
};

export const publicationInput = z.strictObject(draftFields);
/** A draft as another area hands it over (the cases area may leave `facts` out: nothing bars it). */
export type PublicationInput = Omit<z.infer<typeof publicationInput>, 'facts'> & {
  facts?: z.infer<typeof publicationInput>['facts'];
};

export const publicationEdit = z.strictObject({
  ...Object.fromEntries(Object.entries(draftFields).map(([k, v]) => [k, v.optional()])),
} as { [K in keyof typeof draftFields]: z.ZodOptional<(typeof draftFields)[K]> });
export type PublicationEdit = z.infer<typeof publicationEdit>;

export const reasonBody = z.strictObject({ reason: text(1000, '理由') });
export const reviewNote = z.strictObject({ note: z.string().trim().max(1000).default('') });

export const withdrawalBody = z.strictObject({
  reason: text(1000, '撤回理由').describe('公开的撤回理由（必填）'),
  occurredOn: isoDate.describe('决定被变更、撤销或确认违法、无效之日（3 个工作日内撤回）'),
});

export const earlyEndBody = z.strictObject({
  requestedOn: isoDate.describe('当事人申请之日'),
  applicant: text(200, '申请人'),
  obligationsFulfilled: z.boolean(),
  harmRemoved: z.boolean(),
  penalisedAgainForSameKind: z.boolean(),
  onAbnormalOrSeriousViolationList: z.boolean(),
  note: z.string().trim().max(1000).default(''),
});

export const correctionInput = z.strictObject({
  name: text(50, '姓名'),
  contact: text(100, '联系方式').refine(
    (v) => isPhoneNumber(v) || z.email().safeParse(v).success,
    '联系方式应为电话号码或电子邮箱（如 13812345678、0734-8212345 或 name@example.cn）',
  ),
  content: text(2000, '更正内容与理由'),
  altcha: z.string().min(1, '请完成人机验证').max(4000),
});

export const answerBody = z.strictObject({
  answer: text(2000, '答复'),
  corrected: z.boolean().describe('是否已更正公示内容'),
});

export const idParams = z.strictObject({ id: z.uuid('编号格式不正确') });

export const publicationsQuery = z.strictObject({
  agencyId: z.uuid().optional(),
  status: z.enum(publicationStatuses).optional().describe('显示状态：公示期满的为 ended'),
  kind: z.enum(actionKinds).optional(),
  q: z.string().max(200).optional().describe('当事人、文号、标题或统一社会信用代码'),
  overdue: z.enum(['true', 'false']).optional().describe('只看超期未公示的'),
  decidedFrom: isoDate.optional(),
  decidedTo: isoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PublicationsQuery = z.infer<typeof publicationsQuery>;

export const correctionsQuery = z.strictObject({
  status: z.enum(['open', 'answered']).optional(),
  publicationId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const warning = z.object({ code: z.literal('YEAR_NOT_LOADED'), year: z.number().int(), message: z.string() });

export const deadline = z.object({
  dueOn: z.string().describe('最后一日'),
  daysLeft: z.number().int().describe('剩余工作日（到期当日为 0，超期为负数）'),
  overdue: z.boolean(),
  warnings: z.array(warning),
});

export const guardFinding = z.object({
  field: z.enum(guardedFields),
  kind: z.enum(personalDataKinds),
  line: z.number().int(),
  column: z.number().int(),
  length: z.number().int(),
  message: z.string(),
});

export const publicationSummary = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  unitId: z.uuid().nullable(),
  kind: z.enum(actionKinds),
  status: z.enum(publicationStatuses).describe('存储的状态'),
  shownStatus: z.enum(publicationStatuses).describe('今天显示的状态（公示期满的为 ended）'),
  partyKind: z.enum(partyKinds),
  partyName: z.string().describe('公示的当事人名称（已脱敏）'),
  partyCreditCode: z.string().nullable(),
  documentNumber: z.string(),
  decidedOn: z.string(),
  title: z.string(),
  publication: deadline.describe('公示期限（未发布的显示倒计时）'),
  publishedOn: z.string().nullable(),
  publishedOnTime: z.boolean().nullable(),
  periodEndsOn: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawalReason: z.string().nullable(),
  openCorrections: z.number().int(),
  createdAt: z.string(),
});
export type PublicationSummary = z.infer<typeof publicationSummary>;

export const publicationEvent = z.object({
  id: z.uuid(),
  action: z.enum([
    'drafted',
    'edited',
    'submitted',
    'returned',
    'published',
    'withdrawn',
    'ended',
    'corrected',
  ]),
  note: z.string(),
  actorName: z.string().nullable(),
  at: z.string(),
});

export const correction = z.object({
  id: z.uuid(),
  /** The number the requester was given (`GZ-2026-000123`). */
  receiptNumber: z.string(),
  publicationId: z.uuid(),
  documentNumber: z.string(),
  status: z.enum(['open', 'answered']),
  requesterName: z.string(),
  requesterContact: z.string(),
  content: z.string(),
  receivedOn: z.string(),
  deadline,
  answer: z.string().nullable(),
  corrected: z.boolean().nullable(),
  answeredAt: z.string().nullable(),
});
export type Correction = z.infer<typeof correction>;

export const publicationDetail = publicationSummary.extend({
  /** The actions of publications.policy.ts the caller may take on it (the workbench shows only these). */
  can: z.array(z.string()).optional(),
  summary: z.string(),
  documentText: z.string().describe('公示的决定书正文（已脱敏）'),
  sanctions: z.array(sanction),
  facts: z.record(z.string(), z.boolean()),
  personalRecords: personalRecords.describe('内部记录（仅工作台可见，不公开）'),
  caseId: z.uuid().nullable(),
  authorId: z.uuid().nullable(),
  reviewNote: z.string(),
  periodRule: z.string().nullable(),
  withdrawal: deadline.nullable().describe('撤回期限（撤回的决定变更日起 3 个工作日）'),
  endReason: z.string().nullable(),
  guard: z.array(guardFinding).describe('仍未脱敏的个人信息位置（为空才能发布）'),
  verificationCode: z.string().nullable().describe('发布记录在记录日志中的核验码（写入日志后才有）'),
  events: z.array(publicationEvent),
  corrections: z.array(correction),
});
export type PublicationDetail = z.infer<typeof publicationDetail>;

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

const lowFine = (party: string) =>
  z
    .number({ error: `请填写本省规定的${party}较低数额罚款标准（分，公示规定 §13）` })
    .int()
    .min(0, '金额不能为负');

export const publicitySettingsBody = z.strictObject({
  publishWithin: z.strictObject(
    Object.fromEntries(actionKinds.map((k) => [k, z.number().int().min(1).max(60)])) as Record<
      (typeof actionKinds)[number],
      z.ZodNumber
    >,
  ),
  withdrawWithin: z.number().int().min(1).max(30),
  /** 公示规定 §13: the province's amounts; an agency must set them (no default: docs/rules.md "Publicity"). */
  lowFineMaxFen: z.strictObject({
    naturalPerson: lowFine('自然人'),
    organisation: lowFine('法人和其他组织'),
  }),
  earlyEndAfterMonths: z.number().int().min(0).max(36).nullable(),
  earlyEndAfterMonthsStrictFields: z.number().int().min(0).max(36).default(12),
  reason: text(500, '调整理由'),
});

/**
 * The settings in force, as read: an agency that never set the low-fine amounts has none (every fine then
 * counts as heavy, 3 years), and `missing` names what the administrator must still set.
 */
export const publicitySettingsView = publicitySettingsBody.omit({ reason: true }).extend({
  lowFineMaxFen: z.object({ naturalPerson: z.number().nullable(), organisation: z.number().nullable() }),
  missing: z.array(z.string()),
});
