import { describe, expect, it } from 'vitest';
import { documentData } from './documents.schema.ts';
import { documentView } from './document-view.rules.ts';

const ctx = {
  agencyName: '衡县市场监督管理局',
  number: '衡县市监处罚〔2026〕1号',
  issuedOn: '2026-11-28',
  verificationCode: 'SX-12-ABCDEF',
};

describe('document view', () => {
  it('fills parties, bases, amounts in figures and capitals, and Chinese dates', () => {
    const data = documentData.parse({
      parties: [
        {
          kind: 'organisation',
          name: '衡县某某商贸有限公司',
          creditCode: '91430421MA4L000000',
          legalRepresentative: '李某',
        },
      ],
      legalBases: [{ law: '中华人民共和国食品安全法', article: '第一百二十四条第一款' }],
      amountFen: 5_000_000,
      fields: { facts: '经营超过保质期的食品' },
      date: '2026-12-01',
    });
    const view = documentView('penalty_decision', data, ctx);
    expect(view.partiesText).toBe(
      '名称：衡县某某商贸有限公司，统一社会信用代码：91430421MA4L000000，法定代表人（负责人）：李某',
    );
    expect(view.basesText).toBe('《中华人民共和国食品安全法》第一百二十四条第一款');
    expect(view.amountYuan).toBe('50,000.00');
    expect(view.amountUpper).toBe('伍万元整');
    expect(view.date).toBe('2026年12月1日');
    expect(view.sealDate).toBe('二〇二六年十二月一日');
    expect(view.f_facts).toBe('经营超过保质期的食品');
    expect(view.f_remedies).toBe('');
  });

  it('a party who refuses to sign is recorded on the written record', () => {
    const data = documentData.parse({
      signatures: { party: { refused: true, reason: '当事人称不认可检查结果' }, officers: [] },
    });
    expect(documentView('on_site_record', data, ctx).partyRefusal).toBe(
      '当事人拒绝签名（当事人称不认可检查结果），执法人员在场注明。',
    );
  });
});
