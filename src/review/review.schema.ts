import { z } from 'zod';
import { actionKinds } from '../powers/action-kinds.ts';
import { circumstances } from '../powers/discretion.rules.ts';
import { sanctionList } from '../cases/sanctions.schema.ts';
import { measures, sanctionFacts } from './catalogue.rules.ts';
import { findings, points, results } from './review.rules.ts';

/** Request shapes of legal review (/api/v1/reviews, /api/v1/review-catalogue), shared with the workbench. */

const isoDate = z.iso.date('日期应为有效的 YYYY-MM-DD');
const text = (max: number, label: string) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字符`);
const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label}不能超过 ${max} 个字符`).default('');
const fen = z.number().int('金额以分为单位，应为整数').min(0, '金额不能为负数').max(Number.MAX_SAFE_INTEGER);

export const idParams = z.strictObject({ id: z.uuid('编号格式不正确') });
export const caseParams = z.strictObject({ caseId: z.uuid('编号格式不正确') });

const proposalFields = z.strictObject({
  facts: text(20_000, '违法事实'),
  summary: text(2000, '拟作出的决定'),
  /**
   * The sanctions proposed, as a list (行政处罚法 §9; issue 12 item 3). When given, the catalogue's measures,
   * the fine and the value confiscated are taken from it.
   */
  sanctions: sanctionList.optional(),
  measures: z.array(z.enum(measures)).max(8).default([]),
  amountFen: fen.default(0),
  confiscationFen: fen.default(0),
  circumstance: z.enum(circumstances).nullable().default(null),
  discretionReason: optionalText(4000, '裁量说明'),
  legalBases: z
    .array(z.strictObject({ law: text(100, '法律法规名称'), article: text(60, '条款') }))
    .max(30)
    .default([]),
  /** The provisions the act violated (违法依据), beside the penalty bases above (处罚依据). */
  violatedBases: z
    .array(z.strictObject({ law: text(100, '法律法规名称'), article: text(60, '条款') }))
    .max(30)
    .default([]),
  /** The evidence and what each proves, as the investigation report states it (beside the files listed). */
  evidence: optionalText(20_000, '证据'),
  actEndedOn: isoDate,
  lifeHealthOrFinancialHarm: z.boolean().default(false),
  placeRegionCode: z
    .string()
    .regex(/^\d{6}(\d{3}(\d{3})?)?$/, '行政区划代码为 6、9 或 12 位数字')
    .nullable()
    .default(null),
  socialImpact: z.boolean().default(false),
  complex: z.boolean().default(false),
});

/**
 * A proposal: with a list of sanctions, the amounts typed beside it must agree with it (an amount of 0 is
 * no amount typed), and the measures, fine and confiscation the catalogue reads are the list's.
 */
export const proposal = proposalFields
  .superRefine((p, ctx) => {
    if (!p.sanctions) return;
    const derived = sanctionFacts(p.sanctions, p.measures);
    if (p.amountFen !== 0 && p.amountFen !== derived.amountFen)
      ctx.addIssue({
        code: 'custom',
        path: ['amountFen'],
        message: `罚款金额与处罚内容中的罚款（${derived.amountFen / 100} 元）不一致`,
      });
    if (p.confiscationFen !== 0 && p.confiscationFen !== derived.confiscationFen)
      ctx.addIssue({
        code: 'custom',
        path: ['confiscationFen'],
        message: `没收金额与处罚内容中的没收（${derived.confiscationFen / 100} 元）不一致`,
      });
  })
  .transform((p) => (p.sanctions ? { ...p, ...sanctionFacts(p.sanctions, p.measures) } : p));
export type ProposalInput = z.infer<typeof proposal>;

/** A submission: without a proposal, the case's facts as established are submitted (issue 12 item 4). */
export const submission = z.strictObject({
  caseId: z.uuid('案件编号格式不正确'),
  proposal: proposal.optional(),
});

export const assignment = z.strictObject({ reviewerId: z.uuid('审核人员编号格式不正确') });

