import { z } from 'zod';
import { paging } from '../org/org.schema.ts';
import { STEP_CODE } from './av-checklist.rules.ts';
import { extractionMethods } from './electronic-data.rules.ts';
import { evidenceKinds } from './evidence.rules.ts';
import { retentionMarks } from './retention.rules.ts';

/**
 * Request and response shapes of evidence files, enforcement steps, the AV checklist and retention,
 * shared by the routes and the workbench.
 */

const text = (max: number, label: string) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字符`);
const instant = z.iso.datetime({ offset: true, message: '时间应为带时区的 ISO 8601 格式' });
const isoDate = z.iso.date('日期应为有效的 YYYY-MM-DD');
const hex64 = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, '摘要应为 64 位十六进制')
  .transform((s) => s.toLowerCase());

/** A plain subject reference (a case, an inspection, ...) until the cases issue gives them tables. */
export const subjectType = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, '对象类型应为小写英文代码');
export const subjectId = text(100, '对象编号');
export const stepCode = z.string().regex(STEP_CODE, '环节代码应为小写英文代码');

/** A JSON document carried in one query parameter (the request body is the file itself). */
const jsonParam = <T extends z.ZodType>(schema: T, label: string) =>
  z
    .string()
    .transform((value, ctx): unknown => {
      try {
        return JSON.parse(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: `${label}应为 JSON` });
        return z.NEVER;
      }
    })
    .pipe(schema);

export const interruption = z.strictObject({
  stoppedAt: instant,
  resumedAt: instant,
  reason: text(200, '中断原因'),
});

/**
 * The upload's metadata, in the query string: the body is the file, streamed as it arrives. Arrays are
 * a comma list (`officerIds`) or JSON (`interruptions`).
 */
export const uploadQuery = z.strictObject({
  kind: z.enum(evidenceKinds),
  subjectType,
  subjectId,
  step: stepCode.optional(),
  stepId: z.uuid().optional(),
  recorderId: z.uuid().optional(),
  officerIds: z
    .string()
    .transform((s) => s.split(',').map((id) => id.trim()))
    .pipe(z.array(z.uuid('人员编号格式不正确')).min(1).max(20))
    .optional(),
  capturedFrom: instant.optional(),
  capturedTo: instant.optional(),
  place: text(200, '地点').optional(),
  latitude: z.coerce.number().min(-90).max(90).optional(),
  longitude: z.coerce.number().min(-180).max(180).optional(),
  fullProcess: z.enum(['true', 'false']).default('false'),
  interruptions: jsonParam(z.array(interruption).max(100), '中断记录').optional(),
  filename: text(255, '文件名').optional(),
  sha256: hex64.optional(),
  sm3: hex64.optional(),
  /** Electronic data (电子数据, 行政处罚法 §46): what the extraction record says; required for that kind. */
  originalCarrier: text(200, '原始存储介质').optional(),
  extractionMethod: z
    .enum(extractionMethods, {
      message: '提取方式应为拷贝、网页截取、截屏、录屏、网络在线提取、扣押原始介质、勘验或其他',
    })
    .optional(),
  extractionSha256: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{64}$/, '提取时记录的摘要应为 64 位十六进制的 SHA-256')
    .transform((s) => s.toLowerCase())
    .optional(),
  extractedAt: instant.optional(),
  extractionPlace: text(200, '提取地点').optional(),
  extractionDocumentId: z.uuid('提取记录应为文书编号').optional(),
});

export const evidence = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  /** The actions of records.policy.ts the caller may take on it (the workbench shows only these). */
  can: z.array(z.string()).optional(),
  subjectType: z.string(),
  subjectId: z.string(),
  /** What people call the subject: a case's number (案号); null for a subject without one. */
  subjectName: z.string().nullable(),
  step: z.string().nullable(),
  stepId: z.uuid().nullable(),
  kind: z.enum(evidenceKinds),
  mediaType: z.string(),
  filename: z.string().nullable(),
  size: z.number().int(),
  sha256: z.string(),
  sm3: z.string(),
  recorderId: z.uuid().nullable(),
  officerIds: z.array(z.uuid()),
  capturedFrom: z.string().nullable(),
  capturedTo: z.string().nullable(),
  place: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  fullProcess: z.boolean(),
  interruptions: z.array(z.object({ stoppedAt: z.string(), resumedAt: z.string(), reason: z.string() })),
  marks: z.array(z.enum(retentionMarks)),
  uploadedBy: z.uuid().nullable(),
  uploadedAt: z.string(),
  /** `until` is the last day the file must be kept; null when it is kept permanently. */
  retention: z.object({ permanent: z.boolean(), until: z.string().nullable() }),
  disposal: z.object({ at: z.string(), by: z.uuid(), reason: z.string(), approval: z.string() }).nullable(),
  /** Electronic data: its extraction (the record's number, when one is linked); null for other kinds. */
  electronicData: z
    .object({
      originalCarrier: z.string(),
      extractionMethod: z.enum(extractionMethods),
      extractionSha256: z.string(),
      extractedAt: z.string(),
      extractionPlace: z.string(),
      extractionDocumentId: z.uuid().nullable(),
      extractionDocumentNumber: z.string().nullable(),
    })
    .nullable(),
});

export const evidenceQuery = z.strictObject({
  agencyId: z.uuid().optional(),
  subjectType: subjectType.optional(),
  subjectId: subjectId.optional(),
  stepId: z.uuid().optional(),
  recorderId: z.uuid().optional(),
  kind: z.enum(evidenceKinds).optional(),
  /** Files on which this person is one of the officers. */
  officerId: z.uuid().optional(),
  /** Captured (or, with no capture time, uploaded) on or after / on or before these China dates. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...paging,
});

/** One record-log entry of an evidence file (its upload, marks, disposal), with the entry's index. */
export const evidenceLogEvent = z.object({
  kind: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  changes: z.array(z.string()),
  /** Null while the entry waits for integration into the log. */
  logIndex: z.number().int().nullable(),
});

export const markInput = z.strictObject({ mark: z.enum(retentionMarks), reason: text(500, '原因') });
export const disposalInput = z.strictObject({
  reason: text(500, '处置原因'),
  approval: text(100, '批准文号或审批单号'),
});

export const stepInput = z.strictObject({
  subjectType,
  subjectId,
  step: stepCode,
  startedAt: instant,
  endedAt: instant.nullable().default(null),
  place: text(200, '地点').nullable().default(null),
});

export const step = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  subjectType: z.string(),
  subjectId: z.string(),
  step: z.string(),
  label: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  place: z.string().nullable(),
  recordedBy: z.uuid().nullable(),
  recordedAt: z.string(),
});

export const subjectQuery = z.strictObject({ agencyId: z.uuid().optional(), subjectType, subjectId });

export const avGap = z.object({
  stepId: z.uuid(),
  step: z.string(),
  label: z.string(),
  requirement: z.enum(['av', 'full_process_av']),
  problem: z.enum(['no_av', 'not_full_process', 'unexplained_break']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  message: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  startedAt: z.string(),
});

export const agencyGapsQuery = z
  .strictObject({ from: isoDate.optional(), to: isoDate.optional() })
  .refine((q) => !q.from || !q.to || q.to >= q.from, { message: '结束日期不能早于开始日期', path: ['to'] });

export const agencyGaps = z.object({
  agencyId: z.uuid(),
  from: z.string(),
  to: z.string(),
  steps: z.number().int(),
  gaps: z.array(avGap),
});

export const checklistItem = z.strictObject({
  step: stepCode,
  label: text(60, '事项名称'),
  requirement: z.enum(['av', 'full_process_av']),
  basis: text(200, '依据'),
});
export const checklistInput = z.strictObject({ items: z.array(checklistItem).min(1).max(200) });
export const checklist = z.object({
  agencyId: z.uuid(),
  items: z.array(checklistItem),
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
});

const months = z.number().int().nullable();
/** Electronic data came after the others (0024): a policy set without it keeps it permanently. */
export const retentionPeriods = z.strictObject({
  photo: months,
  audio: months,
  video: months,
  scan: months,
  electronic_data: months.default(null),
});
export const retentionInput = z.strictObject({ periods: retentionPeriods });
export const retentionPolicy = z.object({
  agencyId: z.uuid(),
  periods: retentionPeriods,
  minimumMonths: z.number().int(),
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
});

export { idParams, page } from '../org/org.schema.ts';

export type UploadQuery = z.infer<typeof uploadQuery>;
export type Evidence = z.infer<typeof evidence>;
export type EvidenceQuery = z.infer<typeof evidenceQuery>;
export type EvidenceLogEvent = z.infer<typeof evidenceLogEvent>;
export type StepInput = z.infer<typeof stepInput>;
export type Step = z.infer<typeof step>;
export type AvGapView = z.infer<typeof avGap>;
export type ChecklistView = z.infer<typeof checklist>;
export type ChecklistInput = z.infer<typeof checklistInput>;
export type RetentionPolicyView = z.infer<typeof retentionPolicy>;
export type RetentionInput = z.infer<typeof retentionInput>;
