import { z } from 'zod';
import { pushRecordTypes } from '../push.schema.ts';

/** The bodies and answers of `/api/v1/upstream` (docs/county-push.md "Pairing", "The sender"). */

export const pairingInfo = z.object({
  creditCode: z.string(),
  name: z.string(),
  agencyId: z.uuid(),
  baseUrl: z.string().nullable().describe('本机对外地址（PUBLIC_URL），未配置为 null'),
  logOrigin: z.string(),
  logVerifierKeys: z.array(z.string()),
  pushVerifierKey: z.string(),
});

export const pairBody = z.strictObject({
  url: z.string().min(1, '请填写平台地址').max(500),
  witnessKey: z.string().min(1, '请填写平台的见证公钥').max(500),
  receiptKey: z.string().min(1, '请填写平台的回执公钥').max(500),
});

export const upstream = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  url: z.string(),
  witnessKey: z.string(),
  receiptKey: z.string(),
  pairedBy: z.uuid().nullable(),
  pairedAt: z.string(),
});

export const pairResult = z.object({
  upstream,
  first: z.boolean().describe('首次配对（已排入当前全部数据的快照）'),
  queued: z.number().int().describe('本次排入推送队列的记录数'),
});

export const rejection = z.object({
  id: z.uuid(),
  sequence: z.number().int(),
  type: z.enum(pushRecordTypes).nullable(),
  subjectId: z.string().nullable(),
  code: z.string(),
  reason: z.string(),
  rejectedAt: z.string(),
  resolved: z.boolean().describe('该序号其后已被平台确认接收'),
});

export const upstreamStatus = z.object({
  agencyId: z.uuid(),
  agencyName: z.string(),
  paired: z.boolean(),
  upstream: upstream.nullable(),
  queued: z.number().int().describe('已排队、尚未编号'),
  waiting: z.number().int().describe('已编号、尚未确认'),
  acknowledgedUpTo: z.number().int().describe('平台已确认接收到的序号'),
  lastSequence: z.number().int().nullable(),
  rejected: z.number().int(),
  lastRejection: rejection.nullable(),
  lastDelivery: z
    .object({
      attemptedAt: z.string(),
      firstSequence: z.number().int(),
      lastSequence: z.number().int(),
      outcome: z.enum(['acknowledged', 'refused', 'failed']),
      httpStatus: z.number().int().nullable(),
      code: z.string().nullable(),
      error: z.string().nullable(),
    })
    .nullable(),
});

export type UpstreamStatus = z.infer<typeof upstreamStatus>;
export type Rejection = z.infer<typeof rejection>;
