import { describe, expect, it } from 'vitest';
import { bundledCalendar as cal } from '../platform/calendar/chinese-days.data.ts';
import {
  deadlineStatus,
  defaultPublicityDeadlines,
  earlyEndFrom,
  earlyEndUnmet,
  isPublicOn,
  publicationDue,
  publicityPeriod,
  withdrawalDue,
  type EarlyEndFacts,
  type PublicityDeadlineConfig,
  type Sanction,
} from './deadlines.rules.ts';

describe('decisions are published within 7 or 20 working days (118号 [report]; 公示规定 §9)', () => {
  it('publishes a penalty decision of Mon 28 Sep 2026 by Tue 13 Oct 2026 (7 working days)', () => {
    expect(publicationDue(cal, 'penalty', '2026-09-28')).toEqual({ date: '2026-10-13', warnings: [] });
    expect(publicationDue(cal, 'licensing', '2026-09-28').date).toBe('2026-10-13');
  });

  it('publishes other decisions within 20 working days', () => {
    expect(publicationDue(cal, 'inspection', '2026-09-28').date).toBe('2026-10-30');
    expect(publicationDue(cal, 'coercion', '2026-09-28').date).toBe('2026-10-30');
  });

  it('lets an agency set its own number, e.g. 20 working days for penalties (公示规定 §9)', () => {
    const config: PublicityDeadlineConfig = {
      ...defaultPublicityDeadlines,
      publishWithin: { ...defaultPublicityDeadlines.publishWithin, penalty: 20 },
    };
    expect(publicationDue(cal, 'penalty', '2026-09-28', config).date).toBe('2026-10-30');
  });

  it('carries the calendar warning when the deadline runs into 2027', () => {
    expect(publicationDue(cal, 'penalty', '2026-12-28').warnings.map((w) => w.code)).toEqual([
      'YEAR_NOT_LOADED',
    ]);
  });

  it('counts down in working days and flags the day after the deadline as overdue', () => {
    expect(deadlineStatus('2026-10-13', '2026-10-09', cal)).toMatchObject({ daysLeft: 3, overdue: false });
    expect(deadlineStatus('2026-10-13', '2026-10-15', cal)).toMatchObject({ daysLeft: -2, overdue: true });
  });
});

describe('a changed or revoked decision is withdrawn within 3 working days (行政处罚法 §48; 公示规定 §11)', () => {
  it('withdraws a decision revoked on Wed 30 Sep 2026 by Sat 10 Oct 2026, a make-up working day', () => {
    expect(withdrawalDue(cal, '2026-09-30').date).toBe('2026-10-10');
  });
});

describe('publicity period (公示规定 §13)', () => {
  const lowFines: PublicityDeadlineConfig = {
    ...defaultPublicityDeadlines,
    lowFineMaxFen: { naturalPerson: 100_000, organisation: 1_000_000 },
  };

  it('is 3 months for a circulated criticism alone, clamped to the month end', () => {
    const period = publicityPeriod([{ kind: 'circulated_criticism' }], 'organisation', '2026-11-30');
    expect(period).toEqual({
      endsOn: '2027-02-28',
      rule: 'three_months',
      basis: '市场监督管理行政处罚信息公示规定 §13',
    });
  });

  it('is 3 months for a fine at or below the province’s threshold, per kind of party', () => {
    const fine = [{ kind: 'fine' as const, amountFen: 1_000_000 }];
    expect(publicityPeriod(fine, 'organisation', '2026-05-15', lowFines).endsOn).toBe('2026-08-15');
    expect(publicityPeriod(fine, 'natural_person', '2026-05-15', lowFines).endsOn).toBe('2029-05-15');
  });

  it('is 3 years for a fine when the province has set no threshold', () => {
    const period = publicityPeriod([{ kind: 'fine', amountFen: 100 }], 'organisation', '2026-05-15');
    expect(period).toMatchObject({ endsOn: '2029-05-15', rule: 'three_years' });
  });

  it('is 3 years when a low fine comes with another sanction', () => {
    const sanctions = [{ kind: 'fine' as const, amountFen: 100 }, { kind: 'confiscation' as const }];
    expect(publicityPeriod(sanctions, 'organisation', '2026-05-15', lowFines).rule).toBe('three_years');
  });

  it('lasts as long as a ban or restriction longer than 3 years, and without end for a lifelong one', () => {
    const ban = publicityPeriod(
      [{ kind: 'practice_ban', until: '2031-06-30' }],
      'natural_person',
      '2026-06-01',
    );
    expect(ban).toMatchObject({ endsOn: '2031-06-30', rule: 'restriction_length' });
    const short = publicityPeriod(
      [{ kind: 'practice_ban', until: '2028-06-30' }],
      'natural_person',
      '2026-06-01',
    );
    expect(short).toMatchObject({ endsOn: '2029-06-01', rule: 'three_years' });
    const life = publicityPeriod(
      [{ kind: 'production_restriction', lifelong: true }],
      'organisation',
      '2026-06-01',
    );
    expect(life.endsOn).toBeNull();
    expect(isPublicOn(life, '2099-01-01')).toBe(true);
  });

  it('keeps the item public through its last day and takes it down the day after', () => {
    const period = publicityPeriod([{ kind: 'circulated_criticism' }], 'organisation', '2026-11-30');
    expect(isPublicOn(period, '2027-02-28')).toBe(true);
    expect(isPublicOn(period, '2027-03-01')).toBe(false);
  });
});

