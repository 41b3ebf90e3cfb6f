import type { CommandContext } from '../platform/audit/command.ts';
import type { WorkingCalendar } from '../platform/calendar/working-days.rules.ts';
import { inScope, type AgencyScope } from '../platform/db/agency-scope.ts';
import type { Row } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import { caseDeadlineDue, executionPeriods, type PeriodFacts } from './case-deadlines.rules.ts';
import type { CaseRow, Reader } from './cases.store.ts';
import { exclusionOfSuspension, suspensionKindOf } from './excluded-time.rules.ts';
import { licensingExclusionsOf, type LicensingExclusion } from './licensing.rules.ts';
import type { CaseDeadlineCode } from './lifecycles/lifecycle.ts';

/**
 * The periods of a case (case_deadlines): opened by a step, met, ended or moved, each write recorded. Reads
 * take the scope they are given; a write of a period is scoped by the period's (or the case's) agency.
 */

export type DeadlineRow = Row<'case_deadlines'>;

/** The case's suspensions as typed exclusions (a suspension stored before 0018 is `other`). */
export function exclusionsOf(kase: CaseRow) {
  return kase.suspensions.map((s) => {
    const kind = suspensionKindOf(s);
    return { from: s.from, to: s.to, kind, reason: exclusionOfSuspension(kind) };
  });
}

/** What changes a period of this case: its approved extensions and the suspensions it honours. */
export function periodFactsOf(kase: CaseRow, code: CaseDeadlineCode): PeriodFacts {
  return {
    extensions: kase.extensions[code] ?? 0,
    deliberatedDays: code === 'decision' ? kase.deliberated_days : 0,
    exclusions: [
      ...exclusionsOf(kase),
      // 行政许可法 §45: hearing, testing and the other typed time, in the licensing decision period only
      ...(code === 'licensing_decision'
        ? licensingExclusionsOf(kase.excluded_time as LicensingExclusion[])
        : []),
    ],
  };
}

export async function openDeadline(
  ctx: CommandContext,
  cal: WorkingCalendar,
  kase: CaseRow,
  code: CaseDeadlineCode,
  on: string,
  eventId: string,
): Promise<void> {
  const due = caseDeadlineDue(cal, code, on, periodFactsOf(kase, code));
  const row = await ctx.trx
    .insertInto('case_deadlines')
    .values({
      id: newId(),
      agency_id: kase.agency_id,
      case_id: kase.id,
      code,
      opened_on: on,
      opened_by: eventId,
      due_on: due.date,
      warnings: JSON.stringify(due.warnings),
      met_on: null,
      met_by: null,
      updated_at: ctx.now,
    })
    .onConflict((oc) => oc.columns(['agency_id', 'case_id', 'code']).where('met_on', 'is', null).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) return; // already running (e.g. reopened after a return from review)
  await ctx.record({
    kind: 'cases.deadline_opened',
    agencyId: kase.agency_id,
    subjectType: 'case_deadline',
    subjectId: row.id,
    record: row,
  });
}

/** The case's running period of this code, if one runs. */
export async function openDeadlineOf(
  db: Reader,
  scope: AgencyScope,
  caseId: string,
  code: CaseDeadlineCode,
): Promise<DeadlineRow | undefined> {
  return db
    .selectFrom('case_deadlines')
    .selectAll()
    .where('case_id', '=', caseId)
    .where(inScope('agency_id', scope))
    .where('code', '=', code)
    .where('met_on', 'is', null)
    .executeTakeFirst();
}

/** The case's running periods by code (at most one of a code is open at a time), in one read. */
export async function openDeadlinesOf(
  db: Reader,
  scope: AgencyScope,
  caseId: string,
): Promise<Map<string, Row<'case_deadlines'>>> {
  const rows = await db
    .selectFrom('case_deadlines')
    .selectAll()
    .where('case_id', '=', caseId)
    .where(inScope('agency_id', scope))
    .where('met_on', 'is', null)
    .execute();
  const open = new Map<string, Row<'case_deadlines'>>();
  for (const r of rows) if (!open.has(r.code)) open.set(r.code, r);
  return open;
}

export async function meetDeadline(
  ctx: CommandContext,
  deadline: Row<'case_deadlines'>,
  on: string,
  eventId: string,
): Promise<void> {
  const row = await ctx.trx
    .updateTable('case_deadlines')
    .set({ met_on: on, met_by: eventId, late: on > deadline.due_on, updated_at: ctx.now })
    .where('id', '=', deadline.id)
    .where('agency_id', '=', deadline.agency_id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'cases.deadline_met',
    agencyId: row.agency_id,
    subjectType: 'case_deadline',
    subjectId: row.id,
    record: row,
    changes: ['met_on', 'met_by', 'late'],
  });
}

