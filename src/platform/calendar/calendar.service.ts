import { runCommand, type CommandDeps } from '../audit/command.ts';
import { authorize, definePolicy } from '../auth/policy.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { insertNotice, noticeRows } from './calendar.store.ts';
import { bundledCalendar, mergeNotice, noticeProblems, type HolidayNotice } from './chinese-days.data.ts';
import { loadedYears, type WorkingCalendar } from './working-days.rules.ts';

/**
 * The working-day calendar in force: the `chinese-days` package's years, with every holiday notice an
 * instance administrator loaded on top (the newest import of a year wins). Reads are cheap — one small
 * table — so each command reads it afresh and a new import counts from the next request on.
 *
 * The calendar is one for the whole instance: a notice moves every agency's statutory deadlines. Loading
 * one is therefore the instance administrator's, not an agency administrator's nor the supervisor's
 * (issue 10 item 4; the security sweep's H5).
 */
export const calendarPolicy = definePolicy({
  read: { roles: 'any', reach: 'own', writes: false },
  load: { roles: ['instance_administrator'], reach: 'own', writes: true },
});

interface NoticeRow {
  year: number;
  title: string;
  holidays: string[];
  make_up_workdays: string[];
  loaded_at: Date;
}

async function latestNotices(db: Db): Promise<NoticeRow[]> {
  const rows = await noticeRows(db);
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.year) && seen.add(r.year));
}

export async function workingCalendar(db: Db): Promise<WorkingCalendar> {
  let cal = bundledCalendar;
  for (const n of await latestNotices(db)) {
    const merged = mergeNotice(cal, {
      year: n.year,
      holidays: n.holidays,
      makeUpWorkdays: n.make_up_workdays,
    });
    if (merged.ok) cal = merged.calendar;
  }
  return cal;
}

export interface LoadedYear {
  year: number;
  source: 'bundled' | 'notice';
  title: string | null;
  holidays: number;
  makeUpWorkdays: number;
  loadedAt: string | null;
}

/** The years the calendar knows, each with where its dates came from, for the administrator. */
export async function listYears(db: Db): Promise<LoadedYear[]> {
  const notices = new Map((await latestNotices(db)).map((n) => [n.year, n]));
  const cal = await workingCalendar(db);
  const inYear = (set: ReadonlySet<string>, y: number) =>
    [...set].filter((d) => d.startsWith(`${y}-`)).length;
  return loadedYears(cal).map((year) => {
    const n = notices.get(year);
    return {
      year,
      source: n ? 'notice' : 'bundled',
      title: n?.title ?? null,
      holidays: inYear(cal.holidays, year),
      makeUpWorkdays: inYear(cal.makeUpWorkdays, year),
      loadedAt: n ? n.loaded_at.toISOString() : null,
    };
  });
}

/** Loads one year's State Council notice (国务院办公厅关于X年部分节假日安排的通知); refuses a bad one whole. */
export async function loadNotice(
  deps: CommandDeps,
  principal: Principal,
  notice: HolidayNotice & { title: string },
): Promise<LoadedYear[]> {
  authorize(principal, calendarPolicy.load, principal.agencyId);
  const problems = noticeProblems(notice);
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      errors: problems.map((p) => ({ path: pathOf(notice, p.date), message: p.message })),
    });
  }
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await insertNotice(ctx.trx, {
      id: newId(),
      year: notice.year,
      title: notice.title,
      holidays: JSON.stringify([...new Set(notice.holidays)].sort()),
      make_up_workdays: JSON.stringify([...new Set(notice.makeUpWorkdays)].sort()),
      loaded_by: principal.personId,
      loaded_at: ctx.now,
    });
    await ctx.record({
      kind: 'calendar.notice_loaded',
      agencyId: principal.agencyId,
      subjectType: 'calendar_notice',
      subjectId: row.id,
      record: row,
    });
  });
  return listYears(deps.db);
}

/** The field a notice problem is about: the date's place in its list, else the year. */
function pathOf(notice: HolidayNotice, date: string | undefined): string {
  if (date === undefined) return notice.holidays.length === 0 ? 'body.holidays' : 'body.year';
  const h = notice.holidays.indexOf(date);
  if (h >= 0) return `body.holidays.${h}`;
  return `body.makeUpWorkdays.${notice.makeUpWorkdays.indexOf(date)}`;
}
