import type { Transaction } from 'kysely';
import { assertUnitOf } from '../org/agencies.service.ts';
import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import { authorize, permits, readableAgencies } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB } from '../platform/db/schema.ts';
import { changedFields, duplicateField } from '../platform/db/writes.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { recordsPolicy } from './records.policy.ts';
import { checkOutProblem, statusChangeProblem } from './recorders.rules.ts';
import type {
  CheckOutInput,
  Loan,
  Recorder,
  RecorderInput,
  RecorderPatch,
  RecordersQuery,
} from './recorders.schema.ts';

/** The AV device registry: devices, and their check-out to and check-in from officers (S-8.2). */

type Reader = Db | Transaction<DB>;

const recorderUniques = { recorders_agency_id_serial_key: 'body.serial' };

/** Devices with their unit and current holder (the open loan). */
const withHolder = (db: Reader) =>
  db
    .selectFrom('recorders')
    .leftJoin('units', 'units.id', 'recorders.unit_id')
    .leftJoin('recorder_loans as loan', (join) =>
      join.onRef('loan.recorder_id', '=', 'recorders.id').on('loan.checked_in_at', 'is', null),
    )
    .leftJoin('people as officer', 'officer.id', 'loan.officer_id')
    .selectAll('recorders')
    .select([
      'units.name as unit_name',
      'loan.id as loan_id',
      'loan.officer_id',
      'loan.checked_out_at',
      'officer.name as officer_name',
    ]);

type RecorderRow = Awaited<ReturnType<ReturnType<typeof withHolder>['executeTakeFirstOrThrow']>>;

const toRecorder = (r: RecorderRow): Recorder => ({
  id: r.id,
  agencyId: r.agency_id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  serial: r.serial,
  model: r.model,
  kind: r.kind,
  status: r.status,
  holder:
    r.loan_id && r.officer_id && r.checked_out_at
      ? {
          loanId: r.loan_id,
          officerId: r.officer_id,
          officerName: r.officer_name ?? '',
          since: r.checked_out_at.toISOString(),
        }
      : null,
});