export const invitation = z.strictObject({
  role: z.enum(['legal_adviser', 'public_lawyer']),
  personId: z.uuid().nullable().default(null),
  name: text(50, '姓名'),
  organisation: text(100, '单位'),
  opinion: z.string().trim().max(4000).nullable().default(null),
});

export const extension = z.strictObject({ reason: text(1000, '延长理由') });

export const decision = z.strictObject({
  result: z.enum(results, { error: '审核结论不正确' }),
  findings: z
    .array(
      z.strictObject({
        point: z.enum(points, { error: '审核要点不正确' }),
        finding: z.enum(findings, { error: '审核结果不正确' }),
        note: z.string().trim().max(4000, '审核意见不能超过 4000 个字符').default(''),
      }),
    )
    .max(20),
  opinion: text(8000, '审核意见'),
});
export type DecisionInput = z.infer<typeof decision>;

export const disagreement = z.strictObject({ reason: text(4000, '不同意见') });

export const deliberation = z.strictObject({
  heldOn: isoDate,
  chair: text(50, '主持人'),
  attendees: z.array(text(50, '参加人员')).min(3, '集体讨论至少 3 名负责人参加').max(30),
  discussion: text(20_000, '讨论情况'),
  conclusion: z.enum(results),
});

const condition = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('procedure'),
    procedures: z.array(z.enum(['summary', 'ordinary'])).min(1),
  }),
  z.strictObject({ type: z.literal('action_kind'), kinds: z.array(z.enum(actionKinds)).min(1) }),
  z.strictObject({ type: z.literal('field'), fields: z.array(z.string().min(1).max(40)).min(1) }),
  z.strictObject({
    type: z.literal('amount_at_least'),
    partyType: z.enum(['person', 'organisation']),
    fen: fen,
  }),
  z.strictObject({ type: z.literal('confiscation_at_least'), fen: fen }),
  z.strictObject({ type: z.literal('measure'), measures: z.array(z.enum(measures)).min(1) }),
  z.strictObject({ type: z.literal('hearing_held') }),
  z.strictObject({ type: z.literal('outside_benchmark') }),
  z.strictObject({ type: z.literal('social_impact') }),
  z.strictObject({ type: z.literal('complex') }),
]);

export const catalogueInput = z.strictObject({
  rules: z
    .array(
      z.strictObject({
        code: z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, '规则代码为小写字母、数字和下划线'),
        label: text(200, '规则名称'),
        basis: text(300, '依据'),
        when: z.array(condition).min(1, '规则至少要有一个条件').max(10),
      }),
    )
    .min(1)
    .max(100),
  period: z.strictObject({
    workingDays: z.number().int().min(1).max(30),
    extensionWorkingDays: z.number().int().min(0).max(30),
  }),
  effectiveFrom: isoDate,
  reason: text(500, '制定或修改理由'),
});
export type CatalogueInput = z.infer<typeof catalogueInput>;

export const catalogueApproval = z.strictObject({
  approvedByBody: text(100, '批准机关'),
  approvalReference: text(100, '批准文号'),
  approvedOn: isoDate,
});

export const qualificationInput = z.strictObject({
  personId: z.uuid(),
  kind: z.enum(['legal_professional', 'lawyer', 'other']),
  certificateNumber: text(60, '证书编号'),
  obtainedOn: isoDate,
});

export const trainingInput = z.strictObject({
  personId: z.uuid(),
  title: text(200, '培训名称'),
  organiser: text(100, '主办单位'),
  heldOn: isoDate,
  hours: z.number().int().min(1).max(1000),
});

export const reviewsQuery = z.strictObject({
  status: z
    .enum([
      'submitted',
      'in_review',
      'approved',
      'approved_with_changes',
      'returned',
      'disapproved',
      'deliberation',
      'void',
    ])
    .optional(),
  reviewerId: z.uuid().optional(),
  caseId: z.uuid().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReviewsQuery = z.infer<typeof reviewsQuery>;

export const accountabilityQuery = z.strictObject({
  agencyId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type AccountabilityQuery = z.infer<typeof accountabilityQuery>;
