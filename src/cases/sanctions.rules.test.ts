import { describe, expect, it } from 'vitest';
import {
  defaultPublicityDeadlines,
  earlyEndFrom,
  publicityPeriod,
  type PublicityDeadlineConfig,
} from '../publicity/deadlines.rules.ts';
import { judgeDecision, mustPublish } from './decision.rules.ts';
import { deliberationMessage, deliberationRequired } from './deliberation.rules.ts';
import { hearingRight } from './hearing-right.rules.ts';
import { noticeRightsText } from './notice.rules.ts';
import { partyTypeOf } from './party.rules.ts';
import {
  fineOf,
  heavierThanNotified,
  publicitySanction,
  sanctionListProblems,
  sanctionsOfRequest,
  sanctionsText,
  type CaseSanction,
} from './sanctions.rules.ts';

describe('sanctions as a list (行政处罚法 §9)', () => {
  it('行政处罚法 §9: a fine and a confiscation need their amount; other kinds none; each kind once', () => {
    expect(sanctionListProblems([{ kind: 'fine', amountFen: 100 }, { kind: 'licence_revocation' }])).toEqual(
      [],
    );
    expect(
      sanctionListProblems([{ kind: 'fine' }, { kind: 'confiscation', amountFen: 0 }]).map((p) => p.path),
    ).toEqual(['0.amountFen', '1.amountFen']);
    expect(sanctionListProblems([{ kind: 'warning', amountFen: 5 }])[0]?.message).toContain('不填写金额');
    expect(sanctionListProblems([{ kind: 'closure' }, { kind: 'closure' }])[0]?.message).toContain('重复');
  });

  it('a request with an amount and no list means one fine (backwards compatible); a list must agree with it', () => {
    expect(sanctionsOfRequest(null, 7_000_000)).toEqual({
      sanctions: [{ kind: 'fine', amountFen: 7_000_000 }],
      mismatch: false,
    });
    expect(sanctionsOfRequest(null, 0).sanctions).toEqual([]);
    const list: CaseSanction[] = [{ kind: 'fine', amountFen: 200_000 }, { kind: 'licence_revocation' }];
    expect(sanctionsOfRequest(list, 0).mismatch).toBe(false);
    expect(sanctionsOfRequest(list, 200_000).mismatch).toBe(false);
    expect(sanctionsOfRequest(list, 300_000).mismatch).toBe(true);
    expect(fineOf(list)).toBe(200_000);
  });

  it('行政处罚法 §45: no kind the notice did not name, no amount above the notified one', () => {
    const notified: CaseSanction[] = [
      { kind: 'fine', amountFen: 8_000_000 },
      { kind: 'suspension_of_business' },
    ];
    expect(heavierThanNotified(notified, [{ kind: 'fine', amountFen: 6_000_000 }])).toEqual([]);
    expect(heavierThanNotified(notified, [{ kind: 'fine', amountFen: 9_000_000 }])).toMatchObject([
      { path: '0.amountFen' },
    ]);
    const added = heavierThanNotified(notified, [{ kind: 'licence_revocation' }]);
    expect(added).toMatchObject([{ path: '0.kind' }]);
    expect(added[0]?.message).toContain('行政处罚法 §45');
  });

  it('行政处罚法 §45: the decision check refuses a heavier kind than notified, at its path in the list', () => {
    const judged = judgeDecision({
      kind: 'penalty_ordinary',
      outcome: 'penalty',
      amountFen: 100_000,
      sanctions: [{ kind: 'fine', amountFen: 100_000 }, { kind: 'licence_revocation' }],
      proposedSanctions: [{ kind: 'fine', amountFen: 100_000 }],
      listGiven: true,
      circumstance: null,
      discretionReason: null,
      reason: null,
      proposedAmountFen: 100_000,
      item: null,
    });
    expect(judged.problems).toMatchObject([{ path: 'body.sanctions.1.kind' }]);
  });
});

describe('the hearing right at the notice (行政处罚法 §63; 听证办法 §5)', () => {
  it('听证办法 §5: 吊销营业执照 with any fine gives the right; a 50,000-yuan fine on a company alone does not', () => {
    expect(
      hearingRight('organisation', [{ kind: 'licence_revocation' }, { kind: 'fine', amountFen: 100 }])
        .hearingRight,
    ).toBe(true);
    expect(hearingRight('organisation', [{ kind: 'fine', amountFen: 5_000_000 }]).hearingRight).toBe(false);
    expect(hearingRight('organisation', [{ kind: 'fine', amountFen: 12_000_000 }]).hearingRight).toBe(true);
  });

  it('听证办法 §5: a 个体工商户 (credit code 92…) takes the natural person threshold of 10,000 yuan', () => {
    const type = partyTypeOf('organisation', '92430421MA4Q8E2K7X');
    expect(hearingRight(type, [{ kind: 'fine', amountFen: 1_000_000 }]).hearingRight).toBe(true);
    expect(hearingRight(type, [{ kind: 'confiscation', amountFen: 999_999 }]).hearingRight).toBe(false);
  });

  it('行政处罚法 §63, §64: the notice states the hearing right and its 5 working days only where it applies', () => {
    expect(noticeRightsText(true)).toContain('要求听证的权利');
    expect(noticeRightsText(true)).toContain('五个工作日内向本局提出听证申请');
    expect(noticeRightsText(false)).not.toContain('听证');
    expect(noticeRightsText(false)).toContain('陈述、申辩');
  });
});

