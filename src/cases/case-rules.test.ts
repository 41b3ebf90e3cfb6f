import { describe, expect, it } from 'vitest';
import { bundledCalendar } from '../platform/calendar/chinese-days.data.ts';
import { caseDeadlineDue, lateCheck, suspensionInterval } from './case-deadlines.rules.ts';
import { judgeDecision, mustPublish } from './decision.rules.ts';
import { summaryFineLimitFen, summaryProblems } from './summary.rules.ts';

const cal = bundledCalendar;

describe('case periods on the working-day calendar', () => {
  it('行政处罚法 §61、§85: service within 7 working days, across National Day 2026', () => {
    expect(caseDeadlineDue(cal, 'service', '2026-09-28').date).toBe('2026-10-13');
  });
  it('程序规定 §18: a lead verified within 15 working days, +15 with approval', () => {
    const plain = caseDeadlineDue(cal, 'lead_verification', '2026-11-02').date;
    expect(plain).toBe('2026-11-23');
    const extended = caseDeadlineDue(cal, 'lead_verification', '2026-11-02', {
      extensions: 1,
      deliberatedDays: 0,
      exclusions: [],
    }).date;
    expect(extended).toBe('2026-12-14');
  });
  it('行政处罚法 §60: 90 days from filing, +30 approved, further by deliberation; suspended days not counted', () => {
    const none = { extensions: 0, deliberatedDays: 0, exclusions: [] };
    // Day 90 (5 April) and day 120 (5 May) are holidays: the next working day (民法典 §203).
    expect(caseDeadlineDue(cal, 'decision', '2026-01-05', none).date).toBe('2026-04-07');
    expect(caseDeadlineDue(cal, 'decision', '2026-01-05', { ...none, extensions: 1 }).date).toBe(
      '2026-05-06',
    );
    expect(
      caseDeadlineDue(cal, 'decision', '2026-01-05', { ...none, extensions: 2, deliberatedDays: 10 }).date,
    ).toBe('2026-05-15');
    const suspended = {
      ...none,
      exclusions: [{ from: '2026-02-01', to: '2026-02-10', reason: 'suspension' as const }],
    };
    expect(caseDeadlineDue(cal, 'decision', '2026-01-05', suspended).date).toBe('2026-04-15');
  });
  it('行政许可法 §42、§82: 20 working days from acceptance, +10 approved', () => {
    expect(caseDeadlineDue(cal, 'licensing_decision', '2026-11-02').date).toBe('2026-11-30');
  });
  it('行政强制法 §25: sealing lasts 30 days, +30 approved', () => {
    expect(caseDeadlineDue(cal, 'coercive_measure', '2026-11-01').date).toBe('2026-12-01');
  });
  it('a suspension excludes the days from its start to the day before it is lifted', () => {
    expect(suspensionInterval('2026-02-01', '2026-02-11')).toEqual({ from: '2026-02-01', to: '2026-02-10' });
    expect(suspensionInterval('2026-02-01', '2026-02-01')).toBeNull();
  });
});

describe('steps past their period', () => {
  it('行政处罚法 §64: a hearing asked for after 5 working days is refused', () => {
    expect(lateCheck('hearing_request', '2026-03-06', '2026-03-09', '理由')).toMatchObject({
      late: true,
      allowed: false,
    });
  });
  it('行政处罚法 §61: a late service is still made, with its reason recorded', () => {
    expect(lateCheck('service', '2026-03-06', '2026-03-09', null)).toMatchObject({
      late: true,
      allowed: false,
    });
    expect(lateCheck('service', '2026-03-06', '2026-03-09', '当事人下落不明')).toMatchObject({
      late: true,
      allowed: true,
    });
    expect(lateCheck('service', '2026-03-06', '2026-03-06', null)).toEqual({ late: false });
  });
  it('行政处罚法 §60: a decision past the period is a defect recorded with its reason, not a bar', () => {
    expect(lateCheck('decision', '2026-04-07', '2026-04-08', null)).toMatchObject({ allowed: false });
    expect(lateCheck('decision', '2026-04-07', '2026-04-08', '案情复杂，鉴定时间较长')).toEqual({
      late: true,
      allowed: true,
      dueOn: '2026-04-07',
    });
  });
});

describe('summary procedure (行政处罚法 §51)', () => {
  const base = { outcome: 'fine' as const, mitigated: false, illegalGains: false };
  it('allows a fine of at most 200 yuan for a person, 3,000 yuan for an organisation', () => {
    expect(summaryFineLimitFen).toEqual({
      person: 20_000,
      individual_business: 20_000,
      organisation: 300_000,
    });
    expect(summaryProblems({ ...base, partyType: 'person', fineFen: 20_000 })).toEqual([]);
    expect(summaryProblems({ ...base, partyType: 'person', fineFen: 20_001 })[0]?.message).toContain(
      '200 元',
    );
    expect(summaryProblems({ ...base, partyType: 'organisation', fineFen: 300_000 })).toEqual([]);
    expect(summaryProblems({ ...base, partyType: 'organisation', fineFen: 300_001 })[0]?.message).toContain(
      '3000 元',
    );
  });
  it('is excluded for a mitigated penalty or where illegal gains must be computed (docs/rules.md [local])', () => {
    const problems = summaryProblems({
      ...base,
      partyType: 'person',
      fineFen: 100,
      mitigated: true,
      illegalGains: true,
    });
    expect(problems.map((p) => p.path)).toEqual(['body.circumstance', 'body.illegalGains']);
  });
});

describe('decision content', () => {
  const item = {
    kind: 'penalty',
    benchmarks: [{ circumstance: 'general' as const, minFen: 5_000_000, maxFen: 10_000_000, measures: '' }],
  };
  const facts = {
    kind: 'penalty_ordinary' as const,
    outcome: 'penalty' as const,
    circumstance: 'general' as const,
    discretionReason: null,
    reason: null,
    proposedAmountFen: null,
    item,
  };
  it('行政处罚法 §34: within the benchmark passes; outside needs a written reason and makes it major', () => {
    expect(judgeDecision({ ...facts, amountFen: 6_000_000 })).toEqual({
      problems: [],
      benchmark: 'within',
      majorReasons: [],
    });
    const outside = judgeDecision({ ...facts, amountFen: 12_000_000 });
    expect(outside.benchmark).toBe('outside');
    expect(outside.majorReasons).toEqual(['outside_benchmark']);
    expect(outside.problems).toMatchObject([{ path: 'body.discretionReason' }]);
    expect(
      judgeDecision({ ...facts, amountFen: 12_000_000, discretionReason: '情节特别严重' }).problems,
    ).toEqual([]);
  });
  it('行政处罚法 §45: no heavier fine than the one notified', () => {
    const heavier = judgeDecision({ ...facts, amountFen: 7_000_000, proposedAmountFen: 6_000_000 });
    expect(heavier.problems).toMatchObject([{ path: 'body.amountFen' }]);
  });
  it('公示规定 §2: ordinary penalties other than a warning are published; summary ones are not', () => {
    expect(mustPublish('penalty_ordinary', 'penalty')).toBe(true);
    expect(mustPublish('penalty_ordinary', 'warning')).toBe(false);
    expect(mustPublish('penalty_summary', 'penalty')).toBe(false);
    expect(mustPublish('licensing', 'grant')).toBe(true);
  });
});
