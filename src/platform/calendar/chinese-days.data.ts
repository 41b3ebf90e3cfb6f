/**
 * The working-day calendar as shipped by the `chinese-days` package (holidays and make-up working days
 * from the State Council's yearly notices, 2004 to the last year it knows), and the administrator's import
 * of a new year's notice (国务院办公厅关于X年部分节假日安排的通知) on top of it. Static data, no I/O.
 */
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { isIsoDate, weekday, type WorkingCalendar } from './working-days.rules.ts';

/**
 * The package's JSON: `holidays` are the days off (weekend days inside a holiday included, days off in
 * lieu included), `workdays` the make-up working days, each keyed by `YYYY-MM-DD` with a label as value.
 */
export interface ChineseDaysJson {
  holidays: Readonly<Record<string, string>>;
  workdays: Readonly<Record<string, string>>;
}

/** A calendar from the package's data; a year counts as loaded when it has any holiday. */
export function calendarFromChineseDays(json: ChineseDaysJson): WorkingCalendar {
  const holidays = new Set(Object.keys(json.holidays));
  const makeUpWorkdays = new Set(Object.keys(json.workdays));
  const years = new Set([...holidays].map((d) => Number(d.slice(0, 4))));
  return { years, holidays, makeUpWorkdays };
}

/** The calendar the package ships (no year after its last release: load the next notice yourself). */
export const bundledCalendar: WorkingCalendar = calendarFromChineseDays(data);

/** The dates of one year's State Council notice, as an administrator enters them. */
export interface HolidayNotice {
  year: number;
  holidays: readonly string[];
  makeUpWorkdays: readonly string[];
}

export type NoticeProblemCode =
  | 'YEAR_INVALID'
  | 'NO_HOLIDAYS'
  | 'DATE_INVALID'
  | 'DATE_OUTSIDE_YEAR'
  | 'DATE_BOTH_HOLIDAY_AND_WORKDAY'
  | 'MAKE_UP_DAY_NOT_WEEKEND';

export interface NoticeProblem {
  code: NoticeProblemCode;
  /** The offending date, when the problem is about one. */
  date?: string;
  message: string;
}

export type MergeResult = { ok: true; calendar: WorkingCalendar } | { ok: false; problems: NoticeProblem[] };

function problem(code: NoticeProblemCode, year: number, date?: string): NoticeProblem {
  const messages: Record<NoticeProblemCode, string> = {
    YEAR_INVALID: `年份 ${year} 不正确`,
    NO_HOLIDAYS: `${year} 年的通知没有任何放假日期`,
    DATE_INVALID: `日期 ${date ?? ''} 不是有效的 YYYY-MM-DD 日期`,
    DATE_OUTSIDE_YEAR: `日期 ${date ?? ''} 不在 ${year} 年内`,
    DATE_BOTH_HOLIDAY_AND_WORKDAY: `日期 ${date ?? ''} 不能既放假又调休上班`,
    MAKE_UP_DAY_NOT_WEEKEND: `调休上班日 ${date ?? ''} 不是周六或周日`,
  };
  return date === undefined ? { code, message: messages[code] } : { code, date, message: messages[code] };
}

/** Every problem of a notice, so the administrator can fix them all at once. */
export function noticeProblems(notice: HolidayNotice): NoticeProblem[] {
  const { year } = notice;
  if (!Number.isInteger(year) || year < 1949 || year > 9999) return [problem('YEAR_INVALID', year)];
  const problems: NoticeProblem[] = [];
  if (notice.holidays.length === 0) problems.push(problem('NO_HOLIDAYS', year));
  const check = (date: string): boolean => {
    if (!isIsoDate(date)) problems.push(problem('DATE_INVALID', year, date));
    else if (Number(date.slice(0, 4)) !== year) problems.push(problem('DATE_OUTSIDE_YEAR', year, date));
    else return true;
    return false;
  };
  const holidays = new Set(notice.holidays.filter(check));
  for (const date of new Set(notice.makeUpWorkdays)) {
    if (!check(date)) continue;
    if (holidays.has(date)) problems.push(problem('DATE_BOTH_HOLIDAY_AND_WORKDAY', year, date));
    // A make-up working day (调休上班) is always a weekend day: a weekday one would change nothing.
    else if (weekday(date) !== 0 && weekday(date) !== 6)
      problems.push(problem('MAKE_UP_DAY_NOT_WEEKEND', year, date));
  }
  return problems;
}

/**
 * The calendar with one year's notice loaded. The notice replaces whatever the calendar held for that
 * year (a correction is a new import), and the year counts as loaded from then on.
 */
export function mergeNotice(cal: WorkingCalendar, notice: HolidayNotice): MergeResult {
  const problems = noticeProblems(notice);
  if (problems.length > 0) return { ok: false, problems };
  const otherYears = (d: string) => Number(d.slice(0, 4)) !== notice.year;
  return {
    ok: true,
    calendar: {
      years: new Set([...cal.years, notice.year]),
      holidays: new Set([...[...cal.holidays].filter(otherYears), ...notice.holidays]),
      makeUpWorkdays: new Set([...[...cal.makeUpWorkdays].filter(otherYears), ...notice.makeUpWorkdays]),
    },
  };
}
