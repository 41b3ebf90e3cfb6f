/**
 * The working-day calendar and date arithmetic for legal periods. Legal dates are `YYYY-MM-DD` strings
 * (China time is the caller's concern: see `chinaDate` in platform/clock.ts); arithmetic is done on UTC
 * day numbers, never in local time. ISO strings compare in date order, so `<` works on them.
 *
 * Counting (docs/rules.md "Counting time"): the day on which a period starts is not counted, and a period ends
 * at the end of its last day; working days follow the State Council's yearly holiday notice.
 */

/** Holidays and make-up working days (调休上班) of the years whose State Council notice is loaded. */
export interface WorkingCalendar {
  /** Years whose notice is loaded; other years count weekends only, with a warning. */
  years: ReadonlySet<number>;
  /** Days off under a notice (weekend days inside a holiday may be listed too). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days under a notice. */
  makeUpWorkdays: ReadonlySet<string>;
}

export type CalendarWarningCode = 'YEAR_NOT_LOADED';

export interface CalendarWarning {
  code: CalendarWarningCode;
  year: number;
  message: string;
}

/** A computed due date and what the calendar could not vouch for. */
export interface DueDate {
  date: string;
  warnings: CalendarWarning[];
}

/** Days on which a period does not run (suspension, testing time, …); both end days included. */
export interface DateInterval {
  from: string;
  to: string;
}

export interface CountOptions {
  excluded?: readonly DateInterval[];
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is this a real calendar date written `YYYY-MM-DD`? */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** The day number (days since 1970-01-01, UTC) of an ISO date; throws on anything else. */
export function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m || !isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Month 1–12. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(dayNumber(date) * DAY_MS).getUTCDay();
}

export function yearNotLoaded(year: number): CalendarWarning {
  return {
    code: 'YEAR_NOT_LOADED',
    year,
    message: `${year} 年节假日安排尚未载入，期限按周末推算，请以国务院通知为准`,
  };
}

/** State Council notice: holidays are off, make-up days are worked; otherwise Monday to Friday. */
export function isWorkingDay(cal: WorkingCalendar, date: string): boolean {
  if (cal.makeUpWorkdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const day = weekday(date);
  return day !== 0 && day !== 6;
}

function isExcluded(date: string, excluded: readonly DateInterval[] | undefined): boolean {
  return (excluded ?? []).some((i) => i.from <= date && date <= i.to);
}

/** Collects one warning per unloaded year touched, in year order. */
class WarningSet {
  private readonly years = new Set<number>();
  constructor(private readonly cal: WorkingCalendar) {}
  touch(date: string): void {
    const year = yearOf(date);
    if (!this.cal.years.has(year)) this.years.add(year);
  }
  list(): CalendarWarning[] {
    return [...this.years].sort((a, b) => a - b).map(yearNotLoaded);
  }
}

/**
 * The n-th working day after `from` (before it when n < 0); `from` itself is not counted (docs/rules.md
 * "Counting time"). n = 0 gives `from`. Days in `excluded` intervals do not count.
 */
export function addWorkingDays(
  cal: WorkingCalendar,
  from: string,
  n: number,
  options: CountOptions = {},
): DueDate {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer: ${n}`);
  const warnings = new WarningSet(cal);
  const step = n < 0 ? -1 : 1;
  let day = dayNumber(from);
  let left = Math.abs(n);
  while (left > 0) {
    day += step;
    const date = fromDayNumber(day);
    warnings.touch(date);
    if (isWorkingDay(cal, date) && !isExcluded(date, options.excluded)) left--;
  }
  return { date: fromDayNumber(day), warnings: warnings.list() };
}

/** A period of n natural days: its last day, the start day not counted; `excluded` days do not count. */
export function addCalendarDays(from: string, n: number, options: CountOptions = {}): string {
  if (!Number.isInteger(n)) throw new RangeError(`days must be an integer: ${n}`);
  if (!options.excluded?.length) return fromDayNumber(dayNumber(from) + n);
  const step = n < 0 ? -1 : 1;
  let day = dayNumber(from);
  let left = Math.abs(n);
  while (left > 0) {
    day += step;
    if (!isExcluded(fromDayNumber(day), options.excluded)) left--;
  }
  return fromDayNumber(day);
}

/**
 * A period whose last day is a legal holiday (a rest day or a holiday of the notice) ends on the first day
 * after it that is a working day (民法典 §203 ¶1: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日).
 * A make-up working day (调休上班) is a working day.
 */
export function rollOverHolidays(cal: WorkingCalendar, date: string): DueDate {
  const warnings = new WarningSet(cal);
  let day = dayNumber(date);
  warnings.touch(date);
  while (!isWorkingDay(cal, fromDayNumber(day))) {
    day += 1;
    warnings.touch(fromDayNumber(day));
  }
  return { date: fromDayNumber(day), warnings: warnings.list() };
}

/**
 * A period of months ends on the same day of the month n months on; when that month is shorter, on its
 * last day (2026-11-30 + 3 months = 2027-02-28), so a period never spills into the month after.
 */
export function addMonths(from: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`months must be an integer: ${n}`);
  dayNumber(from);
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Years as twelve months each: 2024-02-29 + 1 year = 2025-02-28. */
export function addYears(from: string, n: number): string {
  return addMonths(from, 12 * n);
}

/** Natural days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * Working days after `from` up to and including `to`, counted as `addWorkingDays` counts them, so
 * `workingDaysBetween(cal, d, addWorkingDays(cal, d, n).date).days === n`; negative when `to` is earlier.
 */
export function workingDaysBetween(
  cal: WorkingCalendar,
  from: string,
  to: string,
): { days: number; warnings: CalendarWarning[] } {
  const warnings = new WarningSet(cal);
  const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let days = 0;
  for (let day = dayNumber(lo) + 1; day <= dayNumber(hi); day++) {
    const date = fromDayNumber(day);
    warnings.touch(date);
    if (isWorkingDay(cal, date)) days++;
  }
  return { days: sign * days, warnings: warnings.list() };
}

export interface DeadlineStatus {
  /** Days left after today up to the due date (negative once overdue); 0 on the due date. */
  daysLeft: number;
  /** A period ends at the end of its last day, so a deadline is overdue from the day after. */
  overdue: boolean;
  warnings: CalendarWarning[];
}

/** A countdown for a deadline, in working days by default or in natural days. */
export function deadlineStatus(
  due: string,
  today: string,
  cal: WorkingCalendar,
  unit: 'working' | 'calendar' = 'working',
): DeadlineStatus {
  const overdue = today > due;
  if (unit === 'calendar') return { daysLeft: calendarDaysBetween(today, due), overdue, warnings: [] };
  const { days, warnings } = workingDaysBetween(cal, today, due);
  return { daysLeft: days, overdue, warnings };
}

/** The loaded years in order, for the administrator's view. */
export function loadedYears(cal: WorkingCalendar): number[] {
  return [...cal.years].sort((a, b) => a - b);
}
