import { z } from 'zod';
import { agency, certificate, person, unit } from '../org/org.schema.ts';
import { actionKinds } from '../powers/action-kinds.ts';
import { publishedPower } from '../powers/power-list.schema.ts';
import { publicationDetail, withdrawalBody } from '../publicity/publications.schema.ts';

/**
 * The records an agency pushes to the county platform (issue 14 items 2 and 5), version 1. Each is derived
 * from the view its own area already serves where one exists, so a pushed record says what the agency's
 * workbench says; build-push-schemas.ts writes them as JSON Schema (draft 2020-12) to schemas/push/v1/, and
 * docs/exchange.md gives the versioning rule: fields may be added within v1, anything else is v2.
 */

const date = z.string().describe('YYYY-MM-DD（中国日期）');

/** 行政执法主体: the agency as the organisation area shows it. */
export const agencyRecord = agency.describe('执法主体');

/** 内设机构、派出机构、执法队伍. */
export const unitRecord = unit.describe('内设机构');

/** 执法人员 with their certificates (执法证). No phone, account or roles: the county needs none of them. */
export const officerRecord = person
  .omit({ phone: true, username: true, roles: true, certificates: true })
  .extend({
    certificates: z.array(certificate.omit({ personName: true, unitName: true, agencyId: true })),
  })
  .describe('执法人员及其执法证');

/** A published version of a power-list item (权责清单事项), as the portal shows it. */
export const powerListVersionRecord = publishedPower.describe('权责清单事项的已发布版本');

/** A publication (公示) as the portal shows it: masked texts only, never the internal records. */
export const publicationRecord = publicationDetail
  .pick({
    id: true,
    agencyId: true,
    unitId: true,
    caseId: true,
    kind: true,
    partyKind: true,
    partyName: true,
    partyCreditCode: true,
    documentNumber: true,
    decidedOn: true,
    title: true,
    summary: true,
    documentText: true,
    sanctions: true,
    publishedOn: true,
    periodEndsOn: true,
    verificationCode: true,
  })
  .describe('公示信息（已脱敏）');

/** The withdrawal of a publication (公示撤回), with its public reason. */
export const publicationWithdrawalRecord = withdrawalBody
  .extend({
    publicationId: z.uuid(),
    agencyId: z.uuid(),
    documentNumber: z.string(),
    withdrawnAt: z.string().describe('撤回时刻（ISO 8601）'),
  })
  .describe('公示撤回');

const caseSanction = z
  .object({
    kind: z.string().describe('处罚种类（cases/sanctions.rules.ts 的代码）'),
    amountFen: z.number().int().optional(),
    term: z.object({ value: z.number().int(), unit: z.enum(['day', 'month', 'year']) }).optional(),
    lifelong: z.boolean().optional(),
  })
  .describe('处罚（金额以分计）');

/** A party as the county sees it (cases/case-view.ts toPartyForOutsider): natural persons masked. */
const caseParty = z.object({
  type: z.enum(['person', 'individual_business', 'organisation']),
  name: z.string().describe('自然人为“姓＋某某”'),
  creditCode: z.string().nullable(),
});

/** 案件概要: what supervision judges, the procedure, never the evidence. */
export const caseSummaryRecord = z
  .object({
    id: z.uuid(),
    agencyId: z.uuid(),
    caseNumber: z.string(),
    kind: z.string().describe('办理类别（cases/lifecycles 的 kind）'),
    actionKind: z.enum(actionKinds),
    procedure: z.enum(['ordinary', 'summary']).nullable(),
    state: z.string(),
    stateLabel: z.string(),
    final: z.boolean(),
    itemCode: z.string().nullable().describe('权责清单事项编码'),
    unitId: z.uuid().nullable(),
    discoveredOn: date,
    filedOn: date.nullable(),
    decidedOn: date.nullable(),
    closedOn: date.nullable(),
    sanctions: z.array(caseSanction),
    parties: z.array(caseParty),
    officers: z.array(z.object({ personId: z.uuid(), name: z.string(), lead: z.boolean() })),
    reviewResult: z.string().nullable().describe('法制审核结论（review 区的 result），未审核为 null'),
    deadlines: z.array(
      z.object({
        code: z.string(),
        label: z.string(),
        dueOn: date,
        metOn: date.nullable(),
        late: z.boolean().describe('超期办结或已超期未办结'),
        endedReason: z.string().nullable(),
      }),
    ),
  })
  .describe('案件概要（自然人已脱敏）');

