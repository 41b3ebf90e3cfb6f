/**
 * May this person act in this field on this date? Only certified officers enforce, within the fields on
 * their certificate and its validity (行政处罚法 §42: 执法人员应当具有行政执法资格; seed S-3). A suspension
 * or revocation takes effect on its date, so a past act is judged by the status on the day of the act.
 */
export const enforcementFields = {
  food: '食品安全',
  drugs: '药品',
  medical_devices: '医疗器械',
  cosmetics: '化妆品',
  quality: '产品质量',
  special_equipment: '特种设备',
  industry_commerce: '工商行政管理',
  pricing: '价格监督',
  measurement: '计量',
  standards: '标准化',
  intellectual_property: '知识产权',
  advertising: '广告',
  competition: '反不正当竞争',
  consumer_protection: '消费者权益保护',
} as const;

export type EnforcementField = keyof typeof enforcementFields;
export const enforcementFieldCodes = Object.keys(enforcementFields) as EnforcementField[];

/** The Chinese name of a field code; an unknown code as it is. */
export const fieldLabel = (code: string): string =>
  (enforcementFields as Record<string, string>)[code] ?? code;

export type CertificateStatus = 'valid' | 'suspended' | 'revoked';

export const certificateStatusLabels: Record<CertificateStatus, string> = {
  valid: '有效',
  suspended: '暂扣',
  revoked: '注销',
};

/** The status each status action leads to (the certificate's history names actions; `statusOn` reads statuses). */
export const statusAfter = {
  suspended: 'suspended',
  reinstated: 'valid',
  revoked: 'revoked',
} as const satisfies Record<string, CertificateStatus>;

/** A status change and the legal date from which it holds. */
export interface StatusChange {
  status: CertificateStatus;
  effectiveOn: string;
}

export interface CertificateFacts {
  fields: readonly string[];
  validFrom: string;
  validTo: string;
  /** Every status change in order of effect; the certificate is `valid` before the first. */
  statusChanges: readonly StatusChange[];
}

export type ActRefusal =
  | 'CERTIFICATE_NOT_YET_VALID'
  | 'CERTIFICATE_EXPIRED'
  | 'CERTIFICATE_SUSPENDED'
  | 'CERTIFICATE_REVOKED'
  | 'CERTIFICATE_FIELD_MISMATCH';

export const actRefusalMessages: Record<ActRefusal, string> = {
  CERTIFICATE_NOT_YET_VALID: '执法证尚未生效',
  CERTIFICATE_EXPIRED: '执法证已过有效期',
  CERTIFICATE_SUSPENDED: '执法证已被暂扣',
  CERTIFICATE_REVOKED: '执法证已被注销',
  CERTIFICATE_FIELD_MISMATCH: '执法证的执法领域不包括该领域',
};

/** The status in force on a date: the last change effective on or before it. */
export function statusOn(changes: readonly StatusChange[], date: string): CertificateStatus {
  let status: CertificateStatus = 'valid';
  for (const change of changes) if (change.effectiveOn <= date) status = change.status;
  return status;
}

/** Dates are ISO `YYYY-MM-DD`, so string order is date order; validity includes both end days. */
export function mayAct(cert: CertificateFacts, field: string, date: string): ActRefusal | null {
  if (date < cert.validFrom) return 'CERTIFICATE_NOT_YET_VALID';
  if (date > cert.validTo) return 'CERTIFICATE_EXPIRED';
  const status = statusOn(cert.statusChanges, date);
  if (status === 'revoked') return 'CERTIFICATE_REVOKED';
  if (status === 'suspended') return 'CERTIFICATE_SUSPENDED';
  if (!cert.fields.includes(field)) return 'CERTIFICATE_FIELD_MISMATCH';
  return null;
}

/** Of a person's certificates, any one for the field suffices; else the refusal of the first for it. */
export function mayActWithAny(
  certs: readonly CertificateFacts[],
  field: string,
  date: string,
): ActRefusal | null {
  const forField = certs.filter((c) => c.fields.includes(field));
  const refusals = forField.map((c) => mayAct(c, field, date));
  if (refusals.includes(null)) return null;
  return refusals[0] ?? 'CERTIFICATE_FIELD_MISMATCH';
}

/** The status a list shows today: a valid certificate past its end date shows as expired. */
export function displayStatus(
  status: CertificateStatus,
  validTo: string,
  today: string,
): CertificateStatus | 'expired' {
  return status === 'valid' && today > validTo ? 'expired' : status;
}

export type PublicCertificateState = 'valid' | 'not_yet_valid' | 'expired' | 'suspended' | 'revoked';

export const publicCertificateLabels: Record<PublicCertificateState, string> = {
  valid: '有效',
  not_yet_valid: '尚未生效',
  expired: '已过期',
  suspended: '已暂扣',
  revoked: '已注销',
};

/** The public state on a date, judged with the pure rules (validity dates, then the status in force). */
export function publicStateOn(
  cert: { validFrom: string; validTo: string; statusChanges: readonly StatusChange[] },
  date: string,
): PublicCertificateState {
  const status = statusOn(cert.statusChanges, date);
  if (status === 'revoked') return 'revoked';
  if (status === 'suspended') return 'suspended';
  if (date < cert.validFrom) return 'not_yet_valid';
  if (date > cert.validTo) return 'expired';
  return 'valid';
}
