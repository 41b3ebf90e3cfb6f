/**
 * A publication as a row of the 双公示 (行政许可、行政处罚 信用信息) layout the provincial credit platform takes
 * in. The column names follow the 信用中国 "行政许可和行政处罚等信用信息" data items as the brief of issue 14
 * lists them. Sources checked (docs/exchange.md "双公示"): public code of a crawler of a provincial credit
 * site naming the items by code (xy010101 行政相对人名称 … xy020136 数据来源单位统一社会信用代码); a provincial
 * 许可 interface's validation messages (行政相对人类别: 法人及非法人组织、自然人、个体工商户); 国家统计局 行政处罚信息
 * 公示 rules §5 (http://m.zgkjsz.com/page/2019/0505/15246919.shtml). The standard's own text was not
 * available here, so the order, the code lists and the required marks are not confirmed.
 *
 * Only what the portal shows goes out: the party's name as published (natural persons 姓＋某某, masking.rules.ts
 * maskName), no identity number (only the marker), the masked summary as the facts.
 */
import { sanctionKindLabels } from './publications.schema.ts';
import { defaultMaskingConfig, maskName, type MaskingConfig } from './masking.rules.ts';

export const creditExportKinds = ['penalty', 'licensing'] as const;
export type CreditExportKind = (typeof creditExportKinds)[number];

type SanctionKind = keyof typeof sanctionKindLabels;

/** What a row is built from: a published publication and the agency that decided it. */
export interface CreditSource {
  kind: CreditExportKind;
  partyKind: 'natural_person' | 'organisation';
  /** As published (already masked for natural persons; masked again here, which changes nothing then). */
  partyName: string;
  partyCreditCode: string | null;
  /** Whether the internal records hold an identity number for the natural person (never its digits). */
  hasIdNumber: boolean;
  documentNumber: string;
  title: string;
  /** The masked summary shown on the portal. */
  summary: string;
  sanctions: { kind: SanctionKind; amountFen?: number; until?: string; lifelong?: boolean }[];
  decidedOn: string;
  periodEndsOn: string | null;
  agencyName: string;
  agencyCreditCode: string;
}

/** 行政处罚 columns, in the order written. */
export const penaltyColumns = [
  '行政相对人名称',
  '行政相对人类别',
  '统一社会信用代码',
  '法定代表人',
  '证件类型',
  '证件号码',
  '行政处罚决定书文号',
  '违法行为类型',
  '违法事实',
  '处罚依据',
  '处罚类别',
  '处罚内容',
  '罚款金额（万元）',
  '没收违法所得、没收非法财物的金额（万元）',
  '暂扣或吊销证照名称及编号',
  '处罚决定日期',
  '处罚有效期',
  '公示截止期',
  '处罚机关',
  '处罚机关统一社会信用代码',
  '数据来源单位',
  '数据来源单位统一社会信用代码',
  '备注',
] as const;

/** 行政许可 columns, in the order written. */
export const licensingColumns = [
  '行政相对人名称',
  '行政相对人类别',
  '统一社会信用代码',
  '法定代表人',
  '证件类型',
  '证件号码',
  '行政许可决定文书名称',
  '行政许可决定文书号',
  '许可类别',
  '许可证书名称',
  '许可编号',
  '许可内容',
  '许可决定日期',
  '有效期自',
  '有效期至',
  '许可机关',
  '许可机关统一社会信用代码',
  '当前状态',
  '数据来源单位',
  '数据来源单位统一社会信用代码',
  '备注',
] as const;

export type PenaltyColumn = (typeof penaltyColumns)[number];
export type LicensingColumn = (typeof licensingColumns)[number];

export const creditColumns = (kind: CreditExportKind): readonly string[] =>
  kind === 'penalty' ? penaltyColumns : licensingColumns;

/**
 * 行政相对人类别: 法人及非法人组织, 自然人, 个体工商户. A credit code whose first two characters are 92 is an
 * individual business's (GB 32100-2015 §4: registration department 9 工商, category 2 个体工商户).
 */
export function counterpartCategory(s: Pick<CreditSource, 'partyKind' | 'partyCreditCode'>): string {
  if (s.partyCreditCode?.startsWith('92')) return '个体工商户';
  return s.partyKind === 'natural_person' ? '自然人' : '法人及非法人组织';
}

