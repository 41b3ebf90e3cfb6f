import { describe, expect, it } from 'vitest';
import type { CaseFacts } from './case-facts.ts';
import { prefillDocument, paymentText, remediesText, sanctionLine } from './document-prefill.rules.ts';
import { emptyDocumentSettings } from './document-settings.rules.ts';

/** A decided case as case-facts.queries.ts reads it: fined 70,000 yuan, the party waived its rights. */
function decided(overrides: Partial<CaseFacts> = {}): CaseFacts {
  const at = new Date('2026-10-22T02:00:00Z');
  const event = (step: string, on: string, extra: Partial<CaseFacts['events'][number]> = {}) => ({
    step,
    action: 'step',
    on,
    at,
    actorName: '刘建国',
    reason: null,
    details: {},
    place: null,
    startedAt: null,
    endedAt: null,
    ...extra,
  });
  return {
    agency: { id: 'a', name: '衡阳县市场监督管理局', shortName: '衡县市监' },
    settings: {
      payee: '衡阳县非税收入汇缴结算户',
      bank: '中国农业银行衡阳县支行',
      account: '1857 0101',
      paymentChannel: '通过湖南省非税收入电子缴款平台在线缴纳',
      reconsiderationBody: '衡阳县人民政府',
      court: '衡阳县人民法院',
      contact: '张伟 0734-6812345',
    },
    kase: {
      id: 'c',
      kind: 'penalty_ordinary',
      caseNumber: '衡县市监处案〔2026〕6号',
      title: '未取得食品经营许可经营预包装食品案',
      field: 'food',
      source: '投诉举报',
      state: 'decided',
      discoveredOn: '2026-10-04',
      filedOn: '2026-10-05',
      decidedOn: '2026-10-24',
      closedOn: null,
      outcome: 'penalty',
      amountFen: 7_000_000,
      paidFen: 0,
      proposedSanctions: [{ kind: 'fine', amountFen: 7_000_000 }],
      sanctions: [{ kind: 'fine', amountFen: 7_000_000 }],
      hearingRight: false,
      rightsWaived: true,
      circumstance: 'general',
      discretionReason: '当事人系初次违法',
    },
    item: { name: '对未取得食品经营许可从事食品经营活动的处罚', legalBases: [] },
    parties: [{ kind: 'organisation', name: '衡阳县演示副食品批发部', address: '衡阳县西渡镇演示街 8 号' }],
    officers: [
      { personId: 'p1', name: '张伟', certificateNumber: '43042120230001', lead: true },
      { personId: 'p2', name: '黄磊', certificateNumber: '43042120230002', lead: false },
    ],
    events: [
      event('file', '2026-10-05'),
      event('investigate', '2026-10-08', { place: '衡阳县西渡镇演示街 8 号' }),
      event('notify', '2026-10-22'),
      event('decide', '2026-10-24'),
    ],
    evidence: [{ id: 'e1', kind: 'photo', filename: '货架.png', capturedOn: '2026-10-08', place: '货架' }],
    documents: [
      { id: 'd1', type: 'on_site_record', number: '衡县市监现笔〔2026〕1号', date: '2026-10-08' },
      { id: 'd2', type: 'penalty_notice', number: '衡县市监罚告〔2026〕2号', date: '2026-10-22' },
    ],
    findings: {
      facts: '当事人未取得食品经营许可销售预包装食品。',
      evidence: '现场笔录证明当事人销售预包装食品。',
      circumstance: 'general',
      discretionReason: '',
      legalBases: [{ law: '中华人民共和国食品安全法', article: '第一百二十二条第一款' }],
      violatedBases: [{ law: '中华人民共和国食品安全法', article: '第三十五条第一款' }],
      summary: '罚款人民币柒万元整',
    },
    review: null,
    payments: [],
    ...overrides,
  };
}