/** 行政检查结果: an inspection case's outcome. */
export const inspectionResultRecord = z
  .object({
    caseId: z.uuid(),
    agencyId: z.uuid(),
    caseNumber: z.string(),
    itemCode: z.string().nullable(),
    state: z.string(),
    stateLabel: z.string(),
    inspectedOn: date.describe('发现（检查）日期'),
    closedOn: date.nullable(),
    correctionOrdered: z.boolean().describe('是否责令改正'),
    referred: z.boolean().describe('是否转为案源'),
    parties: z.array(caseParty),
  })
  .describe('行政检查结果');

/** A signed checkpoint of the agency's record log (C2SP tlog-checkpoint). */
export const checkpointRecord = z
  .object({
    origin: z.string(),
    size: z.number().int().min(0),
    rootHash: z.base64().describe('Merkle 树根（base64）'),
    note: z.string().describe('签名的检查点全文（C2SP signed-note）'),
  })
  .describe('记录日志检查点');

export const pushRecords = {
  agency: agencyRecord,
  unit: unitRecord,
  officer: officerRecord,
  power_list_version: powerListVersionRecord,
  publication: publicationRecord,
  publication_withdrawal: publicationWithdrawalRecord,
  case_summary: caseSummaryRecord,
  inspection_result: inspectionResultRecord,
  checkpoint: checkpointRecord,
} as const;
export type PushRecordType = keyof typeof pushRecords;
export const pushRecordTypes = Object.keys(pushRecords) as [PushRecordType, ...PushRecordType[]];

const entry = <T extends PushRecordType>(type: T) =>
  z.object({
    sequence: z.number().int().min(1).describe('本机关推送序号（连续、不重复）'),
    type: z.literal(type),
    contentHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('content 的 SHA-256（RFC 8785 规范化 JSON），十六进制'),
    logIndex: z.number().int().min(0).describe('该记录在本机关记录日志中的序号'),
    content: pushRecords[type],
  });

/** A pushed batch: the agency, the range of sequence numbers, the records in order. */
export const pushBatch = z
  .object({
    format: z.literal('sanxiang-push/v1'),
    agencyCreditCode: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/),
    firstSequence: z.number().int().min(1),
    lastSequence: z.number().int().min(1),
    records: z
      .array(
        z.discriminatedUnion('type', [
          entry('agency'),
          entry('unit'),
          entry('officer'),
          entry('power_list_version'),
          entry('publication'),
          entry('publication_withdrawal'),
          entry('case_summary'),
          entry('inspection_result'),
          entry('checkpoint'),
        ]),
      )
      .min(1),
  })
  .describe('推送批次');

const base64Hash = z.base64().describe('32 字节哈希（base64）');

/**
 * The proofs of a batch (docs/county-push.md): a checkpoint of the agency's record log that the platform
 * has witnessed, and for each record with a log index its log entry and RFC 6962 inclusion proof in that
 * checkpoint's tree.
 */
export const pushProof = z
  .object({
    checkpoint: z.string().describe('本机关记录日志的签名检查点（平台已见证），C2SP signed-note 全文'),
    entries: z.array(
      z.object({
        sequence: z.number().int().min(1),
        entry: z.base64().describe('logIndex 处的日志条目（base64）'),
        inclusion: z.array(base64Hash).max(63).describe('RFC 6962 包含证明'),
      }),
    ),
  })
  .describe('推送批次的证明');

/** The request body of `POST /county/push`: the batch, its proofs, and the agency's signed note. */
export const pushEnvelope = z
  .object({
    batch: pushBatch,
    proof: pushProof,
    signature: z.string().describe('C2SP signed-note：sanxiang-push/v1、信用代码、序号范围、正文 SHA-256'),
    sm2Signature: z.string().optional().describe('同一签名正文的 SM2 签名（十六进制），如已配置'),
  })
  .describe('推送请求');

/** The platform's answer to an accepted batch, signed with its receipt key. */
export const pushReceipt = z
  .object({
    format: z.literal('sanxiang-push-receipt/v1'),
    agencyCreditCode: z.string(),
    firstSequence: z.number().int().min(1),
    lastSequence: z.number().int().min(1),
    bodySha256: z.string().regex(/^[0-9a-f]{64}$/),
    receivedAt: z.string().describe('平台接收时刻（ISO 8601）'),
    note: z.string().describe('C2SP signed-note：sanxiang-push-receipt/v1 及以上各项'),
  })
  .describe('推送回执');

export const pushSchemas = {
  ...pushRecords,
  batch: pushBatch,
  proof: pushProof,
  envelope: pushEnvelope,
  receipt: pushReceipt,
} as const;
export type PushSchemaName = keyof typeof pushSchemas;
