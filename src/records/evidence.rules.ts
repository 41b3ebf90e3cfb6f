/**
 * What an evidence file must say about itself (issue 3 item 6, docs/rules.md "Full-process recording"). Pure:
 * plain data in, the problems found out, each with the field it concerns.
 */

/** 行政处罚法 §46 lists 电子数据 as a kind of evidence of its own (electronic-data.rules.ts). */
export const evidenceKinds = ['photo', 'audio', 'video', 'scan', 'electronic_data'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

export const evidenceKindLabels: Readonly<Record<EvidenceKind, string>> = {
  photo: '照片',
  audio: '录音',
  video: '录像',
  scan: '扫描件',
  electronic_data: '电子数据',
};

/** 国办发〔2018〕118号: 音像记录 is made with cameras, sound and video recorders — photos count as AV. */
export const avKinds: ReadonlySet<EvidenceKind> = new Set<EvidenceKind>(['photo', 'audio', 'video']);

/** Recordings that run in time, so they can be full-process and can be interrupted. */
export const continuousKinds: ReadonlySet<EvidenceKind> = new Set<EvidenceKind>(['audio', 'video']);

/** The largest file one upload may carry (a day of body-worn 1080p video is well under this). */
export const MAX_EVIDENCE_BYTES = 64 * 2 ** 30;

/**
 * Media types each kind accepts. A file is served back with its media type on the workbench's origin, so
 * nothing a browser would run (HTML, SVG, scripts) is ever accepted; `application/octet-stream` is always
 * accepted and served as a download.
 */
const imageTypes = ['image/jpeg', 'image/png', 'image/heic', 'image/heif', 'image/webp', 'image/tiff'];
const electronicDataTypes = [
  'text/plain',
  'text/csv',
  'application/json',
  'application/zip',
  'application/x-7z-compressed',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'message/rfc822',
];
const acceptedTypes: Readonly<Record<EvidenceKind, (type: string) => boolean>> = {
  photo: (t) => imageTypes.includes(t),
  audio: (t) => /^audio\/[a-z0-9.+-]+$/.test(t),
  video: (t) => /^video\/[a-z0-9.+-]+$/.test(t),
  scan: (t) => t === 'application/pdf' || imageTypes.includes(t),
  // Web pages are kept as what a browser does not run: a screenshot, a PDF print, a recording, an archive.
  electronic_data: (t) =>
    t === 'application/pdf' ||
    imageTypes.includes(t) ||
    /^(audio|video)\/[a-z0-9.+-]+$/.test(t) ||
    electronicDataTypes.includes(t),
};

export const OCTET_STREAM = 'application/octet-stream';

/** The media type of a Content-Type header value: lowercase, without parameters. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function mediaTypeProblem(kind: EvidenceKind, mediaType: string): string | null {
  if (mediaType === OCTET_STREAM || acceptedTypes[kind](mediaType)) return null;
  return `${evidenceKindLabels[kind]}不接受 ${mediaType || '未声明'} 类型的文件`;
}

export interface Interruption {
  readonly stoppedAt: Date;
  readonly resumedAt: Date;
  readonly reason: string;
}

export interface EvidenceFacts {
  readonly kind: EvidenceKind;
  readonly recorderId: string | null;
  readonly capturedFrom: Date | null;
  readonly capturedTo: Date | null;
  readonly fullProcess: boolean;
  readonly interruptions: readonly Interruption[];
}

export interface FactProblem {
  /** The metadata field, as the upload names it. */
  readonly field: string;
  readonly message: string;
}

/** Clocks of devices and servers differ a little; a capture a few minutes "in the future" is not an error. */
const CLOCK_SKEW_MS = 5 * 60_000;

export function evidenceProblems(facts: EvidenceFacts, now: Date): FactProblem[] {
  const problems: FactProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const { capturedFrom: from, capturedTo: to } = facts;
  // S-8.2 (issue 3 item 8): every AV file is linked to the device that made it.
  if (avKinds.has(facts.kind) && facts.recorderId === null)
    add('recorderId', '音像记录须注明拍摄的执法记录仪或设备');
  if (from && to && to < from) add('capturedTo', '拍摄结束时间不能早于开始时间');
  const last = to ?? from;
  if (last && last.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    add(to ? 'capturedTo' : 'capturedFrom', '拍摄时间不能晚于现在');
  }
  const continuous = continuousKinds.has(facts.kind);
  if (facts.fullProcess && !continuous) add('fullProcess', '只有录音、录像可以是全过程记录');
  if (facts.fullProcess && (!from || !to)) add('fullProcess', '全过程记录须注明拍摄开始和结束时间');
  if (facts.interruptions.length > 0 && !continuous) add('interruptions', '只有录音、录像有中断');
  let previousResume: Date | null = null;
  facts.interruptions.forEach((gap, i) => {
    const field = `interruptions.${i}`;
    // 四平 AV practice (docs/rules.md): never stop except for technical reasons; on resuming, state why.
    if (gap.reason.trim() === '') add(`${field}.reason`, '请说明中断的原因');
    if (gap.resumedAt <= gap.stoppedAt) add(`${field}.resumedAt`, '恢复时间须晚于中断时间');
    if (to && gap.resumedAt > to) add(`${field}.resumedAt`, '恢复时间不能晚于拍摄结束时间');
    if (previousResume && gap.stoppedAt < previousResume)
      add(`${field}.stoppedAt`, '中断须按时间先后列出，且不能重叠');
    previousResume = gap.resumedAt;
  });
  return problems;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * The digests the uploader declared against those of the bytes received: the names of those that differ.
 * An upload whose declared digest differs is rejected (issue 3 "Bad input").
 */
export function digestMismatches(
  declared: { sha256?: string | undefined; sm3?: string | undefined },
  actual: { sha256: string; sm3: string },
): ('sha256' | 'sm3')[] {
  return (['sha256', 'sm3'] as const).filter((name) => {
    const value = declared[name];
    return value !== undefined && value.toLowerCase() !== actual[name];
  });
}

export const isHexDigest = (value: string): boolean => HEX64.test(value.toLowerCase());

/**
 * RFC 9530 `Content-Digest` (or `Repr-Digest`): the SHA-256 it declares, as lowercase hex; undefined when
 * it declares none (§5: a recipient ignores algorithms it does not support); null when it is malformed.
 */
export function declaredSha256(header: string | undefined): string | undefined | null {
  if (!header) return undefined;
  for (const member of header.split(',')) {
    const match = /^\s*sha-256\s*=\s*:([A-Za-z0-9+/]+={0,2}):\s*$/i.exec(member);
    if (!match?.[1]) continue;
    const binary = atob(match[1]);
    if (binary.length !== 32) return null;
    return [...binary].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  }
  return undefined;
}