export async function listRecorders(
  deps: CommandDeps,
  principal: Principal,
  query: RecordersQuery,
): Promise<{ items: Recorder[]; total: number }> {
  const agencies = query.agencyId
    ? [query.agencyId]
    : readableAgencies(principal, recordsPolicy.readRecorders);
  for (const id of agencies) authorize(principal, recordsPolicy.readRecorders, id);
  if (agencies.length === 0) return { items: [], total: 0 };
  let q = withHolder(deps.db).where('recorders.agency_id', 'in', agencies);
  if (query.status) q = q.where('recorders.status', '=', query.status);
  if (query.unitId) q = q.where('recorders.unit_id', '=', query.unitId);
  if (query.holderId) q = q.where('loan.officer_id', '=', query.holderId);
  if (query.q) {
    const like = `%${query.q}%`;
    q = q.where((eb) => eb.or([eb('recorders.serial', 'like', like), eb('recorders.model', 'like', like)]));
  }
  const { total } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('recorders.serial')
    .orderBy('recorders.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: rows.map(toRecorder), total: Number(total) };
}

async function loadRecorder(db: Reader, id: string): Promise<Recorder> {
  const row = await withHolder(db).where('recorders.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return toRecorder(row);
}

export async function getRecorder(
  deps: CommandDeps,
  principal: Principal,
  id: string,
): Promise<{ recorder: Recorder; loans: Loan[] }> {
  const recorder = await loadRecorder(deps.db, id);
  authorize(principal, recordsPolicy.readRecorders, recorder.agencyId);
  const loans = await deps.db
    .selectFrom('recorder_loans')
    .innerJoin('people', 'people.id', 'recorder_loans.officer_id')
    .selectAll('recorder_loans')
    .select('people.name as officer_name')
    .where('recorder_id', '=', id)
    .orderBy('checked_out_at', 'desc')
    .orderBy('recorder_loans.id', 'desc')
    .execute();
  return {
    recorder,
    loans: loans.map((l) => ({
      id: l.id,
      recorderId: l.recorder_id,
      officerId: l.officer_id,
      officerName: l.officer_name,
      checkedOutAt: l.checked_out_at.toISOString(),
      checkedOutBy: l.checked_out_by,
      outNote: l.out_note,
      checkedInAt: l.checked_in_at ? l.checked_in_at.toISOString() : null,
      checkedInBy: l.checked_in_by,
      inNote: l.in_note,
    })),
  };
}

export async function registerRecorder(
  deps: CommandDeps,
  principal: Principal,
  input: RecorderInput,
): Promise<Recorder> {
  const agencyId = principal.agencyId;
  authorize(principal, recordsPolicy.manageRecorders, agencyId);
  await assertUnitOf(deps.db, agencyId, input.unitId, 'body.unitId');
  const id = await duplicateField(recorderUniques, () =>
    runCommand(deps, actorOf(principal), async (ctx) => {
      const row = await ctx.trx
        .insertInto('recorders')
        .values({
          id: newId(),
          agency_id: agencyId,
          unit_id: input.unitId,
          serial: input.serial,
          model: input.model,
          kind: input.kind,
          status: 'in_service',
          created_at: ctx.now,
          updated_at: ctx.now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await ctx.record({
        kind: 'records.recorder_registered',
        agencyId,
        subjectType: 'recorder',
        subjectId: row.id,
        record: row,
      });
      return row.id;
    }),
  );
  return loadRecorder(deps.db, id);
}

async function agencyOf(db: Reader, id: string): Promise<string> {
  const row = await db.selectFrom('recorders').select('agency_id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row.agency_id;
}

async function openLoan(db: Reader, recorderId: string) {
  return db
    .selectFrom('recorder_loans')
    .selectAll()
    .where('recorder_id', '=', recorderId)
    .where('checked_in_at', 'is', null)
    .executeTakeFirst();
}

export async function updateRecorder(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  patch: RecorderPatch,
): Promise<Recorder> {
  const agencyId = await agencyOf(deps.db, id);
  authorize(principal, recordsPolicy.manageRecorders, agencyId);
  if (patch.unitId !== undefined) await assertUnitOf(deps.db, agencyId, patch.unitId, 'body.unitId');
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const before = await ctx.trx
      .selectFrom('recorders')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (patch.status) {
      const problem = statusChangeProblem(
        before.status,
        patch.status,
        (await openLoan(ctx.trx, id)) !== undefined,
      );
      if (problem) throw new AppError('RECORDER_UNAVAILABLE', { detail: problem });
    }
    const after = await ctx.trx
      .updateTable('recorders')
      .set({
        model: patch.model,
        kind: patch.kind,
        unit_id: patch.unitId,
        status: patch.status,
        updated_at: ctx.now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.record({
      kind: 'records.recorder_updated',
      agencyId,
      subjectType: 'recorder',
      subjectId: id,
      record: after,
      changes: changedFields(before, after),
    });
  });
  return loadRecorder(deps.db, id);
}

/** Managers issue devices to anyone; an officer may take one for, and return one from, themselves. */
function authorizeLoan(principal: Principal, agencyId: string, officerId: string): void {
  if (officerId === principal.personId && permits(principal, recordsPolicy.borrowRecorder, agencyId)) return;
  authorize(principal, recordsPolicy.manageRecorders, agencyId);
}

export async function checkOutRecorder(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: CheckOutInput,
): Promise<Recorder> {
  const agencyId = await agencyOf(deps.db, id);
  const officerId = input.officerId ?? principal.personId;
  authorizeLoan(principal, agencyId, officerId);
  const officer = await deps.db
    .selectFrom('people')
    .select('id')
    .where('id', '=', officerId)
    .where('agency_id', '=', agencyId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!officer) throw fieldError('VALIDATION_FAILED', 'body.officerId', '领用人须为本机关在职人员');
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const recorder = await ctx.trx
      .selectFrom('recorders')
      .select('status')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const problem = checkOutProblem(recorder.status, (await openLoan(ctx.trx, id)) !== undefined);
    if (problem) throw new AppError('RECORDER_UNAVAILABLE', { detail: problem });
    const loan = await ctx.trx
      .insertInto('recorder_loans')
      .values({
        id: newId(),
        agency_id: agencyId,
        recorder_id: id,
        officer_id: officerId,
        checked_out_at: ctx.now,
        checked_out_by: ctx.actor.personId,
        out_note: input.note,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.record({
      kind: 'records.recorder_checked_out',
      agencyId,
      subjectType: 'recorder_loan',
      subjectId: loan.id,
      record: loan,
    });
  });
  return loadRecorder(deps.db, id);
}

export async function checkInRecorder(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: { note: string },
): Promise<Recorder> {
  const agencyId = await agencyOf(deps.db, id);
  authorize(principal, recordsPolicy.readRecorders, agencyId);
  const open = await openLoan(deps.db, id);
  if (!open) throw new AppError('RECORDER_UNAVAILABLE', { detail: '设备未被领用，无需归还' });
  authorizeLoan(principal, agencyId, open.officer_id);
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const loan = await ctx.trx
      .updateTable('recorder_loans')
      .set({ checked_in_at: ctx.now, checked_in_by: ctx.actor.personId, in_note: input.note })
      .where('id', '=', open.id)
      .where('checked_in_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!loan) throw new AppError('RECORDER_UNAVAILABLE', { detail: '设备已归还' });
    await ctx.record({
      kind: 'records.recorder_checked_in',
      agencyId,
      subjectType: 'recorder_loan',
      subjectId: loan.id,
      record: loan,
      changes: ['checked_in_at', 'checked_in_by', 'in_note'],
    });
  });
  return loadRecorder(deps.db, id);
}
