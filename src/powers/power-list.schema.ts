import { z } from 'zod';
import { actionKinds } from './action-kinds.ts';
import { circumstances } from './discretion.rules.ts';

/** Request and response shapes of the power list (权责清单), shared by the routes and the workbench. */

const isoDate = z.iso.date('日期应为有效的 YYYY-MM-DD');
const text = (max: number, label: string) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字符`);
const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label}不能超过 ${max} 个字符`).default('');
const fen = z.number().int('金额以分为单位，应为整数').min(0, '金额不能为负数');

export const legalBasis = z
  .strictObject({
    law: text(100, '法律法规名称'),
    article: text(60, '条款'),
    text: text(4000, '条文内容'),
    inForceFrom: isoDate,
    inForceTo: isoDate.nullable().default(null),
    /**
     * The provision this one amends or replaces (行政处罚法 §37 从旧兼从轻): with `lighter`, a newer provision
     * that punishes less, or no longer at all, applies to acts done under the old one.
     */
    supersedes: z
      .strictObject({ law: text(100, '所替代的法律法规名称'), article: text(60, '所替代的条款') })
      .nullable()
      .default(null),
    /** The publisher's finding that this provision punishes less than the one it supersedes (§37). */
    lighter: z.boolean().default(false),
  })
  .refine((b) => b.inForceTo === null || b.inForceTo >= b.inForceFrom, {
    message: '失效日期不能早于施行日期',
    path: ['inForceTo'],
  })
  .refine((b) => !b.lighter || b.supersedes !== null, {
    message: '较轻的新规定须写明所替代的条款',
    path: ['supersedes'],
  });

export const timeLimit = z.strictObject({
  /** null: no fixed time limit (e.g. an on-the-spot inspection). */
  days: z.number().int().min(1, '办理时限至少 1 天').max(3650).nullable(),
  dayKind: z.enum(['working', 'calendar']).default('working'),
  note: optionalText(500, '时限说明'),
});

export const remedies = z.strictObject({
  reconsiderationBody: text(100, '行政复议机关'),
  reconsiderationDays: z.number().int().min(1).max(3650),
  court: text(100, '行政诉讼法院'),
  litigationMonths: z.number().int().min(1).max(120),
});

export const randomInspection = z.strictObject({
  content: text(1000, '抽查内容'),
  method: text(500, '抽查方式'),
  basis: text(1000, '抽查依据'),
});

export const benchmark = z
  .strictObject({
    circumstance: z.enum(circumstances),
    description: text(1000, '适用情形'),
    /** null with maxFen null: no fine in this circumstance (a warning or other measures only). */
    minFen: fen.nullable().default(null),
    maxFen: fen.nullable().default(null),
    measures: optionalText(500, '其他处理'),
  })
  .refine((b) => (b.minFen === null) === (b.maxFen === null), {
    message: '罚款下限和上限应同时填写或同时留空',
    path: ['maxFen'],
  })
  .refine((b) => b.minFen === null || b.maxFen === null || b.minFen <= b.maxFen, {
    message: '罚款下限不能高于上限',
    path: ['maxFen'],
  });

/** What a version of an item says (everything but its code and kind). */
export const powerContent = z.strictObject({
  name: text(200, '事项名称'),
  legalBases: z.array(legalBasis).min(1, '请至少填写一条法律依据').max(50),
  unitId: z.uuid().nullable().default(null),
  procedure: text(4000, '办理流程'),
  timeLimit,
  fees: text(500, '收费标准'),
  supervision: text(500, '监督渠道'),
  remedies,
  randomInspection: randomInspection.nullable().default(null),
  benchmarks: z.array(benchmark).max(10).default([]),
});

const change = {
  effectiveFrom: isoDate,
  reason: text(500, '变更原因'),
};

export const powerInput = powerContent.extend({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,40}$/, '事项编码为 1–40 位字母、数字或连字符'),
  kind: z.enum(actionKinds),
  ...change,
});

/** An edit: the fields that change (the rest carried over from the latest version), with date and reason. */
export const powerEdit = powerContent.partial().extend(change);
export const powerWithdrawal = z.strictObject(change);
export const reviewNote = z.strictObject({ note: z.string().trim().max(500).default('') });
export const rejection = z.strictObject({ note: text(500, '退回理由') });

