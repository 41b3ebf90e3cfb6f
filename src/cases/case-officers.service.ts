import type { Actor, CommandContext, CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/clock.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { actRefusalMessages, mayActWithAny } from '../org/certificate.rules.ts';
import { onCase, refuseFinal } from './case-command.ts';
import {
  certificateFactsOfPeople,
  insertOfficerRow,
  officerOf,
  personOfAgency,
  writeDeclaration,
  writeRecusal,
  type OfficerRow,
} from './case-officers.store.ts';
import type { CaseDetail } from './case-view.ts';
import { casesPolicy } from './cases.policy.ts';
import { appendEvent, writeCase, type CaseRow } from './cases.store.ts';
import {
  pendingApplicationsOf,
  writeApplicationDecision,
  type RecusalApplicationRow,
} from './recusal.store.ts';

/**
 * A case's officers (行政处罚法 §42, §43): assignment, checked against their certificates; the officer's
 * recusal declaration; the head's decision that an officer steps aside. The party's applications for
 * recusal are recusal.service.ts's.
 */

/**
 * Assigns an officer of the agency to the case, refusing (naming them) one without a certificate valid
 * for the case's field on the day (行政处罚法 §42).
 */
export async function insertOfficer(
  ctx: CommandContext,
  kase: CaseRow,
  personId: string,
  on: string,
  lead: boolean,
  path: string,
): Promise<string> {
  const scope = ownAgency(kase.agency_id);
  const person = await personOfAgency(ctx.trx, scope, personId);
  if (!person || !person.active) {
    throw fieldError('VALIDATION_FAILED', path, '办案人员须为本机关在职人员');
  }
  const certificates = await certificateFactsOfPeople(ctx.trx, scope, [personId]);
  const refusal = mayActWithAny(certificates.get(personId) ?? [], kase.field, on);
  if (refusal) {
    throw new AppError('CASE_OFFICERS_INVALID', {
      detail: `执法人员${person.name}不能办理本案：${actRefusalMessages[refusal]}（${on}）`,
      errors: [{ path, message: `${person.name}：${actRefusalMessages[refusal]}` }],
      extra: { officers: [{ personId, name: person.name, refusal }] },
    });
  }
  const existing = await officerOf(ctx.trx, kase, personId);
  if (existing) throw fieldError('DUPLICATE', path, `${person.name}已是本案办案人员`);
  const row = await insertOfficerRow(ctx, kase, personId, on, lead);
  return row.id;
}

export async function assignOfficer(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: { version: number; personId: string; lead: boolean },
  actor: Actor = actorOf(principal),
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.assign, principal.agencyId);
  return onCase(deps, principal, id, input.version, actor, async (ctx, kase) => {
    refuseFinal(kase);
    const on = chinaDate(ctx.now);
    await insertOfficer(ctx, kase, input.personId, on, input.lead, 'body.personId');
    await appendEvent(ctx, kase, { action: 'officer_assigned', on, officerIds: [input.personId] });
    await writeCase(ctx, kase, {});
  });
}

export async function officerRow(ctx: CommandContext, kase: CaseRow, personId: string) {
  const row = await officerOf(ctx.trx, kase, personId);
  if (!row) throw new AppError('NOT_FOUND', { detail: '该人员不是本案办案人员' });
  return row;
}

/**
 * An officer's recusal declaration (回避声明): no conflict of interest, or a conflict that the agency's
 * head must then decide on (行政处罚法 §43). Only the officer declares for themselves.
 */
export async function declareRecusal(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  personId: string,
  input: { version: number; conflict: boolean; declaration: string },
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.declare, principal.agencyId);
  if (personId !== principal.personId)
    throw new AppError('FORBIDDEN', { detail: '回避声明须由办案人员本人作出' });
  return onCase(deps, principal, id, input.version, actorOf(principal), async (ctx, kase) => {
    const officer = await officerRow(ctx, kase, personId);
    if (officer.recused_at) throw new AppError('CONFLICT', { detail: '已决定回避' });
    await writeDeclaration(ctx, officer, input);
    await appendEvent(ctx, kase, {
      action: 'recusal_declared',
      on: chinaDate(ctx.now),
      officerIds: [personId],
      details: { conflict: input.conflict },
    });
    await writeCase(ctx, kase, {});
  });
}

/**
 * The officer steps aside, by the head's decision (行政处罚法 §43 ¶3; 程序规定 §4 ¶2: 其他有关人员的回避，由
 * 市场监督管理部门负责人决定), on the officer's declaration or the party's application. A party's application
 * still pending is decided with it: granted.
 */
export async function recuse(
  ctx: CommandContext,
  kase: CaseRow,
  officer: OfficerRow,
  reason: string,
): Promise<void> {
  if (officer.recused_at) throw new AppError('CONFLICT', { detail: '已决定回避' });
  await writeRecusal(ctx, officer, reason);
  const pending = await pendingApplicationsOf(ctx.trx, kase, officer.person_id);
  for (const a of pending) await decideApplication(ctx, kase, a.id, true, reason);
  await appendEvent(ctx, kase, {
    action: 'officer_recused',
    on: chinaDate(ctx.now),
    officerIds: [officer.person_id],
    reason,
    details: pending.length ? { applicationIds: pending.map((a) => a.id) } : {},
  });
}

/** Writes the head's decision on a party's application (the caller writes the event). */
export async function decideApplication(
  ctx: CommandContext,
  kase: CaseRow,
  applicationId: string,
  granted: boolean,
  reason: string,
): Promise<RecusalApplicationRow> {
  const row = await writeApplicationDecision(ctx, kase, applicationId, granted, reason);
  if (!row) throw new AppError('CONFLICT', { detail: '该回避申请已作出决定' });
  return row;
}

/** The head decides that an officer steps aside (行政处罚法 §43: 回避由行政机关负责人决定). */
export async function recuseOfficer(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  personId: string,
  input: { version: number; reason: string },
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.recuse, principal.agencyId);
  return onCase(deps, principal, id, input.version, actorOf(principal), async (ctx, kase) => {
    refuseFinal(kase);
    const officer = await officerRow(ctx, kase, personId);
    await recuse(ctx, kase, officer, input.reason);
    await writeCase(ctx, kase, {});
  });
}