describe('行政处罚决定书 filled from the case (行政处罚法 §59)', () => {
  const { fields } = prefillDocument('penalty_decision', decided(), '2026-10-24').data;

  it('states the facts and the evidence, the records by number and the files by kind', () => {
    expect(fields.facts).toBe('经查，当事人未取得食品经营许可销售预包装食品。');
    expect(fields.evidence).toContain('现场笔录（衡县市监现笔〔2026〕1号，2026年10月8日）');
    expect(fields.evidence).toContain('照片 1 张');
    expect(fields.evidence).toContain('现场笔录证明当事人销售预包装食品');
  });

  it('states how the rights were told and what the party did with them (§44, §45)', () => {
    expect(fields.statement).toContain('《行政处罚告知书》（衡县市监罚告〔2026〕2号）');
    expect(fields.statement).toContain('书面表示放弃陈述、申辩的权利');
  });

  it('names the violated provision and the penalty basis, then the sanctions in figures and capitals', () => {
    expect(fields.reasoning).toContain('违反了《中华人民共和国食品安全法》第三十五条第一款的规定');
    expect(fields.reasoning).toContain('依据《中华人民共和国食品安全法》第一百二十二条第一款的规定');
    expect(fields.penalty).toContain('罚款人民币柒万元整（¥70,000.00）');
  });

  it('says where and by when to pay (§67, §72), the remedies and their limits, and the publication (公示规定 §8)', () => {
    expect(fields.payment).toContain('十五日内');
    expect(fields.payment).toContain('中国农业银行衡阳县支行');
    expect(fields.payment).toContain('百分之三');
    expect(fields.remedies).toContain('六十日内向衡阳县人民政府申请行政复议');
    expect(fields.remedies).toContain('六个月内直接向衡阳县人民法院提起行政诉讼');
    expect(fields.publicity).toContain('国家企业信用信息公示系统');
  });
});

describe('what the case cannot say stays empty, for the officer to write or the issue to refuse', () => {
  it('leaves payment and remedies empty while the agency has not named its account and bodies', () => {
    const facts = decided({ settings: emptyDocumentSettings });
    expect(paymentText(facts, facts.kase.sanctions)).toBe('');
    expect(remediesText(facts.settings)).toBe('');
  });

  it('needs the officer to say how a statement was taken once the party made one (§45)', () => {
    const facts = decided({
      kase: { ...decided().kase, rightsWaived: false },
      documents: [
        ...decided().documents,
        { id: 'd3', type: 'statement_record', number: '衡县市监陈笔〔2026〕1号', date: '2026-10-23' },
      ],
    });
    const draft = prefillDocument('penalty_decision', facts, '2026-10-24');
    expect(draft.data.fields.statement).toContain(
      '提出了陈述、申辩意见（见衡县市监陈笔〔2026〕1号陈述申辩笔录）',
    );
    expect(draft.needs.statement).toContain('采纳情况');
  });

  it('a warning alone is not published and is performed without payment', () => {
    const facts = decided({ kase: { ...decided().kase, sanctions: [{ kind: 'warning' }] } });
    const { fields } = prefillDocument('penalty_decision', facts, '2026-10-24').data;
    expect(fields.publicity).toBe('');
    expect(fields.payment).not.toContain('十五日内');
    expect(sanctionLine({ kind: 'warning' })).toBe('警告');
  });
});

describe('written records and forms filled from the case', () => {
  it('names both officers with their certificates and the notice of rights and recusal (§42, §43, §55)', () => {
    const { data } = prefillDocument('on_site_record', decided(), '2026-10-08');
    expect(data.officers).toEqual([
      { name: '张伟', certificateNumber: '43042120230001' },
      { name: '黄磊', certificateNumber: '43042120230002' },
    ]);
    expect(data.fields.notice).toContain('张伟（执法证号：43042120230001）');
    expect(data.fields.notice).toContain('申请回避');
    expect(data.fields.recorder).toBe('黄磊');
    expect(data.fields.place).toBe('衡阳县西渡镇演示街 8 号');
  });

  it('the notice proposes the sanctions and tells the rights with their limit (§44, §63)', () => {
    const { fields } = prefillDocument('penalty_notice', decided(), '2026-10-22').data;
    expect(fields.proposed).toContain('罚款人民币柒万元整');
    expect(fields.rights).toContain('五个工作日内');
    expect(fields.rights).not.toContain('听证');
    const heard = decided({ kase: { ...decided().kase, hearingRight: true } });
    expect(prefillDocument('penalty_notice', heard, '2026-10-22').data.fields.rights).toContain('听证');
  });
});