describe('publicity may end early on request when every condition holds (公示规定 §14; 信用修复管理办法 §6)', () => {
  const facts: EarlyEndFacts = {
    sanctions: [{ kind: 'fine', amountFen: 5_000_000 }],
    party: 'organisation',
    field: 'quality',
    publishedOn: '2026-01-10',
    requestedOn: '2026-09-01',
    obligationsFulfilled: true,
    harmRemoved: true,
    penalisedAgainForSameKind: false,
    onAbnormalOrSeriousViolationList: false,
  };

  it('allows it when all four conditions are met and six months have passed', () => {
    expect(earlyEndUnmet(facts)).toEqual([]);
  });

  it('lists every unmet condition', () => {
    const unmet = earlyEndUnmet({
      ...facts,
      obligationsFulfilled: false,
      harmRemoved: false,
      penalisedAgainForSameKind: true,
      onAbnormalOrSeriousViolationList: true,
    });
    expect(unmet).toEqual([
      'OBLIGATIONS_NOT_FULFILLED',
      'HARM_NOT_REMOVED',
      'PENALISED_AGAIN',
      'ON_ABNORMAL_OR_SERIOUS_LIST',
    ]);
  });

  it('never allows it after suspension of business, revocation of a licence, a downgrade or a ban', () => {
    for (const kind of [
      'business_suspension',
      'licence_revocation',
      'qualification_downgrade',
      'practice_ban',
      'production_restriction',
    ] as const)
      expect(earlyEndUnmet({ ...facts, sanctions: [{ kind }] })).toEqual(['SANCTION_EXCLUDES_EARLY_END']);
  });

  it('a company fined 200,000 yuan, published 01-05: from 07-05, in the food field from 2027-01-05', () => {
    const fine = {
      sanctions: [{ kind: 'fine', amountFen: 20_000_000 }] as Sanction[],
      party: 'organisation' as const,
    };
    expect(earlyEndFrom({ ...fine, field: 'quality', publishedOn: '2026-01-05' })).toBe('2026-07-05');
    expect(earlyEndFrom({ ...fine, field: 'food', publishedOn: '2026-01-05' })).toBe('2027-01-05');
    expect(earlyEndFrom({ ...fine, field: 'drugs', publishedOn: '2026-01-05' })).toBe('2027-01-05');
    expect(earlyEndFrom({ ...fine, field: 'special_equipment', publishedOn: '2026-01-05' })).toBe(
      '2027-01-05',
    );
    expect(earlyEndFrom({ ...fine, field: null, publishedOn: '2026-01-05' })).toBe('2026-07-05');
  });

  it('refuses a request before the six or twelve months, and accepts it on the first day', () => {
    const at = { ...facts, publishedOn: '2026-01-05' };
    expect(earlyEndUnmet({ ...at, requestedOn: '2026-07-04' })).toEqual(['MINIMUM_PERIOD_NOT_REACHED']);
    expect(earlyEndUnmet({ ...at, requestedOn: '2026-07-05' })).toEqual([]);
    expect(earlyEndUnmet({ ...at, field: 'food', requestedOn: '2026-12-31' })).toEqual([
      'MINIMUM_PERIOD_NOT_REACHED',
    ]);
    expect(earlyEndUnmet({ ...at, field: 'food', requestedOn: '2027-01-05' })).toEqual([]);
  });

  it('a circulated criticism published 11-30 is public until 2027-02-28 and never ends early', () => {
    const criticism = {
      sanctions: [{ kind: 'circulated_criticism' }] as Sanction[],
      party: 'organisation' as const,
    };
    expect(publicityPeriod(criticism.sanctions, 'organisation', '2026-11-30').endsOn).toBe('2027-02-28');
    expect(earlyEndFrom({ ...criticism, field: 'quality', publishedOn: '2026-11-30' })).toBeNull();
    expect(earlyEndUnmet({ ...facts, ...criticism, requestedOn: '2027-02-01' })).toEqual([
      'SHORT_PERIOD_EXCLUDES_EARLY_END',
    ]);
  });

  it('a low fine (3 months where the province sets the threshold) never ends early', () => {
    const lowFines = {
      ...defaultPublicityDeadlines,
      lowFineMaxFen: { naturalPerson: 1_000_00, organisation: 10_000_00 },
    };
    const low = {
      sanctions: [{ kind: 'fine', amountFen: 5_000_00 }] as Sanction[],
      party: 'organisation' as const,
    };
    expect(earlyEndFrom({ ...low, field: 'quality', publishedOn: '2026-01-05' }, lowFines)).toBeNull();
    expect(earlyEndFrom({ ...low, field: 'quality', publishedOn: '2026-01-05' })).toBe('2026-07-05');
  });

  it('a revocation with a fine is public for 3 years and never ends early', () => {
    const sanctions: Sanction[] = [{ kind: 'licence_revocation' }, { kind: 'fine', amountFen: 5_000_000 }];
    expect(publicityPeriod(sanctions, 'organisation', '2026-03-02').endsOn).toBe('2029-03-02');
    expect(
      earlyEndFrom({ sanctions, party: 'organisation', field: 'food', publishedOn: '2026-03-02' }),
    ).toBeNull();
  });

  it('waits for a longer period where the province configures one', () => {
    const config = { ...defaultPublicityDeadlines, earlyEndAfterMonths: 12 };
    expect(earlyEndUnmet(facts, config)).toEqual(['MINIMUM_PERIOD_NOT_REACHED']);
    expect(earlyEndUnmet({ ...facts, requestedOn: '2027-01-10' }, config)).toEqual([]);
  });
});
