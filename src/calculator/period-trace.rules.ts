/**
 * Counting a period and saying how: the same counts as platform/calendar/working-days.rules.ts, each with the
 * steps a reader checks by hand — the start day not counted, every day skipped and why, the roll-over of a
 * last day that falls on a holiday (docs/rules.md "Counting time"; 民法典 §201, §203). Pure.
 */
import {
  addCalendarDays,
  addWorkingDays,
  dayNumber,
  fromDayNumber,
  rollOverHolidays,
  weekday,
  type CalendarWarning,
  type WorkingCalendar,
} from '../platform/calendar/working-days.rules.ts';

import { exclusionReasonLabels, type Exclusion, type ExclusionReason } from '../cases/excluded-time.rules.ts';

export { exclusionReasonLabels, type Exclusion, type ExclusionReason };

/** One line of the computation: a day or a span of days, and what happened to it. */
export interface TraceStep {
  kind: 'start' | 'skipped' | 'counted' | 'excluded' | 'ignored' | 'rolled_over' | 'last_day';
  from: string;
  to: string;
  text: string;
}

export interface Trace {
  lastDay: string;
  steps: TraceStep[];
  warnings: CalendarWarning[];
}

type DayFate = { kind: 'skipped' | 'excluded'; why: string } | { kind: 'counted'; why: string };

function workingFate(cal: WorkingCalendar, date: string, excluded: readonly Exclusion[]): DayFate {
  const exclusion = excluded.find((e) => e.from <= date && date <= e.to);
  if (exclusion) return { kind: 'excluded', why: `${exclusionReasonLabels[exclusion.reason]}，不计入` };
  if (cal.makeUpWorkdays.has(date)) return { kind: 'counted', why: '调休上班日，计入' };
  if (cal.holidays.has(date)) return { kind: 'skipped', why: '法定节假日，不计入' };
  const day = weekday(date);
  if (day === 0 || day === 6) return { kind: 'skipped', why: '周末，不计入' };
  return { kind: 'counted', why: '工作日，计入' };
}

function calendarFate(date: string, excluded: readonly Exclusion[]): DayFate {
  const exclusion = excluded.find((e) => e.from <= date && date <= e.to);
  if (exclusion) return { kind: 'excluded', why: `${exclusionReasonLabels[exclusion.reason]}，不计入` };
  return { kind: 'counted', why: '自然日，计入' };
}

/** Joins consecutive days of the same fate into one step, numbering the counted days. */
class StepWriter {
  readonly steps: TraceStep[] = [];
  private counted = 0;
  private lastWhy = '';

  start(from: string): void {
    this.steps.push({
      kind: 'start',
      from,
      to: from,
      text: `${from} 为起算日，当日不计入，自次日起算（民法典 §201）`,
    });
  }

  day(date: string, fate: DayFate): void {
    const last = this.steps.at(-1);
    if (fate.kind === 'counted') this.counted++;
    if (last && last.kind === fate.kind && this.lastWhy === fate.why && nextDay(last.to) === date) {
      last.to = date;
      last.text = this.describe(fate, last.from, date);
      return;
    }
    this.lastWhy = fate.why;
    this.steps.push({ kind: fate.kind, from: date, to: date, text: this.describe(fate, date, date) });
  }

  private describe(fate: DayFate, from: string, to: string): string {
    const span = from === to ? from : `${from} 至 ${to}`;
    if (fate.kind !== 'counted') return `${fate.why}：${span}`;
    return `${fate.why}：${span}（累计第 ${this.counted} 日）`;
  }
}

const nextDay = (date: string): string => fromDayNumber(dayNumber(date) + 1);

/** The n-th working day after `from`, with its steps; the same day as `addWorkingDays` (n ≥ 1). */
export function traceWorkingDays(
  cal: WorkingCalendar,
  from: string,
  n: number,
  excluded: readonly Exclusion[] = [],
): Trace {
  const due = addWorkingDays(cal, from, n, { excluded });
  const writer = new StepWriter();
  writer.start(from);
  for (let day = dayNumber(from) + 1; day <= dayNumber(due.date); day++) {
    const date = fromDayNumber(day);
    writer.day(date, workingFate(cal, date, excluded));
  }
  writer.steps.push({
    kind: 'last_day',
    from: due.date,
    to: due.date,
    text: `第 ${n} 个工作日为 ${due.date}，期间届满日`,
  });
  return { lastDay: due.date, steps: writer.steps, warnings: due.warnings };
}

/**
 * n natural days after `from`, with its steps; where `rollOver`, a last day on a rest day or holiday moves to
 * the next working day (民法典 §203), else it stays (a restraint on property is not lengthened).
 */
export function traceCalendarDays(
  cal: WorkingCalendar,
  from: string,
  n: number,
  options: { excluded?: readonly Exclusion[]; rollOver: boolean },
): Trace {
  const excluded = options.excluded ?? [];
  const counted = addCalendarDays(from, n, { excluded });
  const writer = new StepWriter();
  writer.start(from);
  for (let day = dayNumber(from) + 1; day <= dayNumber(counted); day++) {
    const date = fromDayNumber(day);
    writer.day(date, calendarFate(date, excluded));
  }
  const steps = writer.steps;
  if (!options.rollOver) {
    steps.push({ kind: 'last_day', from: counted, to: counted, text: `第 ${n} 日为 ${counted}，期间届满日` });
    return { lastDay: counted, steps, warnings: rollOverHolidays(cal, counted).warnings };
  }
  const rolled = rollOverHolidays(cal, counted);
  if (rolled.date !== counted) {
    steps.push({
      kind: 'rolled_over',
      from: counted,
      to: rolled.date,
      text: `第 ${n} 日 ${counted} 为法定休假日，以休假日结束的次日 ${rolled.date} 为期间的最后一日（民法典 §203）`,
    });
  }
  steps.push({ kind: 'last_day', from: rolled.date, to: rolled.date, text: `期间届满日为 ${rolled.date}` });
  return { lastDay: rolled.date, steps, warnings: rolled.warnings };
}

/** A step saying an exclusion was given but the law does not exclude that time from this period. */
export function ignoredExclusion(e: Exclusion, period: string): TraceStep {
  return {
    kind: 'ignored',
    from: e.from,
    to: e.to,
    text: `${exclusionReasonLabels[e.reason]}不从「${period}」中扣除，照常计算：${e.from} 至 ${e.to}`,
  };
}
