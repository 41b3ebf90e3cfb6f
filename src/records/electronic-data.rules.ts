import type { EvidenceKind } from './evidence.rules.ts';

/**
 * Electronic data as evidence (电子数据, issue 12 item 7). 行政处罚法 §46 lists it as a kind of evidence of its
 * own; 市场监督管理行政执法电子数据取证暂行规定 (市场监管总局, 2024) has the officers record, when they extract
 * it, the original carrier (原始存储介质), the way it was extracted, the time and place, and its
 * integrity value (完整性校验值) on an extraction record that the officers and the holder sign. What the
 * officer wrote down at the scene is what the upload is checked against: the bytes received must have the
 * SHA-256 stated on the extraction record, or they are not the data that was extracted. Pure.
 */

/** The ways electronic data is extracted (暂行规定: on site, online, by seizing the carrier, by copy or capture). */
export const extractionMethods = [
  'copy',
  'web_capture',
  'screenshot',
  'screen_recording',
  'online_extraction',
  'carrier_seizure',
  'inspection',
  'other',
] as const;
export type ExtractionMethod = (typeof extractionMethods)[number];

export const extractionMethodLabels: Readonly<Record<ExtractionMethod, string>> = {
  copy: '拷贝（复制）',
  web_capture: '网页截取',
  screenshot: '截屏',
  screen_recording: '录屏（录像）',
  online_extraction: '网络在线提取',
  carrier_seizure: '查封、扣押原始存储介质',
  inspection: '勘验（检查分析）',
  other: '其他方式',
};

/** What an upload says of the extraction; each field as the upload names it. */
export interface ExtractionFacts {
  readonly originalCarrier?: string | undefined;
  readonly extractionMethod?: ExtractionMethod | undefined;
  readonly extractionSha256?: string | undefined;
  readonly extractedAt?: Date | undefined;
  readonly extractionPlace?: string | undefined;
  readonly extractionDocumentId?: string | undefined;
}

export interface ExtractionProblem {
  readonly field: keyof ExtractionFacts;
  readonly message: string;
}

const required: readonly { field: keyof ExtractionFacts; message: string }[] = [
  { field: 'originalCarrier', message: '电子数据须注明原始存储介质（如 当事人手机、服务器、网页）' },
  { field: 'extractionMethod', message: '电子数据须注明提取方式' },
  { field: 'extractionSha256', message: '电子数据须填写提取时记录的 SHA-256 摘要（完整性校验值）' },
  { field: 'extractedAt', message: '电子数据须填写提取时间' },
  { field: 'extractionPlace', message: '电子数据须填写提取地点' },
];

/** Clocks of devices and servers differ a little; an extraction a few minutes "in the future" is not an error. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The problems of an upload's extraction facts: electronic data states every one of them (the record is
 * optional: it may be issued later and is then named by its own document); other kinds state none.
 */
export function extractionProblems(
  kind: EvidenceKind,
  facts: ExtractionFacts,
  now: Date,
): ExtractionProblem[] {
  const given = (field: keyof ExtractionFacts) => {
    const v = facts[field];
    return v !== undefined && !(typeof v === 'string' && v.trim() === '');
  };
  if (kind !== 'electronic_data') {
    return (Object.keys(facts) as (keyof ExtractionFacts)[])
      .filter(given)
      .map((field) => ({ field, message: '只有电子数据有提取信息' }));
  }
  const problems: ExtractionProblem[] = required
    .filter((r) => !given(r.field))
    .map((r) => ({ field: r.field, message: r.message }));
  if (facts.extractedAt && facts.extractedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    problems.push({ field: 'extractedAt', message: '提取时间不能晚于现在' });
  }
  return problems;
}

/**
 * The digest on the extraction record against that of the bytes received: a message for the field when
 * they differ (the file is not the data extracted, or was changed since), null when they agree.
 */
export function extractionDigestProblem(stated: string, received: string): string | null {
  if (stated.toLowerCase() === received.toLowerCase()) return null;
  return `上传文件的 SHA-256（${received}）与提取时记录的摘要不一致：文件不是提取的电子数据，或提取后已被改动`;
}

/** Why a document cannot be the extraction record of electronic data of this subject, or null. */
export function extractionRecordProblem(
  document: { type: string; subjectType: string; subjectId: string } | undefined,
  subject: { subjectType: string; subjectId: string },
): string | null {
  if (!document) return '本机关没有这份文书';
  if (document.type !== 'evidence_extraction') return '提取记录应为证据提取单';
  if (document.subjectType !== subject.subjectType || document.subjectId !== subject.subjectId)
    return '提取记录应为同一案件（对象）的证据提取单';
  return null;
}
