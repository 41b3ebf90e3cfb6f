import { describe, expect, it } from 'vitest';
import {
  bundledCalendar,
  calendarFromChineseDays,
  mergeNotice,
  type HolidayNotice,
} from './chinese-days.data.ts';
import { addWorkingDays, isWorkingDay, loadedYears } from './working-days.rules.ts';

/** A made-up notice shaped like the real ones: New Year off Fri 1 Jan, make-up day Sat 9 Jan. */
const notice2027: HolidayNotice = {
  year: 2027,
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
  makeUpWorkdays: ['2027-01-09'],
};

describe('the bundled calendar from the chinese-days package (State Council notices up to 2026)', () => {
  it('knows 2004 to 2026 and not 2027', () => {
    expect(loadedYears(bundledCalendar)[0]).toBe(2004);
    expect(bundledCalendar.years.has(2026)).toBe(true);
    expect(bundledCalendar.years.has(2027)).toBe(false);
  });

  it('reads holidays and make-up working days from the package JSON', () => {
    const cal = calendarFromChineseDays({
      holidays: { '2026-10-01': 'National Day,国庆节,3' },
      workdays: { '2026-10-10': 'National Day,国庆节,3' },
    });
    expect([...cal.years]).toEqual([2026]);
    expect(isWorkingDay(cal, '2026-10-01')).toBe(false);
    expect(isWorkingDay(cal, '2026-10-10')).toBe(true);
  });
});

describe('an administrator loads a new year\'s State Council notice (docs/rules.md "Counting time")', () => {
  it('removes the warning once the 2027 notice is loaded, and counts its holidays', () => {
    const before = addWorkingDays(bundledCalendar, '2026-12-30', 3);
    expect(before).toMatchObject({ date: '2027-01-04', warnings: [{ code: 'YEAR_NOT_LOADED', year: 2027 }] });
    const merged = mergeNotice(bundledCalendar, notice2027);
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(addWorkingDays(merged.calendar, '2026-12-30', 3)).toEqual({ date: '2027-01-05', warnings: [] });
    expect(isWorkingDay(merged.calendar, '2027-01-09')).toBe(true);
    expect(loadedYears(merged.calendar).at(-1)).toBe(2027);
  });

  it("replaces a loaded year's dates instead of adding to them (a correction is a new import)", () => {
    const first = mergeNotice(bundledCalendar, notice2027);
    if (!first.ok) throw new Error('notice refused');
    const corrected = mergeNotice(first.calendar, {
      ...notice2027,
      holidays: ['2027-01-01'],
      makeUpWorkdays: [],
    });
    if (!corrected.ok) throw new Error('notice refused');
    expect(isWorkingDay(corrected.calendar, '2027-01-09')).toBe(false);
    expect(corrected.calendar.holidays.has('2027-01-02')).toBe(false);
    expect(corrected.calendar.holidays.has('2026-10-01')).toBe(true);
  });

  it('leaves the calendar it was given unchanged', () => {
    mergeNotice(bundledCalendar, notice2027);
    expect(bundledCalendar.years.has(2027)).toBe(false);
  });

  it('refuses a notice with dates outside its year, invalid dates, or a day both off and worked', () => {
    const result = mergeNotice(bundledCalendar, {
      year: 2027,
      holidays: ['2027-01-01', '2026-12-31', '2027-02-30', '2027-01-09'],
      makeUpWorkdays: ['2027-01-09', '2028-01-08'],
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        { code: 'DATE_OUTSIDE_YEAR', date: '2026-12-31', message: '日期 2026-12-31 不在 2027 年内' },
        { code: 'DATE_INVALID', date: '2027-02-30', message: '日期 2027-02-30 不是有效的 YYYY-MM-DD 日期' },
        {
          code: 'DATE_BOTH_HOLIDAY_AND_WORKDAY',
          date: '2027-01-09',
          message: '日期 2027-01-09 不能既放假又调休上班',
        },
        { code: 'DATE_OUTSIDE_YEAR', date: '2028-01-08', message: '日期 2028-01-08 不在 2027 年内' },
      ],
    });
  });

  it('refuses a make-up working day that is not a weekend day, a notice without holidays, a bad year', () => {
    const codes = (n: HolidayNotice) => {
      const r = mergeNotice(bundledCalendar, n);
      return r.ok ? [] : r.problems.map((p) => p.code);
    };
    expect(codes({ ...notice2027, makeUpWorkdays: ['2027-01-11'] })).toEqual(['MAKE_UP_DAY_NOT_WEEKEND']);
    expect(codes({ year: 2027, holidays: [], makeUpWorkdays: [] })).toEqual(['NO_HOLIDAYS']);
    expect(codes({ ...notice2027, year: 2027.5 })).toEqual(['YEAR_INVALID']);
  });
});
