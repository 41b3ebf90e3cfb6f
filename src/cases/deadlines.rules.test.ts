import { describe, expect, it } from 'vitest';
import { bundledCalendar as cal } from '../platform/calendar/chinese-days.data.ts';
import {
  advancePreservationDue,
  coerciveMeasureEnds,
  decisionDue,
  earliestHearingOn,
  hearingNoticeLatest,
  hearingRequestDue,
  isTimeBarred,
  latePaymentSurchargeFen,
  leadVerificationDue,
  paymentDue,
  periods,
  serviceDue,
  timeBarDate,
} from './deadlines.rules.ts';

describe('程序规定 §18: a lead is verified within 15 working days, +15 approved, testing time not counted', () => {
  it('ends 15 working days after discovery, National Day 2026 skipped', () => {
    expect(leadVerificationDue(cal, '2026-09-28')).toEqual({ date: '2026-10-23', warnings: [] });
  });

  it('adds 15 working days when the head approves', () => {
    expect(leadVerificationDue(cal, '2026-09-28', { extended: true }).date).toBe('2026-11-13');
  });

  it('does not count days spent on testing or appraisal', () => {
    const excluded = [{ from: '2026-10-12', to: '2026-10-16' }];
    expect(leadVerificationDue(cal, '2026-09-28', { excluded }).date).toBe('2026-10-30');
  });
});

describe('行政处罚法 §60: the decision within 90 days of filing, +30 approved, suspended time not counted', () => {
  it('ends 90 natural days after filing', () => {
    expect(decisionDue(cal, '2026-01-20')).toEqual({ date: '2026-04-20', warnings: [] });
  });

  it('moves a last day on a holiday to the next working day (民法典 §203)', () => {
    // Day 90 is Sunday 5 April, inside the Qingming holiday (4–6 April): the last day is Tuesday 7 April.
    expect(decisionDue(cal, '2026-01-05')).toEqual({ date: '2026-04-07', warnings: [] });
    // Filed 3 July: day 90 is National Day; a decision on Thursday 8 October is in time.
    expect(decisionDue(cal, '2026-07-03').date).toBe('2026-10-08');
  });

  it('adds 30 days with the head’s approval and the days set by collective deliberation', () => {
    expect(decisionDue(cal, '2026-01-05', { headApproved: true }).date).toBe('2026-05-06'); // 5 May: Labour Day
    expect(decisionDue(cal, '2026-01-05', { headApproved: true, deliberatedDays: 20 }).date).toBe(
      '2026-05-25',
    );
  });

  it('does not count suspensions, hearings, public notices or testing', () => {
    const suspensions = [{ from: '2026-02-01', to: '2026-02-10' }];
    expect(decisionDue(cal, '2026-01-05', { suspensions }).date).toBe('2026-04-15');
  });

  it('refuses a negative deliberated extension', () => {
    expect(() => decisionDue(cal, '2026-01-05', { deliberatedDays: -1 })).toThrow(RangeError);
  });
});

describe('行政处罚法 §64, §85: hearing asked for within 5 working days, notified 7 working days before', () => {
  it('lets the party ask until the 5th working day after the notice (a make-up Saturday counts)', () => {
    expect(hearingRequestDue(cal, '2026-09-28').date).toBe('2026-10-10');
  });

  it('leaves seven clear working days between the notice and the hearing', () => {
    expect(hearingNoticeLatest(cal, '2026-10-22').date).toBe('2026-10-12');
    expect(earliestHearingOn(cal, '2026-10-12').date).toBe('2026-10-22');
  });
});

describe('行政处罚法 §56, §85: evidence preserved in advance is decided on within 7 working days', () => {
  it('ends on Tue 13 Oct 2026 for evidence preserved on Mon 28 Sep 2026', () => {
    expect(advancePreservationDue(cal, '2026-09-28').date).toBe('2026-10-13');
  });
});

describe('行政处罚法 §61, §85: a decision not handed over on the spot is served within 7 working days', () => {
  it('serves a decision of Mon 28 Sep 2026 by Tue 13 Oct 2026 (docs/rules.md example)', () => {
    expect(serviceDue(cal, '2026-09-28')).toEqual({ date: '2026-10-13', warnings: [] });
  });

  it('warns when the service period runs into an unloaded year', () => {
    expect(serviceDue(cal, '2026-12-28').warnings.map((w) => w.year)).toEqual([2027]);
  });
});

