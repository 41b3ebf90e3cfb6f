import { runCommand, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { ownScopeOf, reachScopeOf, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { fieldLabel } from '../org/certificate.rules.ts';
import { inspectionsPolicy } from './inspections.policy.ts';
import { actionOf, targetActionLabels, targetChanges, type TargetFacts } from './targets.rules.ts';
import type { Target, TargetDetail, TargetInput, TargetPatch, TargetQuery } from './targets.schema.ts';
import {
  insertTarget,
  insertTargetEvent,
  lockTarget,
  targetById,
  targetHistory,
  targetsByCreditCode,
  targetsOf,
  updateTarget,
  type TargetRow,
} from './targets.store.ts';

/**
 * The inspection-target directory (市场主体名录库, 国办发〔2015〕58号 (二); issue 15 item 1): targets added,
 * changed, taken out and put back, each a recorded command with its history row. A commitment snapshots
 * the active targets of its field (draw.service.ts).
 */

export const toTarget = (r: TargetRow): Target => ({
  id: r.id,
  creditCode: r.credit_code,
  name: r.name,
  address: r.address,
  field: r.field,
  fieldLabel: fieldLabel(r.field),
  riskGrade: r.risk_grade,
  active: r.active,
  updatedAt: new Date(r.updated_at).toISOString(),
});

const factsOf = (
  r: Pick<TargetRow, 'name' | 'address' | 'field' | 'risk_grade' | 'active'>,
): TargetFacts => ({
  name: r.name,
  address: r.address,
  field: r.field,
  riskGrade: r.risk_grade,
  active: r.active,
});

export async function listTargets(db: Db, principal: Principal, query: TargetQuery): Promise<Target[]> {
  authorize(principal, inspectionsPolicy.read, principal.agencyId);
  return (await targetsOf(db, reachScopeOf(principal, inspectionsPolicy.read), query)).map(toTarget);
}

export async function getTarget(db: Db, principal: Principal, id: string): Promise<TargetDetail> {
  const scope = reachScopeOf(principal, inspectionsPolicy.read);
  const row = await targetById(db, scope, id);
  if (!row) throw new AppError('NOT_FOUND', { detail: '名录库中没有该检查对象' });
  authorize(principal, inspectionsPolicy.read, row.agency_id);
  const history = await targetHistory(db, scope, id);
  return {
    ...toTarget(row),
    history: history.map((e) => ({
      action: e.action,
      actionLabel: targetActionLabels[e.action],
      changes: e.changes,
      reason: e.reason,
      actorName: e.actor_name,
      at: new Date(e.at).toISOString(),
    })),
  };
}

/** Adds a target inside a command (the import adds many in one). */
export async function addTargetIn(
  ctx: CommandContext,
  scope: OwnAgency,
  input: TargetInput,
  path = 'body.creditCode',
): Promise<TargetRow> {
  const [existing] = await targetsByCreditCode(ctx.trx, scope, [input.creditCode]);
  if (existing) throw fieldError('DUPLICATE', path, `统一社会信用代码 ${input.creditCode} 已在名录库中`);
  const row: TargetRow = {
    id: newId(),
    agency_id: scope.agencyId,
    credit_code: input.creditCode,
    name: input.name,
    address: input.address,
    field: input.field,
    risk_grade: input.riskGrade,
    active: true,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
  await insertTarget(ctx.trx, row);
  await writeHistory(ctx, scope, row, null, factsOf(row), null);
  return row;
}

/** Changes a target inside a command; answers whether anything changed. */
export async function changeTargetIn(
  ctx: CommandContext,
  scope: OwnAgency,
  before: TargetRow,
  patch: Omit<TargetPatch, 'reason'>,
  reason: string | null,
): Promise<TargetRow> {
  const after: TargetFacts = {
    name: patch.name ?? before.name,
    address: patch.address ?? before.address,
    field: patch.field ?? before.field,
    riskGrade: patch.riskGrade ?? before.risk_grade,
    active: patch.active ?? before.active,
  };
  const row: TargetRow = {
    ...before,
    name: after.name,
    address: after.address,
    field: after.field,
    risk_grade: after.riskGrade as TargetRow['risk_grade'],
    active: after.active,
    updated_at: ctx.now,
  };
  if (targetChanges(factsOf(before), after).length === 0) return before;
  await updateTarget(ctx.trx, scope, before.id, {
    name: row.name,
    address: row.address,
    field: row.field,
    risk_grade: row.risk_grade,
    active: row.active,
    updated_at: ctx.now,
  });
  await writeHistory(ctx, scope, row, factsOf(before), after, reason);
  return row;
}

async function writeHistory(
  ctx: CommandContext,
  scope: OwnAgency,
  row: TargetRow,
  before: TargetFacts | null,
  after: TargetFacts,
  reason: string | null,
): Promise<void> {
  const changes = targetChanges(before, after);
  const action = actionOf(before, after);
  const eventId = await ctx.record({
    kind: `inspection.target_${action}`,
    agencyId: scope.agencyId,
    subjectType: 'inspection_target',
    subjectId: row.id,
    record: { creditCode: row.credit_code, ...after, reason },
    changes: changes.map((c) => c.field),
  });
  await insertTargetEvent(ctx.trx, {
    id: newId(),
    agency_id: scope.agencyId,
    target_id: row.id,
    action,
    changes,
    reason,
    event_id: eventId,
    actor_id: ctx.actor.personId,
    at: ctx.now,
  });
}

export async function addTarget(
  deps: CommandDeps,
  principal: Principal,
  input: TargetInput,
): Promise<TargetDetail> {
  authorize(principal, inspectionsPolicy.manageTargets, principal.agencyId);
  const scope = ownScopeOf(principal);
  const row = await runCommand(deps, actorOf(principal), (ctx) => addTargetIn(ctx, scope, input));
  return getTarget(deps.db, principal, row.id);
}

export async function changeTarget(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  patch: TargetPatch,
): Promise<TargetDetail> {
  authorize(principal, inspectionsPolicy.manageTargets, principal.agencyId);
  const scope = ownScopeOf(principal);
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const before = await lockTarget(ctx.trx, scope, id);
    if (!before) throw new AppError('NOT_FOUND', { detail: '名录库中没有该检查对象' });
    const { reason, ...facts } = patch;
    const after = await changeTargetIn(ctx, scope, before, facts, reason);
    if (after === before) throw new AppError('BAD_REQUEST', { detail: '没有要变更的内容' });
  });
  return getTarget(deps.db, principal, id);
}
