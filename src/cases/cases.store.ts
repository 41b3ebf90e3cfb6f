import type { Transaction } from 'kysely';
import type { CommandContext } from '../platform/audit/command.ts';
import type { WorkingCalendar } from '../platform/calendar/working-days.rules.ts';
import { chinaDate } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { CertificateFacts } from '../org/certificate.rules.ts';
import { statusChangesOf } from '../org/certificates.service.ts';
import { caseDeadlineDue, executionPeriods, type PeriodFacts } from './case-deadlines.rules.ts';
import type { ProposedSanction as CaseSanction } from './hearing-right.rules.ts';
import { exclusionOfSuspension, suspensionKindOf, type StoredSuspension } from './excluded-time.rules.ts';
import type { AssignedOfficer } from './lifecycle.rules.ts';
import { licensingExclusionsOf, type LicensingExclusion } from './licensing.rules.ts';
import type { CaseDeadlineCode, LifecycleKind } from './lifecycles/lifecycle.ts';

/**
 * The writes every case command shares, inside a running command (`runCommand`): lock the case at the
 * version the client saw, write it back one version on, append its events, open and meet its periods.
 * Each row written is recorded with its subject type (record-log/subject-tables.ts), so `sanxiang verify`
 * checks the case tables too.
 */

export type CaseRow = Row<'cases'>;
type Reader = Db | Transaction<DB>;

/**
 * The case locked for this transaction. A version other than the one the client saw means someone else
 * changed the case since: the command stops before writing anything (409, nothing half-written).
 */
export async function lockCase(
  ctx: CommandContext,
  agencyId: string,
  id: string,
  expectedVersion: number,
): Promise<CaseRow> {
  const row = await ctx.trx
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.agency_id !== agencyId) throw new AppError('NOT_FOUND');
  if (row.version !== expectedVersion) {
    throw new AppError('CASE_VERSION_CONFLICT', {
      detail: `案件 ${row.case_number} 已被他人修改（当前版本 ${row.version}，您提交的是版本 ${expectedVersion}），请刷新后重试`,
      extra: { currentVersion: row.version },
    });
  }
  return row;
}

export type CaseChanges = Partial<
  Omit<
    CaseRow,
    | 'id'
    | 'agency_id'
    | 'version'
    | 'created_at'
    | 'major_reasons'
    | 'suspensions'
    | 'extensions'
    | 'proposed_sanctions'
    | 'sanctions'
    | 'hearing_right_grounds'
    | 'excluded_time'
  >
> & {
  major_reasons?: string[];
  proposed_sanctions?: CaseSanction[];
  sanctions?: CaseSanction[];
  hearing_right_grounds?: string[];
  suspensions?: StoredSuspension[];
  extensions?: Record<string, number>;
  excluded_time?: LicensingExclusion[];
};

/** Writes the case one version on and records it. */
export async function writeCase(
  ctx: CommandContext,
  before: CaseRow,
  changes: CaseChanges,
): Promise<CaseRow> {
  const { major_reasons, suspensions, extensions, excluded_time, ...rest } = changes;
  const { proposed_sanctions, sanctions, hearing_right_grounds, ...plain } = rest;
  const row = await ctx.trx
    .updateTable('cases')
    .set({
      ...plain,
      ...(major_reasons ? { major_reasons: JSON.stringify(major_reasons) } : {}),
      ...(suspensions ? { suspensions: JSON.stringify(suspensions) } : {}),
      ...(extensions ? { extensions: JSON.stringify(extensions) } : {}),
      ...(proposed_sanctions ? { proposed_sanctions: JSON.stringify(proposed_sanctions) } : {}),
      ...(sanctions ? { sanctions: JSON.stringify(sanctions) } : {}),
      ...(hearing_right_grounds ? { hearing_right_grounds: JSON.stringify(hearing_right_grounds) } : {}),
      ...(excluded_time ? { excluded_time: JSON.stringify(excluded_time) } : {}),
      version: before.version + 1,
      updated_at: ctx.now,
    })
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new AppError('CASE_VERSION_CONFLICT');
  await ctx.record({
    kind: 'cases.case_changed',
    agencyId: row.agency_id,
    subjectType: 'case',
    subjectId: row.id,
    record: row,
    changes: Object.keys(changes),
  });
  return row;
}

export interface NewEvent {
  action: string;
  step?: string | null;
  toState?: string;
  on: string;
  officerIds?: readonly string[];
  reason?: string | null;
  lateReason?: string | null;
  details?: Record<string, unknown>;
  enforcementStepId?: string | null;
}

