import type { Transaction } from 'kysely';
import { assertUnitOf } from '../org/agencies.service.ts';
import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import { authorize, permits, readableAgencies, type Rule } from '../platform/auth/policy.ts';
import { agenciesScope, ownAgency, readScopeOf, type AgencyScope } from '../platform/db/agency-scope.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB } from '../platform/db/schema.ts';
import { changedFields, duplicateField } from '../platform/db/writes.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { recordsPolicy } from './records.policy.ts';
import { checkOutProblem, statusChangeProblem } from './recorders.rules.ts';
import {
  closeLoan,
  findRecorders,
  insertLoan,
  insertRecorder,
  isActivePerson,
  loansOf,
  lockRecorder,
  openLoan,
  recorderAgency,
  recorderById,
  updateRecorderRow,
  type RecorderRow,
} from './recorders.store.ts';
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
  const { rows, total } = await findRecorders(deps.db, agenciesScope(agencies), query);
  return { items: rows.map(toRecorder), total };
}

async function loadRecorder(db: Reader, scope: AgencyScope, id: string): Promise<Recorder> {
  const row = await recorderById(db, scope, id);
  if (!row) throw new AppError('NOT_FOUND');
  return toRecorder(row);
}

export async function getRecorder(
  deps: CommandDeps,
  principal: Principal,
  id: string,
): Promise<{ recorder: Recorder; loans: Loan[] }> {
  const recorder = await loadRecorder(deps.db, reachOf(principal, recordsPolicy.readRecorders), id);
  authorize(principal, recordsPolicy.readRecorders, recorder.agencyId);
  const loans = await loansOf(deps.db, ownAgency(recorder.agencyId), id);
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
      const row = await insertRecorder(ctx.trx, ownAgency(agencyId), {
        id: newId(),
        unit_id: input.unitId,
        serial: input.serial,
        model: input.model,
        kind: input.kind,
        status: 'in_service',
        created_at: ctx.now,
        updated_at: ctx.now,
      });
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
  return loadRecorder(deps.db, ownAgency(agencyId), id);
}

/** The agencies the principal reaches under the rule: 403 when none, so an id outside answers 404. */
function reachOf(principal: Principal, rule: Rule): AgencyScope {
  const scope = readScopeOf(principal, rule);
  if (scope.agencyIds.length === 0) throw new AppError('FORBIDDEN');
  return scope;
}

/** The agency of a recorder the principal reaches under the rule (404 for another agency's). */
async function agencyOf(db: Reader, principal: Principal, rule: Rule, id: string): Promise<string> {
  const agencyId = await recorderAgency(db, reachOf(principal, rule), id);
  if (!agencyId) throw new AppError('NOT_FOUND');
  return agencyId;
}

export async function updateRecorder(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  patch: RecorderPatch,
): Promise<Recorder> {
  const agencyId = await agencyOf(deps.db, principal, recordsPolicy.manageRecorders, id);
  authorize(principal, recordsPolicy.manageRecorders, agencyId);
  const own = ownAgency(agencyId);
  if (patch.unitId !== undefined) await assertUnitOf(deps.db, agencyId, patch.unitId, 'body.unitId');
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const before = await lockRecorder(ctx.trx, own, id);
    if (patch.status) {
      const problem = statusChangeProblem(
        before.status,
        patch.status,
        (await openLoan(ctx.trx, own, id)) !== undefined,
      );
      if (problem) throw new AppError('RECORDER_UNAVAILABLE', { detail: problem });
    }
    const after = await updateRecorderRow(ctx.trx, own, id, {
      model: patch.model,
      kind: patch.kind,
      unit_id: patch.unitId,
      status: patch.status,
      updated_at: ctx.now,
    });
    await ctx.record({
      kind: 'records.recorder_updated',
      agencyId,
      subjectType: 'recorder',
      subjectId: id,
      record: after,
      changes: changedFields(before, after),
    });
  });
  return loadRecorder(deps.db, ownAgency(agencyId), id);
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
  const agencyId = await agencyOf(deps.db, principal, recordsPolicy.readRecorders, id);
  const own = ownAgency(agencyId);
  const officerId = input.officerId ?? principal.personId;
  authorizeLoan(principal, agencyId, officerId);
  if (!(await isActivePerson(deps.db, own, officerId)))
    throw fieldError('VALIDATION_FAILED', 'body.officerId', '领用人须为本机关在职人员');
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const recorder = await lockRecorder(ctx.trx, own, id);
    const problem = checkOutProblem(recorder.status, (await openLoan(ctx.trx, own, id)) !== undefined);
    if (problem) throw new AppError('RECORDER_UNAVAILABLE', { detail: problem });
    const loan = await insertLoan(ctx.trx, own, {
      id: newId(),
      recorder_id: id,
      officer_id: officerId,
      checked_out_at: ctx.now,
      checked_out_by: ctx.actor.personId,
      out_note: input.note,
    });
    await ctx.record({
      kind: 'records.recorder_checked_out',
      agencyId,
      subjectType: 'recorder_loan',
      subjectId: loan.id,
      record: loan,
    });
  });
  return loadRecorder(deps.db, ownAgency(agencyId), id);
}

export async function checkInRecorder(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: { note: string },
): Promise<Recorder> {
  const agencyId = await agencyOf(deps.db, principal, recordsPolicy.readRecorders, id);
  authorize(principal, recordsPolicy.readRecorders, agencyId);
  const own = ownAgency(agencyId);
  const open = await openLoan(deps.db, own, id);
  if (!open) throw new AppError('RECORDER_UNAVAILABLE', { detail: '设备未被领用，无需归还' });
  authorizeLoan(principal, agencyId, open.officer_id);
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const loan = await closeLoan(ctx.trx, own, open.id, {
      checked_in_at: ctx.now,
      checked_in_by: ctx.actor.personId,
      in_note: input.note,
    });
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
  return loadRecorder(deps.db, ownAgency(agencyId), id);
}
