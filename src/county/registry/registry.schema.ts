import { z } from 'zod';
import { creditCode } from '../../org/org.schema.ts';
import { isValidKeyName, parseVerifierKey } from '../../platform/record-log/note.ts';

/** Request and response shapes of the county platform's registry of agencies (docs/county.md). */

const text = (max: number, label: string) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字符`);

/** A C2SP signed-note Ed25519 verifier key whose key ID matches its name and key. */
export const noteVerifierKey = z
  .string()
  .trim()
  .max(500, '验证公钥过长')
  .refine(
    (vkey) => {
      try {
        parseVerifierKey(vkey);
        return true;
      } catch {
        return false;
      }
    },
    { message: '验证公钥格式不正确（C2SP signed-note，Ed25519）' },
  );

const baseUrl = z
  .string()
  .trim()
  .max(500, '地址不能超过 500 个字符')
  .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*[^\s?#/])?$/, '地址应为 http(s)://主机[/路径]，末尾不带“/”');

const logOrigin = z
  .string()
  .trim()
  .max(255, '日志标识不能超过 255 个字符')
  .refine(isValidKeyName, { message: '日志标识（origin）不能为空，且不能含空格或“+”' });

export const pushKey = z.strictObject({
  vkey: noteVerifierKey,
  sm2: z
    .string()
    .regex(/^04[0-9a-fA-F]{128}$/, 'SM2 公钥应为未压缩点的十六进制（04 开头，130 位）')
    .transform((k) => k.toLowerCase())
    .optional(),
});
const pushKeys = z.array(pushKey).min(1, '请至少填写一个推送验证公钥').max(4, '推送验证公钥至多 4 个');

export const agencyRegistration = z.strictObject({
  creditCode,
  name: text(100, '机关名称'),
  remoteAgencyId: z.uuid('机关编号格式不正确'),
  baseUrl,
  logOrigin,
  logVerifierKeys: z.array(noteVerifierKey).min(1, '请填写记录日志的验证公钥').max(4, '验证公钥至多 4 个'),
  pushKeys,
});
export type AgencyRegistration = z.infer<typeof agencyRegistration>;

/**
 * What an agency prints for pairing (`sanxiang upstream pairing-info`; docs/county-push.md "Pairing" step
 * 1), read by `sanxiang county register-agency FILE`.
 */
export const pairingInfo = z.object({
  creditCode,
  name: text(100, '机关名称'),
  agencyId: z.uuid('机关编号格式不正确'),
  baseUrl,
  logOrigin,
  logVerifierKeys: z.array(noteVerifierKey).min(1, '请填写记录日志的验证公钥').max(4),
  pushVerifierKey: noteVerifierKey,
});
export type PairingInfo = z.infer<typeof pairingInfo>;

export const registrationOfPairingInfo = (p: PairingInfo): AgencyRegistration => ({
  creditCode: p.creditCode,
  name: p.name,
  remoteAgencyId: p.agencyId,
  baseUrl: p.baseUrl,
  logOrigin: p.logOrigin,
  logVerifierKeys: p.logVerifierKeys,
  pushKeys: [{ vkey: p.pushVerifierKey }],
});

export const suspendInput = z.strictObject({ reason: text(500, '暂停原因') });
export const reinstateInput = z.strictObject({ reason: text(500, '恢复原因').optional() });
export const keysInput = z.strictObject({ pushKeys });

export const agencyStates = ['active', 'suspended'] as const;
export const agencyStateLabels = { active: '正常', suspended: '已暂停' } as const;

export const countyAgency = z.object({
  id: z.uuid(),
  creditCode: z.string(),
  name: z.string(),
  remoteAgencyId: z.uuid(),
  baseUrl: z.string(),
  logOrigin: z.string(),
  state: z.enum(agencyStates),
  stateLabel: z.string(),
  suspendedReason: z.string().nullable(),
  lastSequence: z.number().int().nullable().describe('已接收的最大推送序号，未接收为 null'),
  lastReceivedAt: z.string().nullable(),
  registeredAt: z.string(),
});
export type CountyAgency = z.infer<typeof countyAgency>;

export const countyAgencyEvent = z.object({
  id: z.uuid(),
  kind: z.enum(['suspended', 'reinstated', 'keys_replaced']),
  kindLabel: z.string(),
  reason: z.string().nullable(),
  pushKeys: z.array(z.object({ vkey: z.string(), sm2: z.string().optional() })).nullable(),
  recordedBy: z.uuid().nullable(),
  recordedAt: z.string(),
});

export const countyAgencyDetail = countyAgency.extend({
  pushKeys: z.array(z.object({ vkey: z.string(), sm2: z.string().optional() })),
  logVerifierKeys: z.array(z.string()),
  registeredBy: z.uuid().nullable(),
  events: z.array(countyAgencyEvent),
});
export type CountyAgencyDetail = z.infer<typeof countyAgencyDetail>;
