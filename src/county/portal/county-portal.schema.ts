import { z } from 'zod';
import { agencyKinds, agencyLevels } from '../../org/org.schema.ts';
import { actionKinds } from '../../powers/action-kinds.ts';
import { powerListVersionRecord, publicationRecord } from '../../exchange/push.schema.ts';

/**
 * The county portal's API shapes (issue 14 item 4): requests validated with Chinese messages, answers built
 * from the pushed records (push.schema.ts) as they are, plus which agency pushed them.
 */

const query = (label: string) => z.string().trim().max(50, `${label}不能超过 50 个字符`).optional();
const paging = {
  page: z.coerce
    .number({ error: '页码应为数字' })
    .int('页码应为整数')
    .min(1, '页码从 1 开始')
    .max(500, '页码不能超过 500')
    .default(1),
  pageSize: z.coerce
    .number({ error: '每页条数应为数字' })
    .int('每页条数应为整数')
    .min(1, '每页至少 1 条')
    .max(100, '每页最多 100 条')
    .default(20),
};

export const agencyParams = z.strictObject({ id: z.uuid('机关编号格式不正确') });
export const itemParams = agencyParams.extend({ itemId: z.uuid('事项编号格式不正确') });
export const publicationParams = agencyParams.extend({ publicationId: z.uuid('公示编号格式不正确') });

export const powersQuery = z.strictObject({
  q: query('搜索词'),
  kind: z.enum(actionKinds, '事项类别不正确').optional(),
});

export const publicationsQuery = z.strictObject({
  q: query('搜索词'),
  kind: z.enum(actionKinds, '决定类别不正确').optional(),
  ...paging,
});

export const searchWhat = ['all', 'publications', 'powers'] as const;
export const searchQuery = z.strictObject({
  q: query('搜索词'),
  agencyId: z.uuid('机关编号格式不正确').optional(),
  kind: z.enum(actionKinds, '类别不正确').optional(),
  what: z.enum(searchWhat, '检索范围应为 all、publications 或 powers').default('all'),
  ...paging,
});

export const verifyQuery = z
  .strictObject({
    code: z.string().trim().max(80, '核验码不能超过 80 个字符').optional(),
    sha256: z
      .string()
      .trim()
      .regex(/^[0-9a-fA-F]{64}$/, '应为 64 位十六进制的 SHA-256')
      .transform((s) => s.toLowerCase())
      .optional(),
    agencyId: z.uuid('机关编号格式不正确').optional(),
  })
  .refine((q) => (q.code === undefined) !== (q.sha256 === undefined), {
    message: '请给出核验码（code）或文件的 SHA-256（sha256）之一',
    path: ['code'],
  });

export const countyAgency = z.object({
  id: z.uuid(),
  name: z.string(),
  creditCode: z.string(),
  remoteAgencyId: z.uuid().describe('该机关在其本机上的编号（其记录日志条目的 agency）'),
  baseUrl: z.string(),
  logOrigin: z.string(),
  registeredAt: z.string(),
  suspended: z.boolean().describe('暂停接收推送'),
  shortName: z.string().nullable(),
  level: z.enum(agencyLevels).nullable(),
  kind: z.enum(agencyKinds).nullable(),
  regionCode: z.string().nullable(),
});

export const countyPower = powerListVersionRecord.extend({
  countyAgencyId: z.uuid(),
  agencyName: z.string(),
  logIndex: z.number().nullable(),
});

export const countyCertificate = z.object({
  number: z.string(),
  fields: z.array(z.string()),
  fieldLabels: z.array(z.string()),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  state: z.enum(['valid', 'not_yet_valid', 'expired', 'suspended', 'revoked']),
  stateLabel: z.string(),
});

export const countyOfficer = z.object({
  id: z.uuid(),
  name: z.string(),
  post: z.string(),
  unitName: z.string().nullable(),
  certificates: z.array(countyCertificate),
});

export const countyPublication = publicationRecord.extend({
  countyAgencyId: z.uuid(),
  agencyName: z.string(),
  logIndex: z.number().nullable(),
});

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export const agenciesAnswer = z.object({ items: z.array(countyAgency) });
export const powersAnswer = z.object({
  items: z.array(countyPower),
  total: z.number().int(),
  on: z.string(),
});
export const officersAnswer = z.object({ items: z.array(countyOfficer), on: z.string() });
export const publicationsAnswer = pageOf(countyPublication);
export const searchAnswer = z.object({
  publications: pageOf(countyPublication).nullable(),
  powers: pageOf(countyPower).nullable(),
});

export const verifyAnswer = z.object({
  status: z.enum(['verified', 'not-found', 'failed', 'unreachable', 'not-witnessed']),
  message: z.string(),
  agency: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  index: z.number().nullable(),
  code: z.string().nullable(),
  entry: z
    .object({
      kind: z.string(),
      time: z.string(),
      agency: z.string().nullable(),
      fileSha256: z.string().optional(),
    })
    .nullable(),
  witnessed: z
    .object({ origin: z.string(), size: z.number(), rootHash: z.string(), note: z.string() })
    .nullable(),
  proof: z.object({ entry: z.string(), leafHash: z.string(), inclusion: z.array(z.string()) }).nullable(),
  tried: z.array(z.object({ agencyId: z.uuid(), name: z.string(), outcome: z.string() })),
});

export type CountyAgency = z.infer<typeof countyAgency>;
export type CountyPower = z.infer<typeof countyPower>;
export type CountyOfficer = z.infer<typeof countyOfficer>;
export type CountyCertificate = z.infer<typeof countyCertificate>;
export type CountyPublication = z.infer<typeof countyPublication>;
export type VerifyAnswer = z.infer<typeof verifyAnswer>;
export type SearchWhat = (typeof searchWhat)[number];
