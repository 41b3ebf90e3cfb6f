import { describe, expect, it } from 'vitest';
import {
  counterpartCategory,
  creditRow,
  csvText,
  fenToWanYuan,
  licensingColumns,
  licensingRow,
  penaltyColumns,
  penaltyRow,
  type CreditSource,
} from './credit-export.rules.ts';

const agency = { agencyName: '衡阳县市场监督管理局', agencyCreditCode: '11430421MB1234567X' };
const person: CreditSource = {
  kind: 'penalty',
  partyKind: 'natural_person',
  partyName: '李建华',
  partyCreditCode: null,
  hasIdNumber: true,
  documentNumber: '衡县市监处罚〔2026〕12号',
  title: '李某某销售过期食品案行政处罚决定书',
  summary: '当事人李某某销售超过保质期的食品，罚款 5000 元。',
  sanctions: [{ kind: 'warning' }, { kind: 'fine', amountFen: 500_000 }, { kind: 'fine', amountFen: 12_345 }],
  decidedOn: '2026-11-20',
  periodEndsOn: '2027-02-20',
  ...agency,
};

describe('the 双公示 行政处罚 row', () => {
  it('masks a natural person as the portal does: 姓＋某某, no credit code, the identity number only the marker', () => {
    const row = penaltyRow(person);
    expect(row.行政相对人名称).toBe('李某某');
    expect(row.行政相对人类别).toBe('自然人');
    expect(row.统一社会信用代码).toBe('');
    expect(row.证件类型).toBe('身份证');
    expect(row.证件号码).toBe('＊＊＊');
    expect(JSON.stringify(row)).not.toContain('建华');
    // Masking what is already masked changes nothing.
    expect(penaltyRow({ ...person, partyName: '李某某' }).行政相对人名称).toBe('李某某');
    expect(penaltyRow({ ...person, hasIdNumber: false }).证件号码).toBe('');
  });

  it('writes the sanctions as 处罚类别 and 处罚内容, the fines summed in 万元, the agency as 处罚机关 and source', () => {
    const row = penaltyRow(person);
    expect(row.处罚类别).toBe('警告;罚款');
    expect(row.处罚内容).toBe('警告；罚款人民币 5,000 元；罚款人民币 123.45 元');
    expect(row['罚款金额（万元）']).toBe('0.512345');
    expect(row.行政处罚决定书文号).toBe('衡县市监处罚〔2026〕12号');
    expect(row.违法事实).toBe(person.summary);
    expect(row.处罚决定日期).toBe('2026-11-20');
    expect(row.公示截止期).toBe('2027-02-20');
    expect(row.处罚机关).toBe(agency.agencyName);
    expect(row.处罚机关统一社会信用代码).toBe(agency.agencyCreditCode);
    expect(row.数据来源单位统一社会信用代码).toBe(agency.agencyCreditCode);
    expect(creditRow(person)).toEqual(penaltyColumns.map((c) => row[c]));
  });

  it('gives a restriction its last day as 处罚有效期, none when lifelong or without a term', () => {
    const ban = (s: CreditSource['sanctions']) => penaltyRow({ ...person, sanctions: s }).处罚有效期;
    expect(ban([{ kind: 'practice_ban', until: '2029-11-19' }])).toBe('2029-11-19');
    expect(ban([{ kind: 'practice_ban', lifelong: true }])).toBe('');
    expect(ban([{ kind: 'warning' }])).toBe('');
    expect(penaltyRow({ ...person, sanctions: [{ kind: 'warning' }] })['罚款金额（万元）']).toBe('');
  });

  it('tells an individual business (credit code 92…) from other organisations (GB 32100)', () => {
    expect(counterpartCategory({ partyKind: 'organisation', partyCreditCode: '92430421MA4L12345X' })).toBe(
      '个体工商户',
    );
    expect(counterpartCategory({ partyKind: 'organisation', partyCreditCode: '91430421MA4L12345X' })).toBe(
      '法人及非法人组织',
    );
    expect(counterpartCategory({ partyKind: 'organisation', partyCreditCode: null })).toBe(
      '法人及非法人组织',
    );
  });

  it('converts fen to 万元 exactly', () => {
    expect(fenToWanYuan(500_000)).toBe('0.5');
    expect(fenToWanYuan(20_000_000)).toBe('20');
    expect(fenToWanYuan(1)).toBe('0.000001');
    expect(fenToWanYuan(123_456_789)).toBe('123.456789');
  });
});

describe('the 双公示 行政许可 row', () => {
  it('keeps an organisation with its credit code and writes the decision as 许可', () => {
    const org: CreditSource = {
      ...person,
      kind: 'licensing',
      partyKind: 'organisation',
      partyName: '衡阳县好味餐饮有限公司',
      partyCreditCode: '91430421MA4L12345X',
      hasIdNumber: false,
      sanctions: [],
      title: '食品经营许可决定书',
    };
    const row = licensingRow(org);
    expect(row.行政相对人名称).toBe('衡阳县好味餐饮有限公司');
    expect(row.统一社会信用代码).toBe('91430421MA4L12345X');
    expect(row.行政相对人类别).toBe('法人及非法人组织');
    expect(row.行政许可决定文书名称).toBe('食品经营许可决定书');
    expect(row.许可决定日期).toBe('2026-11-20');
    expect(row.许可机关).toBe(agency.agencyName);
    expect(creditRow(org)).toHaveLength(licensingColumns.length);
  });
});

describe('CSV', () => {
  it('starts with a BOM, quotes fields with commas, quotes or line ends (RFC 4180), ends lines with CRLF', () => {
    expect(
      csvText([
        ['a', 'b,c'],
        ['say "hi"', 'two\nlines'],
      ]),
    ).toBe('\uFEFFa,"b,c"\r\n"say ""hi""","two\nlines"\r\n');
  });
});
