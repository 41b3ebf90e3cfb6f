import { z } from 'zod';
import { isPhoneNumber, phoneMessage } from '../org/phone.rules.ts';
import { subjectId, subjectType } from '../records/evidence.schema.ts';
import { documentTypeCodes } from './document-types.ts';

/**
 * Request and response shapes of documents, templates and written records, shared by the routes, the
 * cases service (which issues documents inside its own commands) and the workbench.
 */
const text = (max: number, label: string) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字符`);
const isoDate = z.iso.date('日期应为有效的 YYYY-MM-DD');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, '摘要应为 64 位小写十六进制');

export const documentType = z.enum(documentTypeCodes, { message: '未知的文书种类' });

export const party = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('person'),
    name: text(50, '姓名'),
    idNumber: z.string().trim().max(30).optional(),
    address: z.string().trim().max(200).optional(),
    phone: z
      .string()
      .trim()
      .max(30)
      .refine((v) => v === '' || isPhoneNumber(v), phoneMessage('联系电话'))
      .optional(),
  }),
  z.strictObject({
    kind: z.literal('organisation'),
    name: text(100, '名称'),
    creditCode: z.string().trim().max(30).optional(),
    legalRepresentative: z.string().trim().max(50).optional(),
    address: z.string().trim().max(200).optional(),
    phone: z.string().trim().max(30).optional(),
  }),
  // 民法典 §54: a 个体工商户, named with its operator (经营者).
  z.strictObject({
    kind: z.literal('individual_business'),
    name: text(100, '名称'),
    creditCode: z.string().trim().max(30).optional(),
    operatorName: z.string().trim().max(50),
    idNumber: z.string().trim().max(30).optional(),
    address: z.string().trim().max(200).optional(),
    phone: z.string().trim().max(30).optional(),
  }),
]);
export type Party = z.infer<typeof party>;

export const officer = z.strictObject({
  name: text(50, '执法人员姓名'),
  certificateNumber: text(40, '执法证号'),
});

export const legalBasis = z.strictObject({
  law: text(100, '法律名称'),
  article: text(60, '条款'),
  text: z.string().trim().max(2000).optional(),
});

/** A party's signature (its PNG in the blob store), or the party's refusal to sign and why. */
export const partySignature = z.union([
  z.strictObject({ sha256 }),
  z.strictObject({ refused: z.literal(true), reason: text(200, '拒签情况') }),
]);

/** What a document says, as stored with it (the .docx is made from this, the template and its number). */
export const documentData = z.strictObject({
  parties: z.array(party).max(20).default([]),
  officers: z.array(officer).max(10).default([]),
  fields: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/), z.string().max(20_000)).default({}),
  legalBases: z.array(legalBasis).max(30).default([]),
  amountFen: z
    .number()
    .int('金额以分为单位，应为整数')
    .positive('金额必须为正数')
    .max(1e13, '金额过大')
    .nullable()
    .default(null),
  rows: z
    .array(z.record(z.string(), z.string().max(2000)))
    .max(500)
    .default([]),
  /** The document's date (落款日期); the issue date when absent. */
  date: isoDate.optional(),
  signatures: z
    .strictObject({ party: partySignature.nullable(), officers: z.array(sha256).max(2) })
    .nullable()
    .default(null),
  evidenceIds: z.array(z.uuid()).max(200).default([]),
  /** The fields filled from the case that the officer changed before issuing (document-issue.service.ts). */
  edited: z.array(z.string().max(40)).max(60).default([]),
});
export type DocumentData = z.infer<typeof documentData>;
export type DocumentDataInput = z.input<typeof documentData>;

export const issueInput = z.strictObject({
  type: documentType,
  subjectType,
  subjectId,
  data: documentData,
});
export type IssueInput = z.infer<typeof issueInput>;

export const issuedDocument = z.object({
  id: z.string(),
  agencyId: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  type: z.string(),
  title: z.string(),
  number: z.string(),
  templateVersion: z.number(),
  templateSha256: z.string(),
  issuedAt: z.string(),
  issuedBy: z.string().nullable(),
  sealed: z.boolean(),
  sha256: z.string().nullable(),
  size: z.number().nullable(),
  verificationCode: z.string().nullable(),
});
export type IssuedDocument = z.infer<typeof issuedDocument>;

export const documentsQuery = z.strictObject({ subjectType, subjectId });
export const draftQuery = z.strictObject({ type: documentType, subjectType, subjectId });

export const template = z.object({
  type: z.string(),
  title: z.string(),
  version: z.number(),
  sha256: z.string(),
  size: z.number(),
  filename: z.string(),
  note: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string().nullable(),
  current: z.boolean(),
});

export const templateUploadQuery = z.strictObject({
  filename: text(200, '文件名').optional(),
  note: text(500, '说明'),
});

export const typeParams = z.strictObject({ type: documentType });
export const templateParams = z.strictObject({
  type: documentType,
  version: z.coerce.number().int().min(0),
});

export const numberPatternInput = z.strictObject({ pattern: text(60, '文号格式') });

/** A written record (笔录) taken on a form: its fields, the signatures as PNG (base64), refusal, AV linked. */
const pngBase64 = z
  .string()
  .max(700_000, '签名图片不能超过 500 KB')
  .regex(/^[A-Za-z0-9+/=]+$/, '签名应为 PNG 的 base64');

export const writtenRecordInput = z.strictObject({
  type: z.enum(['on_site_record', 'interview_record', 'statement_record', 'hearing_record'], {
    message: '笔录种类应为现场笔录、询问笔录、陈述申辩笔录或听证笔录',
  }),
  subjectType,
  subjectId,
  parties: z.array(party).min(1, '请填写当事人').max(20),
  officers: z.array(officer).min(2, '笔录须由两名以上执法人员制作（行政处罚法第四十二条）').max(10),
  fields: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/), z.string().max(20_000)).default({}),
  /** Questions and answers of an interview record. */
  rows: z
    .array(z.strictObject({ question: z.string().max(2000), answer: z.string().max(5000) }))
    .max(300)
    .default([]),
  date: isoDate.optional(),
  signatures: z.strictObject({
    party: z.union([
      z.strictObject({ png: pngBase64 }),
      z.strictObject({ refused: z.literal(true), reason: text(200, '拒签情况') }),
    ]),
    officers: z.array(pngBase64).length(2, '两名执法人员均须签名'),
  }),
  evidenceIds: z.array(z.uuid()).max(200).default([]),
});
export type WrittenRecordInput = z.infer<typeof writtenRecordInput>;

/** The agency's payment and remedy settings (document-settings.rules.ts), with the reason of the change. */
const setting = (max: number, label: string) =>
  z.string().trim().max(max, `${label}不能超过 ${max} 个字符`).default('');
export const documentSettingsInput = z.strictObject({
  payee: setting(100, '收款单位'),
  bank: setting(100, '开户银行'),
  account: z
    .string()
    .trim()
    .max(40, '账号不能超过 40 个字符')
    .regex(/^[0-9 -]*$/, '账号只能包含数字、空格和连字符')
    .default(''),
  paymentChannel: setting(300, '缴纳方式'),
  reconsiderationBody: setting(100, '行政复议机关'),
  court: setting(100, '行政诉讼管辖法院'),
  contact: setting(300, '联系人及联系方式'),
  reason: text(500, '变更理由'),
});
export type DocumentSettingsInput = z.infer<typeof documentSettingsInput>;