/** Appends an event to the case's history (the case row is locked, so `seq` has no gaps) and records it. */
export async function appendEvent(
  ctx: CommandContext,
  kase: CaseRow,
  e: NewEvent,
): Promise<Row<'case_events'>> {
  const last = await ctx.trx
    .selectFrom('case_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('case_id', '=', kase.id)
    .executeTakeFirst();
  const row = await ctx.trx
    .insertInto('case_events')
    .values({
      id: newId(),
      agency_id: kase.agency_id,
      case_id: kase.id,
      seq: Number(last?.seq ?? 0) + 1,
      action: e.action,
      step: e.step ?? null,
      from_state: kase.state,
      to_state: e.toState ?? kase.state,
      on_date: e.on,
      at: ctx.now,
      actor_id: ctx.actor.personId,
      officer_ids: JSON.stringify(e.officerIds ?? []),
      reason: e.reason ?? null,
      late_reason: e.lateReason ?? null,
      details: JSON.stringify(e.details ?? {}),
      enforcement_step_id: e.enforcementStepId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: `cases.${e.action}`,
    agencyId: kase.agency_id,
    subjectType: 'case_event',
    subjectId: row.id,
    record: row,
  });
  return row;
}

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

export async function openDeadlineOf(ctx: CommandContext, caseId: string, code: CaseDeadlineCode) {
  return ctx.trx
    .selectFrom('case_deadlines')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('code', '=', code)
    .where('met_on', 'is', null)
    .executeTakeFirst();
}

/** The case's running periods by code (at most one of a code is open at a time), in one read. */
export async function openDeadlinesOf(
  ctx: CommandContext,
  caseId: string,
): Promise<Map<string, Row<'case_deadlines'>>> {
  const rows = await ctx.trx
    .selectFrom('case_deadlines')
    .selectAll()
    .where('case_id', '=', caseId)
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
    .where('met_on', 'is', null)
    .execute();
  for (const d of open) {
    const code = d.code as CaseDeadlineCode;
    // The party's payment and the execution periods run whatever the case's suspensions and extensions
    // (an approved deferral moves the payment's last day itself: payment.service.ts).
    if (executionPeriods.has(code)) continue;
    const due = caseDeadlineDue(cal, code, d.opened_on, periodFactsOf(kase, code));
    if (due.date === d.due_on) continue;
    const row = await ctx.trx
      .updateTable('case_deadlines')
      .set({ due_on: due.date, warnings: JSON.stringify(due.warnings), updated_at: ctx.now })
      .where('id', '=', d.id)
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

/** The letter of each kind in its case numbers (e.g. 衡县市监处案〔2026〕12号). */
const numberPrefix: Readonly<Record<LifecycleKind, string>> = {
  penalty_ordinary: '处',
  penalty_summary: '简',
  licensing: '许',
  coercion: '强',
  inspection: '检',
  levy: '征',
  fee: '费',
};

/** The next case number of the agency's series for the kind and year: no gaps, no duplicates. */
export async function nextCaseNumber(
  ctx: CommandContext,
  agency: { id: string; short_name: string },
  kind: LifecycleKind,
): Promise<string> {
  const year = Number(chinaDate(ctx.now).slice(0, 4));
  const prefix = numberPrefix[kind];
  // The upsert takes the series row's lock: concurrent filings queue here and each gets the next number.
  const { last } = await ctx.trx
    .insertInto('case_number_series')
    .values({ agency_id: agency.id, prefix, year, last: 1 })
    .onConflict((oc) =>
      oc
        .columns(['agency_id', 'prefix', 'year'])
        .doUpdateSet((eb) => ({ last: eb('case_number_series.last', '+', 1) })),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${agency.short_name}${prefix}案〔${year}〕${last}号`;
}

/** The officers assigned to a case with their names and certificates, as the officer check judges them. */
export async function assignedOfficers(db: Reader, caseId: string): Promise<AssignedOfficer[]> {
  const rows = await db
    .selectFrom('case_officers as o')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .select(['o.person_id', 'p.name', 'o.recused_at', 'o.conflict'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('recusal_applications as a')
            .select('a.id')
            .whereRef('a.case_id', '=', 'o.case_id')
            .whereRef('a.person_id', '=', 'o.person_id')
            .where('a.decided_at', 'is', null),
        )
        .as('application_pending'),
    )
    .where('o.case_id', '=', caseId)
    .orderBy('o.assigned_at')
    .execute();
  // Every officer's certificates in one read, and their status changes in another (a step runs this on
  // each command; one read per officer made it the busiest query of a case).
  const certs =
    rows.length === 0
      ? []
      : await db
          .selectFrom('certificates')
          .select(['id', 'person_id', 'fields', 'valid_from', 'valid_to'])
          .where(
            'person_id',
            'in',
            rows.map((r) => r.person_id),
          )
          .execute();
  const changes = await statusChangesOf(
    db,
    certs.map((c) => c.id),
  );
  const factsOf = (personId: string): CertificateFacts[] =>
    certs
      .filter((c) => c.person_id === personId)
      .map((c) => ({
        fields: c.fields,
        validFrom: c.valid_from,
        validTo: c.valid_to,
        statusChanges: changes.get(c.id) ?? [],
      }));
  return rows.map((r) => ({
    personId: r.person_id,
    name: r.name,
    certificates: factsOf(r.person_id),
    recused: r.recused_at !== null,
    declaredConflict: r.conflict === true,
    applicationPending: r.application_pending === true,
  }));
}
