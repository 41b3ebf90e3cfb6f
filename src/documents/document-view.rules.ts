import { specOf, type DocumentType } from './document-types.ts';
import type { DocumentData, Party } from './documents.schema.ts';
import { chineseDate, chineseNumeralDate, yuanText, yuanUpper } from './format.rules.ts';

/**
 * What the placeholders of a document type's template say, from its stored data. Pure: the same data,
 * number and code always make the same text (docs/documents.md lists the tags).
 */
export interface ViewContext {
  agencyName: string;
  number: string;
  /** The issue date in China time (YYYY-MM-DD), used when the data gives no date. */
  issuedOn: string;
  verificationCode: string;
}

const join = (parts: (string | undefined)[]) => parts.filter((p) => p !== undefined && p !== '').join('，');

/** One line per party; personal data appears only in the document itself, never in logs. */
export function partyLine(p: Party): string {
  return p.kind === 'person'
    ? join([
        `姓名：${p.name}`,
        p.idNumber && `身份证件号码：${p.idNumber}`,
        p.address && `住址：${p.address}`,
        p.phone && `联系电话：${p.phone}`,
      ])
    : p.kind === 'individual_business'
      ? join([
          `名称：${p.name}`,
          p.creditCode && `统一社会信用代码：${p.creditCode}`,
          `经营者：${p.operatorName}`,
          p.idNumber && `身份证件号码：${p.idNumber}`,
          p.address && `经营场所：${p.address}`,
          p.phone && `联系电话：${p.phone}`,
        ])
      : join([
          `名称：${p.name}`,
          p.creditCode && `统一社会信用代码：${p.creditCode}`,
          p.legalRepresentative && `法定代表人（负责人）：${p.legalRepresentative}`,
          p.address && `住所：${p.address}`,
          p.phone && `联系电话：${p.phone}`,
        ]);
}

export function documentView(type: DocumentType, data: DocumentData, ctx: ViewContext) {
  const spec = specOf(type);
  const date = data.date ?? ctx.issuedOn;
  const view: Record<string, string | Record<string, string>[]> = {
    agencyName: ctx.agencyName,
    title: spec.title,
    number: ctx.number,
    date: chineseDate(date),
    sealDate: chineseNumeralDate(date),
    verificationCode: ctx.verificationCode,
    partiesText: data.parties.map(partyLine).join('\n'),
    officersText: data.officers.map((o) => `${o.name}（执法证号：${o.certificateNumber}）`).join('、'),
    basesText: data.legalBases
      .map((b) => `《${b.law.replace(/^《|》$/g, '')}》${b.article}${b.text ? `：${b.text}` : ''}`)
      .join('\n'),
    amountYuan: data.amountFen === null ? '' : yuanText(data.amountFen),
    amountUpper: data.amountFen === null ? '' : yuanUpper(data.amountFen),
    amountText:
      data.amountFen === null ? '' : `人民币${yuanUpper(data.amountFen)}（¥${yuanText(data.amountFen)}元）`,
    partyRefusal:
      data.signatures?.party && 'refused' in data.signatures.party
        ? `当事人拒绝签名（${data.signatures.party.reason}），执法人员在场注明。`
        : '',
    rows: data.rows,
  };
  for (const f of spec.fields) view[`f_${f.key}`] = data.fields[f.key] ?? '';
  return view;
}
