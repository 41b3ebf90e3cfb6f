import { describe, expect, it } from 'vitest';
import { bundledCalendar as cal } from './chinese-days.data.ts';
import {
  addCalendarDays,
  addMonths,
  addWorkingDays,
  addYears,
  deadlineStatus,
  isIsoDate,
  isWorkingDay,
  rollOverHolidays,
  workingDaysBetween,
  type WorkingCalendar,
} from './working-days.rules.ts';

const weekendsOnly: WorkingCalendar = { years: new Set(), holidays: new Set(), makeUpWorkdays: new Set() };

describe('working days follow the State Council holiday notice (docs/rules.md "Counting time")', () => {
  it('takes National Day 2026 off and works Sun 20 Sep and Sat 10 Oct', () => {
    expect(isWorkingDay(cal, '2026-10-01')).toBe(false);
    expect(isWorkingDay(cal, '2026-10-07')).toBe(false);
    expect(isWorkingDay(cal, '2026-09-20')).toBe(true);
    expect(isWorkingDay(cal, '2026-10-10')).toBe(true);
    expect(isWorkingDay(cal, '2026-10-11')).toBe(false);
    expect(isWorkingDay(cal, '2026-09-29')).toBe(true);
  });

  it('ends a decision of Mon 28 Sep 2026 plus 7 working days on Tue 13 Oct 2026 (行政处罚法 §85)', () => {
    expect(addWorkingDays(cal, '2026-09-28', 7)).toEqual({ date: '2026-10-13', warnings: [] });
  });

  it('skips Spring Festival 2026 (15–23 Feb off) and works Sat 14 Feb and Sat 28 Feb', () => {
    expect(addWorkingDays(cal, '2026-02-12', 1).date).toBe('2026-02-13');
    expect(addWorkingDays(cal, '2026-02-13', 1).date).toBe('2026-02-14');
    expect(addWorkingDays(cal, '2026-02-14', 1).date).toBe('2026-02-24');
    expect(addWorkingDays(cal, '2026-02-13', 6).date).toBe('2026-02-28');
  });

  it('does not count the start day, even when the start day is a working day', () => {
    expect(addWorkingDays(weekendsOnly, '2025-06-02', 1).date).toBe('2025-06-03');
    expect(addWorkingDays(cal, '2026-06-05', 1).date).toBe('2026-06-08');
  });

  it('counts from a holiday as from any other day: the first working day after it is day 1', () => {
    expect(addWorkingDays(cal, '2026-10-03', 1).date).toBe('2026-10-08');
  });

  it('gives the start day itself for n = 0', () => {
    expect(addWorkingDays(cal, '2026-10-03', 0)).toEqual({ date: '2026-10-03', warnings: [] });
  });

  it('counts backwards for negative n (the n-th working day before)', () => {
    expect(addWorkingDays(cal, '2026-10-13', -7).date).toBe('2026-09-28');
  });

  it('leaves out days of an excluded interval (suspension, testing time)', () => {
    const excluded = [{ from: '2026-06-09', to: '2026-06-10' }];
    expect(addWorkingDays(cal, '2026-06-08', 3, { excluded }).date).toBe('2026-06-15');
  });

  it('counts working days between two dates as addWorkingDays counts them', () => {
    expect(workingDaysBetween(cal, '2026-09-28', '2026-10-13')).toEqual({ days: 7, warnings: [] });
    expect(workingDaysBetween(cal, '2026-10-13', '2026-09-28').days).toBe(-7);
    expect(workingDaysBetween(cal, '2026-10-13', '2026-10-13').days).toBe(0);
  });

  it('refuses dates that are not YYYY-MM-DD calendar dates', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(() => addWorkingDays(cal, '2026/10/01', 1)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, '2026-10-01', 1.5)).toThrow(RangeError);
  });
});

describe('a deadline that runs into a year whose notice is not loaded says so (docs/rules.md "Counting time")', () => {
  it('warns when the counting crosses into 2027 and counts weekends only there', () => {
    const due = addWorkingDays(cal, '2026-12-29', 5);
    expect(due.date).toBe('2027-01-05');
    expect(due.warnings).toEqual([
      {
        code: 'YEAR_NOT_LOADED',
        year: 2027,
        message: '2027 年节假日安排尚未载入，期限按周末推算，请以国务院通知为准',
      },
    ]);
  });

  it('does not warn while the counting stays inside loaded years', () => {
    expect(addWorkingDays(cal, '2026-12-21', 5).warnings).toEqual([]);
  });

  it('warns in countdowns that reach an unloaded year', () => {
    expect(workingDaysBetween(cal, '2026-12-30', '2027-01-04').warnings.map((w) => w.year)).toEqual([2027]);
  });
});

describe('natural-day, month and year periods (行政处罚法 §60: 90 days; 公示规定 §13: 3 months, 3 years)', () => {
  it('adds natural days with the start day not counted', () => {
    expect(addCalendarDays('2026-01-01', 90)).toBe('2026-04-01');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('leaves excluded days out of a natural-day period', () => {
    expect(addCalendarDays('2026-01-01', 10, { excluded: [{ from: '2026-01-05', to: '2026-01-09' }] })).toBe(
      '2026-01-16',
    );
  });

  it('ends a month period on the same day of the month, or on the last day of a shorter month', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-05-15', 3)).toBe('2026-08-15');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
  });

  it('ends a year period on the same date, 29 Feb on 28 Feb', () => {
    expect(addYears('2026-09-28', 3)).toBe('2029-09-28');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });
});

describe('deadline countdown (a period ends at the end of its last day)', () => {
  it('counts working days left, zero and not overdue on the due day, overdue from the day after', () => {
    expect(deadlineStatus('2026-10-13', '2026-09-28', cal)).toEqual({
      daysLeft: 7,
      overdue: false,
      warnings: [],
    });
    expect(deadlineStatus('2026-10-13', '2026-10-13', cal)).toMatchObject({ daysLeft: 0, overdue: false });
    expect(deadlineStatus('2026-10-13', '2026-10-14', cal)).toMatchObject({ daysLeft: -1, overdue: true });
  });

  it('counts natural days when asked', () => {
    expect(deadlineStatus('2026-10-13', '2026-10-01', cal, 'calendar')).toMatchObject({ daysLeft: 12 });
  });
});

describe('民法典 §203: a period whose last day is a legal holiday ends on the next working day', () => {
  it('keeps a working day, moves a weekend to Monday and a holiday to the day after it', () => {
    expect(rollOverHolidays(cal, '2026-03-17')).toEqual({ date: '2026-03-17', warnings: [] });
    expect(rollOverHolidays(cal, '2026-03-21').date).toBe('2026-03-23');
    expect(rollOverHolidays(cal, '2026-10-01').date).toBe('2026-10-08');
  });

  it('keeps a make-up Saturday, which is a working day', () => {
    expect(rollOverHolidays(cal, '2026-10-10').date).toBe('2026-10-10');
  });

  it('warns when the next working day lies in a year whose holidays are not loaded', () => {
    expect(rollOverHolidays(cal, '2099-01-03').warnings.map((w) => w.year)).toEqual([2099]);
  });
});