export const versionStatuses = ['draft', 'submitted', 'published', 'rejected'] as const;
export const versionStatusLabels = {
  draft: '草稿',
  submitted: '待审核',
  published: '已发布',
  rejected: '已退回',
} as const;

export const powerVersion = z.object({
  id: z.uuid(),
  itemId: z.uuid(),
  version: z.number().int(),
  status: z.enum(versionStatuses),
  effectiveFrom: z.string(),
  reason: z.string(),
  withdrawn: z.boolean(),
  name: z.string(),
  legalBases: z.array(
    z.object({
      law: z.string(),
      article: z.string(),
      text: z.string(),
      inForceFrom: z.string(),
      inForceTo: z.string().nullable(),
      supersedes: z.object({ law: z.string(), article: z.string() }).nullable(),
      lighter: z.boolean(),
    }),
  ),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  procedure: z.string(),
  timeLimit: z.object({
    days: z.number().nullable(),
    dayKind: z.enum(['working', 'calendar']),
    note: z.string(),
  }),
  fees: z.string(),
  supervision: z.string(),
  remedies: z.object({
    reconsiderationBody: z.string(),
    reconsiderationDays: z.number(),
    court: z.string(),
    litigationMonths: z.number(),
  }),
  randomInspection: z.object({ content: z.string(), method: z.string(), basis: z.string() }).nullable(),
  benchmarks: z.array(
    z.object({
      circumstance: z.enum(circumstances),
      description: z.string(),
      minFen: z.number().nullable(),
      maxFen: z.number().nullable(),
      measures: z.string(),
    }),
  ),
  authorId: z.uuid().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});

export const powerItem = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  code: z.string(),
  kind: z.enum(actionKinds),
  /** The newest version, whatever its status. */
  latest: powerVersion,
  /** The published version in force today, if any. */
  inForceVersion: z.number().int().nullable(),
});

export const reviewEvent = z.object({
  id: z.uuid(),
  version: z.number().int(),
  action: z.enum(['submitted', 'published', 'rejected']),
  note: z.string(),
  actorName: z.string().nullable(),
  at: z.string(),
});

export const powerDetail = z.object({
  item: powerItem,
  versions: z.array(powerVersion),
  reviews: z.array(reviewEvent),
});

/** A published item as the portal shows it: the version in force on a date. */
export const publishedPower = powerVersion
  .omit({ status: true, authorId: true, authorName: true, createdAt: true })
  .extend({ agencyId: z.uuid(), code: z.string(), kind: z.enum(actionKinds) });

const filters = {
  kind: z.enum(actionKinds).optional(),
  q: z.string().trim().max(60).optional(),
  randomInspection: z.enum(['true', 'false']).optional(),
};
const paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const powersQuery = z.strictObject({
  agencyId: z.uuid().optional(),
  ...filters,
  status: z.enum(versionStatuses).optional(),
  ...paging,
});

export const publishedQuery = z.strictObject({
  agencyId: z.uuid().optional(),
  on: isoDate.optional(),
  ...filters,
  ...paging,
});

export const benchmarkQuery = z.strictObject({
  circumstance: z.enum(circumstances),
  amountFen: z.coerce.number().int().min(0),
  on: isoDate.optional(),
});

export const idParams = z.strictObject({ id: z.uuid('编号格式不正确') });

export type LegalBasis = z.infer<typeof legalBasis>;
export type TimeLimit = z.infer<typeof timeLimit>;
export type Remedies = z.infer<typeof remedies>;
export type RandomInspection = z.infer<typeof randomInspection>;
export type Benchmark = z.infer<typeof benchmark>;
export type PowerContent = z.infer<typeof powerContent>;
export type PowerInput = z.infer<typeof powerInput>;
export type PowerEdit = z.infer<typeof powerEdit>;
export type PowerVersion = z.infer<typeof powerVersion>;
export type PowerItem = z.infer<typeof powerItem>;
export type PowerDetail = z.infer<typeof powerDetail>;
export type PublishedPower = z.infer<typeof publishedPower>;
export type PowersQuery = z.infer<typeof powersQuery>;
export type PublishedQuery = z.infer<typeof publishedQuery>;
