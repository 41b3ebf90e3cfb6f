import { describe, expect, it } from 'vitest';
import { proposal } from './review.schema.ts';

const base = {
  facts: '当事人销售超过保质期的食品。',
  summary: '罚款人民币伍仟元，吊销食品经营许可证',
  actEndedOn: '2026-10-30',
};

describe('a proposal with its sanctions listed (issue 12 item 3)', () => {
  it('takes the measures, the fine and the confiscation from the list', () => {
    const p = proposal.parse({
      ...base,
      sanctions: [{ kind: 'fine', amountFen: 500_000 }, { kind: 'licence_revocation' }],
    });
    expect(p).toMatchObject({
      measures: ['fine', 'licence_revocation'],
      amountFen: 500_000,
      confiscationFen: 0,
    });
    expect(p.sanctions).toHaveLength(2);
  });

  it('refuses an amount typed beside the list that disagrees with it, naming the field', () => {
    const r = proposal.safeParse({
      ...base,
      amountFen: 400_000,
      sanctions: [{ kind: 'fine', amountFen: 500_000 }],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['amountFen', '罚款金额与处罚内容中的罚款（5000 元）不一致'],
    ]);
  });

  it('checks the list as a notice or a decision does: a fine without its amount is named', () => {
    const r = proposal.safeParse({ ...base, sanctions: [{ kind: 'fine' }] });
    expect(r.error?.issues[0]?.path).toEqual(['sanctions', 0, 'amountFen']);
  });

  it('without a list, stays as typed (older callers)', () => {
    expect(proposal.parse({ ...base, measures: ['fine'], amountFen: 100 })).toMatchObject({
      measures: ['fine'],
      amountFen: 100,
    });
  });
});