describe('行政处罚法 §67, §72, §73: payment within 15 days, then 3% a day capped at the fine', () => {
  it('is due 15 natural days after service', () => {
    expect(paymentDue(cal, '2026-03-02').date).toBe('2026-03-17');
  });

  it('a fine of 1,000 yuan received 09-22: last day 10-08 (day 15 is National Day, 民法典 §203)', () => {
    const due = paymentDue(cal, '2026-09-22').date;
    expect(due).toBe('2026-10-08');
    expect(latePaymentSurchargeFen(100_000, due, '2026-10-08')).toBe(0);
    expect(latePaymentSurchargeFen(100_000, due, '2026-10-10')).toBe(6_000); // 2 days × 3% = 60 yuan
  });

  it('a last day on a weekend moves to Monday; a make-up Saturday stays', () => {
    expect(paymentDue(cal, '2026-03-06').date).toBe('2026-03-23'); // day 15 is Saturday 21 March
    expect(paymentDue(cal, '2026-09-25').date).toBe('2026-10-10'); // Saturday 10 October is worked
  });

  it('charges nothing on the due day and 3% of the fine for each day after, in fen', () => {
    expect(latePaymentSurchargeFen(1_000_000, '2026-03-17', '2026-03-17')).toBe(0);
    expect(latePaymentSurchargeFen(1_000_000, '2026-03-17', '2026-03-18')).toBe(30_000);
    expect(latePaymentSurchargeFen(1_000_000, '2026-03-17', '2026-03-27')).toBe(300_000);
  });

  it('never charges more than the fine', () => {
    expect(latePaymentSurchargeFen(1_000_000, '2026-03-17', '2026-04-26')).toBe(1_000_000);
    expect(latePaymentSurchargeFen(1_000_000, '2026-03-17', '2036-03-17')).toBe(1_000_000);
  });

  it('rounds down to whole fen', () => {
    expect(latePaymentSurchargeFen(333, '2026-03-17', '2026-03-18')).toBe(9);
  });

  it('does not count the days of reconsideration or litigation (§73)', () => {
    const appeals = [{ from: '2026-03-20', to: '2026-03-26' }];
    expect(latePaymentSurchargeFen(1_000_000, '2026-03-17', '2026-03-27', appeals)).toBe(90_000);
  });

  it('refuses a fine that is not whole fen', () => {
    expect(() => latePaymentSurchargeFen(10.5, '2026-03-17', '2026-03-18')).toThrow(RangeError);
  });
});

describe('行政强制法 §25: sealing or seizure lasts 30 days, +30 approved, testing time not counted', () => {
  it('ends 30 natural days after it starts', () => {
    expect(coerciveMeasureEnds('2026-09-28').date).toBe('2026-10-28');
  });

  it('adds 30 days when extended, and leaves out testing', () => {
    expect(coerciveMeasureEnds('2026-09-28', { extended: true }).date).toBe('2026-11-27');
    expect(
      coerciveMeasureEnds('2026-09-28', { testing: [{ from: '2026-10-05', to: '2026-10-09' }] }).date,
    ).toBe('2026-11-02');
  });
});

describe('行政处罚法 §36: an act undiscovered for 2 years (5 for life, health or financial harm) is not punished', () => {
  it('bars an act discovered after two years from its end', () => {
    expect(timeBarDate('2024-03-15').date).toBe('2026-03-15');
    expect(isTimeBarred('2024-03-15', '2026-03-15')).toBe(false);
    expect(isTimeBarred('2024-03-15', '2026-03-16')).toBe(true);
  });

  it('extends the bar to five years where life, health or financial security was harmed', () => {
    expect(timeBarDate('2024-03-15', true).date).toBe('2029-03-15');
    expect(isTimeBarred('2024-03-15', '2026-03-16', true)).toBe(false);
  });
});

describe('the periods table shows each rule with its source', () => {
  it('names every period by its code, with a Chinese label and a citation', () => {
    for (const [code, period] of Object.entries(periods)) {
      expect(period.code).toBe(code);
      expect(period.label).toMatch(/\p{Script=Han}/u);
      expect(period.basis).toMatch(/§\d+/);
    }
    expect(periods.service).toMatchObject({ length: 7, unit: 'working_days', basis: '行政处罚法 §61、§85' });
  });
});
