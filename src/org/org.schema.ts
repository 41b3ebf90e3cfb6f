import { z } from 'zod';
import { isPhoneNumber, phoneMessage } from './phone.rules.ts';
import { roles } from '../platform/auth/roles.ts';
import { enforcementFieldCodes } from './certificate.rules.ts';
import { creditCodeMessages, creditCodeProblem } from './credit-code.rules.ts';

/** Request and response shapes of the organisation area, shared by the routes and the workbench. */

const isoDate = z.iso.date('日期应为有效的 YYYY-MM-DD');
const text = (max: number, label: string) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字符`);

export const creditCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: creditCodeMessages[problem] });
  });

export const agencyLevels = ['province', 'city', 'county', 'township'] as const;
export const agencyLevelLabels = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇',
} as const;
export const agencyKinds = ['enforcement', 'supervision'] as const;
export const agencyKindLabels = { enforcement: '行政执法机关', supervision: '执法监督机构' } as const;
export const unitKinds = ['internal', 'station', 'legal', 'brigade'] as const;
export const unitKindLabels = {
  internal: '内设机构',
  station: '派出机构（监管所）',
  legal: '法制机构',
  brigade: '执法队伍',
} as const;

export const agencyInput = z.strictObject({
  name: text(100, '机关名称'),
  shortName: text(20, '简称'),
  creditCode,
  regionCode: z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字'),
  level: z.enum(agencyLevels),
  kind: z.enum(agencyKinds),
  parentId: z.uuid().nullable().default(null),
});
export const agencyPatch = agencyInput.partial().omit({ parentId: true });

export const agency = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string(),
  creditCode: z.string(),
  regionCode: z.string(),
  level: z.enum(agencyLevels),
  kind: z.enum(agencyKinds),
  parentId: z.uuid().nullable(),
});

export const unitInput = z.strictObject({
  name: text(60, '机构名称'),
  kind: z.enum(unitKinds),
});
export const unitPatch = unitInput.partial().extend({ active: z.boolean().optional() });
export const unit = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  name: z.string(),
  kind: z.enum(unitKinds),
  active: z.boolean(),
});

export const certificateInput = z
  .strictObject({
    number: text(40, '执法证号'),
    fields: z.array(z.enum(enforcementFieldCodes)).min(1, '请至少选择一个执法领域'),
    issuer: text(100, '发证机关'),
    validFrom: isoDate,
    validTo: isoDate,
    examDate: isoDate.nullable().default(null),
  })
  .refine((c) => c.validTo >= c.validFrom, { message: '有效期止不能早于有效期起', path: ['validTo'] });

export const accountInput = z.strictObject({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9._-]{2,31}$/, '用户名为 3–32 位字母、数字、点、下划线或连字符，以字母开头'),
  password: z.string().min(1, '请填写初始密码').max(200),
});

export const personInput = z.strictObject({
  name: text(40, '姓名'),
  unitId: z.uuid().nullable().default(null),
  post: z.string().trim().max(40, '职务不能超过 40 个字符').default(''),
  phone: z.string().trim().max(30).refine(isPhoneNumber, phoneMessage('电话号码')).nullable().default(null),
  roles: z.array(z.enum(roles)).default([]),
  account: accountInput.optional(),
  certificates: z.array(certificateInput).default([]),
});
export const personPatch = z.strictObject({
  name: text(40, '姓名').optional(),
  unitId: z.uuid().nullable().optional(),
  post: z.string().trim().max(40).optional(),
  phone: z.string().trim().max(30).refine(isPhoneNumber, phoneMessage('电话号码')).nullable().optional(),
  active: z.boolean().optional(),
});
export const rolesInput = z.strictObject({ roles: z.array(z.enum(roles)) });

export const certificateChange = z.strictObject({
  reason: text(500, '原因'),
  effectiveOn: isoDate,
});
export const certificatePatch = z.strictObject({
  fields: z.array(z.enum(enforcementFieldCodes)).min(1, '请至少选择一个执法领域').optional(),
  issuer: text(100, '发证机关').optional(),
  validFrom: isoDate.optional(),
  validTo: isoDate.optional(),
  examDate: isoDate.nullable().optional(),
  reason: text(500, '修改原因'),
});

export const certificate = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  unitName: z.string().nullable(),
  number: z.string(),
  fields: z.array(z.string()),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  examDate: z.string().nullable(),
  status: z.enum(['valid', 'suspended', 'revoked']),
  displayStatus: z.enum(['valid', 'suspended', 'revoked', 'expired']),
});

export const certificateEvent = z.object({
  id: z.uuid(),
  action: z.enum(['issued', 'edited', 'suspended', 'reinstated', 'revoked']),
  effectiveOn: z.string(),
  reason: z.string(),
  changes: z.array(z.string()),
  actorName: z.string().nullable(),
  at: z.string(),
});

export const person = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  name: z.string(),
  post: z.string(),
  phone: z.string().nullable(),
  active: z.boolean(),
  roles: z.array(z.string()),
  username: z.string().nullable(),
  certificates: z.array(certificate),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export const paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const peopleQuery = z.strictObject({
  agencyId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  q: z.string().trim().max(40).optional(),
  role: z.enum(roles).optional(),
  active: z.enum(['true', 'false']).optional(),
  ...paging,
});

export const certificatesQuery = z.strictObject({
  agencyId: z.uuid().optional(),
  status: z.enum(['valid', 'suspended', 'revoked', 'expired']).optional(),
  field: z.enum(enforcementFieldCodes).optional(),
  q: z.string().trim().max(40).optional(),
  ...paging,
});

export const idParams = z.strictObject({ id: z.uuid('编号格式不正确') });

export type AgencyInput = z.infer<typeof agencyInput>;
export type UnitInput = z.infer<typeof unitInput>;
export type PersonInput = z.infer<typeof personInput>;
export type PersonPatch = z.infer<typeof personPatch>;
export type CertificateInput = z.infer<typeof certificateInput>;
export type CertificatePatch = z.infer<typeof certificatePatch>;
export type Person = z.infer<typeof person>;
export type Certificate = z.infer<typeof certificate>;
export type CertificateEvent = z.infer<typeof certificateEvent>;
export type Agency = z.infer<typeof agency>;
export type Unit = z.infer<typeof unit>;
export type PeopleQuery = z.infer<typeof peopleQuery>;
export type CertificatesQuery = z.infer<typeof certificatesQuery>;