/**
 * Ends a running period because the case left the procedure (移送、终止调查): dated, pointing at the step,
 * never late (the period did not run out: it stopped applying).
 */
export async function endDeadline(
  ctx: CommandContext,
  deadline: Row<'case_deadlines'>,
  on: string,
  eventId: string,
  reason: string,
): Promise<void> {
  const row = await ctx.trx
    .updateTable('case_deadlines')
    .set({ met_on: on, met_by: eventId, late: false, ended_reason: reason, updated_at: ctx.now })
    .where('id', '=', deadline.id)
    .where('agency_id', '=', deadline.agency_id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'cases.deadline_ended',
    agencyId: row.agency_id,
    subjectType: 'case_deadline',
    subjectId: row.id,
    record: row,
    changes: ['met_on', 'met_by', 'late', 'ended_reason'],
  });
}

/** Recomputes the last day of every running period of the case after a suspension or an extension. */
export async function recomputeDeadlines(
  ctx: CommandContext,
  cal: WorkingCalendar,
  kase: CaseRow,
): Promise<void> {
  const open = await ctx.trx
    .selectFrom('case_deadlines')
    .selectAll()
    .where('case_id', '=', kase.id)
    .where('agency_id', '=', kase.agency_id)
    .where('met_on', 'is', null)
    .execute();
  for (const d of open) {
    const code = d.code as CaseDeadlineCode;
    // The party's payment and the execution periods run whatever the case's suspensions and extensions
    // (an approved deferral moves the payment's last day itself: payment-plan.service.ts).
    if (executionPeriods.has(code)) continue;
    const due = caseDeadlineDue(cal, code, d.opened_on, periodFactsOf(kase, code));
    if (due.date === d.due_on) continue;
    const row = await ctx.trx
      .updateTable('case_deadlines')
      .set({ due_on: due.date, warnings: JSON.stringify(due.warnings), updated_at: ctx.now })
      .where('id', '=', d.id)
      .where('agency_id', '=', d.agency_id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.record({
      kind: 'cases.deadline_moved',
      agencyId: row.agency_id,
      subjectType: 'case_deadline',
      subjectId: row.id,
      record: row,
      changes: ['due_on', 'warnings'],
    });
  }
}

/** Moves the last day of a running period (an approved plan, the next instalment) and records it. */
export async function moveDeadline(ctx: CommandContext, deadline: DeadlineRow, dueOn: string) {
  if (deadline.met_on !== null || deadline.due_on === dueOn) return;
  const row = await ctx.trx
    .updateTable('case_deadlines')
    .set({ due_on: dueOn, updated_at: ctx.now })
    .where('id', '=', deadline.id)
    .where('agency_id', '=', deadline.agency_id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'cases.deadline_moved',
    agencyId: row.agency_id,
    subjectType: 'case_deadline',
    subjectId: row.id,
    record: row,
    changes: ['due_on'],
  });
}

/** The case's latest period of this code, running or not (the payment period: opened on service). */
export async function latestDeadlineOf(
  db: Reader,
  scope: AgencyScope,
  caseId: string,
  code: CaseDeadlineCode,
): Promise<DeadlineRow | undefined> {
  return db
    .selectFrom('case_deadlines')
    .selectAll()
    .where('case_id', '=', caseId)
    .where(inScope('agency_id', scope))
    .where('code', '=', code)
    .orderBy('opened_on', 'desc')
    .executeTakeFirst();
}

/** Every period of the case, running or not, in the order they opened (the case page). */
export async function deadlinesOfCase(
  db: Reader,
  scope: AgencyScope,
  caseId: string,
): Promise<DeadlineRow[]> {
  return db
    .selectFrom('case_deadlines')
    .selectAll()
    .where('case_id', '=', caseId)
    .where(inScope('agency_id', scope))
    .orderBy('opened_on')
    .orderBy('id')
    .execute();
}

/** The running periods of these cases, earliest last day first (the tasks' next period). */
export async function runningDeadlinesOfCases(
  db: Reader,
  scope: AgencyScope,
  caseIds: readonly string[],
): Promise<DeadlineRow[]> {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('case_deadlines')
    .selectAll()
    .where('case_id', 'in', [...caseIds])
    .where(inScope('agency_id', scope))
    .where('met_on', 'is', null)
    .orderBy('due_on')
    .execute();
}