describe('collective deliberation (行政处罚法 §57 ¶2)', () => {
  const none = { hearingRight: false, hearingGrounds: [], reviewReasons: [], socialImpact: false };
  it('行政处罚法 §57 ¶2: one head may decide a case that is neither complex nor major', () => {
    expect(deliberationRequired(none)).toEqual([]);
  });
  it('行政处罚法 §57 ¶2: a sanction carrying the hearing right calls for deliberation', () => {
    const reasons = deliberationRequired({
      ...none,
      hearingRight: true,
      hearingGrounds: ['责令停产停业（行政处罚法 §63）'],
    });
    expect(reasons).toMatchObject([{ code: 'hearing_right' }]);
    expect(reasons[0]?.label).toContain('责令停产停业');
  });
  it('行政处罚法 §57 ¶2, §58: a statutory major case of the review catalogue calls for it, the S-12 extension does not', () => {
    const reviewReasons = [
      { code: 'every_ordinary_decision', label: '除简易程序外的全部执法决定', basis: 'S-12' },
      {
        code: 'statutory_complex',
        label: '案件情况疑难复杂、涉及多个法律关系',
        basis: '行政处罚法 §58（三）',
      },
    ];
    expect(deliberationRequired({ ...none, reviewReasons })).toMatchObject([
      { code: 'review_catalogue', label: '案件情况疑难复杂、涉及多个法律关系' },
    ]);
    expect(deliberationRequired({ ...none, reviewReasons: reviewReasons.slice(0, 1) })).toEqual([]);
  });
  it('行政处罚法 §57 ¶2: a case marked of social impact calls for it, and the refusal names the article', () => {
    const reasons = deliberationRequired({ ...none, socialImpact: true });
    expect(reasons).toMatchObject([{ code: 'social_impact' }]);
    expect(deliberationMessage('衡县市监处案〔2026〕1号', reasons)).toContain('§57 ¶2');
  });
});

describe('a sanction that lasts states how long (行政处罚法 §9 (三)–(五))', () => {
  it('暂扣, 停产停业 and 限制从业 need their term; 限制从业 may be for life; others take none', () => {
    expect(sanctionListProblems([{ kind: 'licence_suspension' }])).toEqual([
      { path: '0.term', message: '「暂扣许可证件」须写明期限' },
    ]);
    expect(sanctionListProblems([{ kind: 'employment_restriction', lifelong: true }])).toEqual([]);
    expect(sanctionListProblems([{ kind: 'warning', term: { value: 1, unit: 'month' } }])).toEqual([
      { path: '0.term', message: '「警告」不填写期限' },
    ]);
    expect(sanctionsText([{ kind: 'licence_suspension', term: { value: 6, unit: 'month' } }])).toBe(
      '暂扣许可证件6个月',
    );
  });

  it('公示规定 §13: a ban longer than 3 years keeps the decision public for its length', () => {
    const ban = publicitySanction(
      { kind: 'employment_restriction', term: { value: 5, unit: 'year' } },
      '2026-11-30',
    );
    expect(ban).toEqual({ kind: 'practice_ban', until: '2031-11-30' });
  });
});

describe('the decision reaches its publication (公示规定 §2, §13, §14)', () => {
  const config: PublicityDeadlineConfig = {
    ...defaultPublicityDeadlines,
    lowFineMaxFen: { naturalPerson: 1_000_000, organisation: 1_000_000 },
  };
  const period = (list: CaseSanction[]) =>
    publicityPeriod(
      list.map((s) => publicitySanction(s, '2026-11-30')),
      'organisation',
      '2026-11-30',
      config,
    );
  const early = (list: CaseSanction[]) =>
    earlyEndFrom(
      {
        sanctions: list.map((s) => publicitySanction(s, '2026-11-30')),
        party: 'organisation',
        field: 'quality',
        publishedOn: '2026-11-30',
      },
      config,
    );

  it('公示规定 §13, §14: 吊销 + a low fine → 3 years, never early', () => {
    const list: CaseSanction[] = [{ kind: 'licence_revocation' }, { kind: 'fine', amountFen: 200_000 }];
    expect(period(list)).toMatchObject({ rule: 'three_years', endsOn: '2029-11-30' });
    expect(early(list)).toBeNull();
  });
  it('公示规定 §13: 通报批评 alone → 3 months, never early (信用修复管理办法 §6)', () => {
    const list: CaseSanction[] = [{ kind: 'circulated_criticism' }];
    expect(period(list)).toMatchObject({ rule: 'three_months', endsOn: '2027-02-28' });
    expect(early(list)).toBeNull();
  });
  it('公示规定 §2: 通报批评 alone is published, a warning alone is not', () => {
    expect(mustPublish('penalty_ordinary', 'penalty', [{ kind: 'circulated_criticism' }])).toBe(true);
    expect(mustPublish('penalty_ordinary', 'penalty', [{ kind: 'warning' }])).toBe(false);
    expect(mustPublish('penalty_ordinary', 'warning', [{ kind: 'warning' }])).toBe(false);
    expect(
      mustPublish('penalty_ordinary', 'penalty', [{ kind: 'warning' }, { kind: 'fine', amountFen: 1 }]),
    ).toBe(true);
  });
});
