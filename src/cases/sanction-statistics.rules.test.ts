import { describe, expect, it } from 'vitest';
import { sanctionStatistics } from './sanction-statistics.rules.ts';

const row = (stats: ReturnType<typeof sanctionStatistics>, kind: string) =>
  stats.kinds.find((k) => k.kind === kind)!;

describe('the penalties of a period by the kinds of 行政处罚法 §9', () => {
  const stats = sanctionStatistics([
    {
      outcome: 'penalty',
      partyType: 'organisation',
      sanctions: [
        { kind: 'fine', amountFen: 7_000_000 },
        { kind: 'confiscation', amountFen: 320_000 },
      ],
    },
    {
      outcome: 'penalty',
      partyType: 'individual_business',
      sanctions: [{ kind: 'fine', amountFen: 50_000 }],
    },
    { outcome: 'warning', partyType: 'person', sanctions: [] },
    {
      outcome: 'penalty',
      partyType: 'organisation',
      sanctions: [{ kind: 'suspension_of_business', term: { value: 3, unit: 'month' } }],
    },
    { outcome: 'no_penalty', partyType: 'person', sanctions: [] },
  ]);

  it('counts each decision once, and once under each kind it names (并处)', () => {
    expect(stats).toMatchObject({ decisions: 4, noPenalty: 1, combined: 1 });
    expect(row(stats, 'fine')).toMatchObject({ cases: 2, amountFen: 7_050_000 });
    expect(row(stats, 'confiscation')).toMatchObject({ cases: 1, amountFen: 320_000 });
    expect(row(stats, 'suspension_of_business')).toMatchObject({ cases: 1, amountFen: null });
  });

  it('takes a warning without a list as one 警告, and a 个体工商户 as a natural person (民法典 §54)', () => {
    expect(row(stats, 'warning')).toMatchObject({ cases: 1, byParty: { person: 1, organisation: 0 } });
    expect(row(stats, 'fine').byParty).toEqual({ person: 1, organisation: 1 });
    expect(stats.byParty).toEqual({ person: 2, organisation: 2 });
  });

  it('lists every kind of §9 in the law’s order, those not decided with 0', () => {
    expect(stats.kinds.map((k) => k.kind)).toEqual([
      'warning',
      'circulated_criticism',
      'fine',
      'confiscation',
      'licence_suspension',
      'qualification_downgrade',
      'licence_revocation',
      'suspension_of_business',
      'closure',
      'production_restriction',
      'employment_restriction',
      'other',
    ]);
    expect(row(stats, 'closure').cases).toBe(0);
  });
});