/** Fen to 万元 (1 万元 = 1 000 000 分), written without trailing zeros: 500 000 分 → "0.5". */
export function fenToWanYuan(fen: number): string {
  const whole = Math.floor(fen / 1_000_000);
  const rest = String(fen % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : String(whole);
}

const yuan = (fen: number): string =>
  (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** 处罚内容: each sanction in words (a fine with its amount, a restriction with its term). */
function sanctionText(s: CreditSource['sanctions'][number]): string {
  const label = sanctionKindLabels[s.kind];
  if (s.kind === 'fine' && s.amountFen !== undefined) return `${label}人民币 ${yuan(s.amountFen)} 元`;
  if (s.lifelong) return `${label}（终身）`;
  if (s.until) return `${label}（至 ${s.until}）`;
  return label;
}

/** The identity columns, masked as the portal masks: name 姓＋某某, identity number only the marker. */
function identity(s: CreditSource, config: MaskingConfig) {
  const natural = s.partyKind === 'natural_person';
  return {
    行政相对人名称: natural ? maskName(s.partyName, config.givenNameMask) : s.partyName,
    行政相对人类别: counterpartCategory(s),
    统一社会信用代码: natural ? '' : (s.partyCreditCode ?? ''),
    法定代表人: '',
    证件类型: natural && s.hasIdNumber ? '身份证' : '',
    证件号码: natural && s.hasIdNumber ? config.marker : '',
  };
}

export function penaltyRow(
  s: CreditSource,
  config: MaskingConfig = defaultMaskingConfig,
): Record<PenaltyColumn, string> {
  const fines = s.sanctions.filter((x) => x.kind === 'fine');
  const fineFen = fines.reduce((sum, x) => sum + (x.amountFen ?? 0), 0);
  const terms = s.sanctions.filter((x) => x.until || x.lifelong);
  const validity = terms.some((x) => x.lifelong)
    ? ''
    : (terms
        .map((x) => x.until!)
        .sort()
        .at(-1) ?? '');
  return {
    ...identity(s, config),
    行政处罚决定书文号: s.documentNumber,
    违法行为类型: '',
    违法事实: s.summary,
    处罚依据: '',
    处罚类别: [...new Set(s.sanctions.map((x) => sanctionKindLabels[x.kind]))].join(';'),
    处罚内容: s.sanctions.map(sanctionText).join('；'),
    '罚款金额（万元）': fines.length ? fenToWanYuan(fineFen) : '',
    '没收违法所得、没收非法财物的金额（万元）': '',
    暂扣或吊销证照名称及编号: '',
    处罚决定日期: s.decidedOn,
    处罚有效期: validity,
    公示截止期: s.periodEndsOn ?? '',
    处罚机关: s.agencyName,
    处罚机关统一社会信用代码: s.agencyCreditCode,
    数据来源单位: s.agencyName,
    数据来源单位统一社会信用代码: s.agencyCreditCode,
    备注: '',
  };
}

export function licensingRow(
  s: CreditSource,
  config: MaskingConfig = defaultMaskingConfig,
): Record<LicensingColumn, string> {
  return {
    ...identity(s, config),
    行政许可决定文书名称: s.title,
    行政许可决定文书号: s.documentNumber,
    许可类别: '',
    许可证书名称: '',
    许可编号: '',
    许可内容: s.summary,
    许可决定日期: s.decidedOn,
    有效期自: s.decidedOn,
    有效期至: '',
    许可机关: s.agencyName,
    许可机关统一社会信用代码: s.agencyCreditCode,
    当前状态: '有效',
    数据来源单位: s.agencyName,
    数据来源单位统一社会信用代码: s.agencyCreditCode,
    备注: '',
  };
}

/** The row of the publication's kind, as the columns of creditColumns(kind) in order. */
export function creditRow(s: CreditSource, config: MaskingConfig = defaultMaskingConfig): string[] {
  if (s.kind === 'penalty') {
    const row = penaltyRow(s, config);
    return penaltyColumns.map((c) => row[c]);
  }
  const row = licensingRow(s, config);
  return licensingColumns.map((c) => row[c]);
}

/** One CSV field (RFC 4180 §2.6–2.7): quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export const csvField = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A CSV text: UTF-8 byte-order mark (so Excel reads it as UTF-8), CRLF line ends (RFC 4180 §2.1). */
export const csvText = (rows: readonly (readonly string[])[]): string =>
  '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
