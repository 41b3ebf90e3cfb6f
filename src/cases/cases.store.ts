import type { Transaction } from 'kysely';
import type { CommandContext } from '../platform/audit/command.ts';
import { chinaDate } from '../platform/clock.ts';
import { inScope, type AgencyScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, NewRow, Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { ProposedSanction as CaseSanction } from './hearing-right.rules.ts';
import type { StoredSuspension } from './excluded-time.rules.ts';
import type { LicensingExclusion } from './licensing.rules.ts';
import type { LifecycleKind } from './lifecycles/lifecycle.ts';

/**
 * The case rows and their events (issue 11: the one module of the cases area that knows their SQL): lock
 * the case at the version the client saw, write it back one version on, append its events, number it.
 * Each row written is recorded with its subject type (record-log/subject-tables.ts), so `sanxiang verify`
 * checks the case tables too. Every statement is scoped: a read by the scope it is given, a write of a row
 * by that row's agency. The periods are in case-deadlines.store.ts, parties in case-parties.store.ts,
 * officers in case-officers.store.ts.
 */

export type CaseRow = Row<'cases'>;
export type Reader = Db | Transaction<DB>;

/** The case with this id within the scope, if any. */
export async function caseIn(db: Reader, scope: AgencyScope, id: string): Promise<CaseRow | undefined> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();
}

/** The case of the agency locked for this transaction, whatever its version (404 if it is not the agency's). */
export async function lockOwnCase(ctx: CommandContext, scope: OwnAgency, id: string): Promise<CaseRow> {
  const row = await ctx.trx
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', id)
    .where('agency_id', '=', scope.agencyId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * The case locked for this transaction. A version other than the one the client saw means someone else
 * changed the case since: the command stops before writing anything (409, nothing half-written).
 */
export async function lockCase(
  ctx: CommandContext,
  scope: OwnAgency,
  id: string,
  expectedVersion: number,
): Promise<CaseRow> {
  const row = await lockOwnCase(ctx, scope, id);
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
    .where('agency_id', '=', before.agency_id)
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
    .where('agency_id', '=', kase.agency_id)
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

/** The steps must follow one another in time: the day of the case's last event, if any. */
export async function lastEventDay(db: Reader, scope: AgencyScope, caseId: string): Promise<string | null> {
  const row = await db
    .selectFrom('case_events')
    .select((eb) => eb.fn.max('on_date').as('on'))
    .where('case_id', '=', caseId)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();
  return (row?.on as string | null | undefined) ?? null;
}

/** The case's latest event of one of these steps or actions (e.g. the hearing's request, the suspension). */
export async function latestEventOf(
  db: Reader,
  scope: AgencyScope,
  caseId: string,
  of: { steps: readonly string[] } | { action: string },
): Promise<Row<'case_events'> | undefined> {
  let q = db
    .selectFrom('case_events')
    .selectAll()
    .where('case_id', '=', caseId)
    .where(inScope('agency_id', scope));
  q = 'steps' in of ? q.where('step', 'in', [...of.steps]) : q.where('action', '=', of.action);
  return q.orderBy('seq', 'desc').executeTakeFirst();
}

/** The case's events of these steps, in order (the payment panel's execution). */
export async function eventsOfSteps(
  db: Reader,
  scope: AgencyScope,
  caseId: string,
  steps: readonly string[],
): Promise<Pick<Row<'case_events'>, 'step' | 'on_date' | 'details' | 'late_reason'>[]> {
  return db
    .selectFrom('case_events')
    .select(['step', 'on_date', 'details', 'late_reason'])
    .where('case_id', '=', caseId)
    .where(inScope('agency_id', scope))
    .where('step', 'in', [...steps])
    .orderBy('seq')
    .execute();
}

/** Inserts a new case row of the agency (the caller records it). */
export async function insertCaseRow(
  ctx: CommandContext,
  scope: OwnAgency,
  values: Omit<NewRow<'cases'>, 'agency_id'>,
): Promise<CaseRow> {
  return ctx.trx
    .insertInto('cases')
    .values({ ...values, agency_id: scope.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The agency's short name (for case numbers); `agencies` is the instance's list, not a business table. */
export async function agencyOf(ctx: CommandContext, scope: OwnAgency) {
  return ctx.trx
    .selectFrom('agencies')
    .select(['id', 'short_name'])
    .where('id', '=', scope.agencyId)
    .executeTakeFirstOrThrow();
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
