import { runCommand, type Actor, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import { chinaDate } from '../platform/clock.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { Row } from '../platform/db/schema.ts';
import { mayActWithAny, actRefusalMessages } from '../org/certificate.rules.ts';
import { certificateFactsOf } from '../org/certificates.service.ts';
import { caseDeadlineDefs, suspensionInterval } from './case-deadlines.rules.ts';
import { suspensionKindLabels, suspensionKindOf, type SuspensionKind } from './excluded-time.rules.ts';
import { partyTypeOf } from './party.rules.ts';
import { caseDetail, getCase, type CaseDetail } from './cases.queries.ts';
import { casesPolicy } from './cases.policy.ts';
import type { CaseInput, PartyInput } from './cases.schema.ts';
import {
  appendEvent,
  lockCase,
  nextCaseNumber,
  openDeadline,
  openDeadlineOf,
  recomputeDeadlines,
  writeCase,
  type CaseRow,
} from './cases.store.ts';
import { lifecycles } from './lifecycles/index.ts';

/**
 * Commands on a case other than its lifecycle steps (those are in case-steps.service.ts): opening a case,
 * assigning officers, recusal (行政处罚法 §43), suspension and approved extensions of its periods. Each is
 * one transaction through `runCommand`, on the case at the version the client saw.
 */

/** The day a command acts on: the date given, else today in China; never a day still to come. */
export function actingDay(now: Date, on: string | undefined, path = 'body.on'): string {
  const today = chinaDate(now);
  const day = on ?? today;
  if (day > today) throw fieldError('VALIDATION_FAILED', path, `日期不能晚于今天（${today}）`);
  return day;
}

/** The agency's short name (for case numbers), checked to be an enforcement agency. */
async function agencyOf(ctx: CommandContext, agencyId: string) {
  return ctx.trx
    .selectFrom('agencies')
    .select(['id', 'short_name'])
    .where('id', '=', agencyId)
    .executeTakeFirstOrThrow();
}

/**
 * A party as its row stores it. An organisation whose credit code begins with 92 is a 个体工商户 (GB 32100-2015;
 * party.rules.ts `partyTypeOf`) and is stored as one: the law treats it as a natural person (行政处罚法 §51),
 * and the one named as its 法定代表人 is its operator (经营者), whose name is personal data.
 */
export function partyRow(p: PartyInput) {
  const creditCode = p.type === 'person' ? null : (p.creditCode?.toUpperCase() ?? null) || null;
  const type = partyTypeOf(p.type, creditCode);
  if (p.type === 'person') {
    return {
      party_type: type,
      id_number: p.idNumber,
      credit_code: null,
      legal_representative: null,
      operator_name: null,
      corrected: false,
    };
  }
  if (p.type === 'individual_business') {
    return {
      party_type: type,
      id_number: p.idNumber,
      credit_code: creditCode,
      legal_representative: null,
      operator_name: p.operatorName,
      corrected: false,
    };
  }
  const corrected = type === 'individual_business';
  return {
    party_type: type,
    id_number: null,
    credit_code: creditCode,
    legal_representative: corrected ? null : p.legalRepresentative,
    operator_name: corrected ? p.legalRepresentative : null,
    corrected,
  };
}

/** Inserts a party and records it. Personal data goes to its row and the private audit row only. */
export async function insertParty(ctx: CommandContext, kase: CaseRow, p: PartyInput): Promise<void> {
  const { corrected, ...typed } = partyRow(p);
  const row = await ctx.trx
    .insertInto('case_parties')
    .values({
      id: newId(),
      agency_id: kase.agency_id,
      case_id: kase.id,
      name: p.name,
      phone: p.phone,
      address: p.address,
      ...typed,
      created_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'cases.party_added',
    agencyId: kase.agency_id,
    subjectType: 'case_party',
    subjectId: row.id,
    record: corrected ? { ...row, correctedFrom: 'organisation' } : row,
  });
}

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
  const person = await ctx.trx
    .selectFrom('people')
    .select(['id', 'name', 'agency_id', 'active'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person || person.agency_id !== kase.agency_id || !person.active) {
    throw fieldError('VALIDATION_FAILED', path, '办案人员须为本机关在职人员');
  }
  const refusal = mayActWithAny(await certificateFactsOf(ctx.trx, personId), kase.field, on);
  if (refusal) {
    throw new AppError('CASE_OFFICERS_INVALID', {
      detail: `执法人员${person.name}不能办理本案：${actRefusalMessages[refusal]}（${on}）`,
      errors: [{ path, message: `${person.name}：${actRefusalMessages[refusal]}` }],
      extra: { officers: [{ personId, name: person.name, refusal }] },
    });
  }
  const existing = await ctx.trx
    .selectFrom('case_officers')
    .select('id')
    .where('case_id', '=', kase.id)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (existing) throw fieldError('DUPLICATE', path, `${person.name}已是本案办案人员`);
  const row = await ctx.trx
    .insertInto('case_officers')
    .values({
      id: newId(),
      agency_id: kase.agency_id,
      case_id: kase.id,
      person_id: personId,
      lead,
      assigned_on: on,
      assigned_by: ctx.actor.personId,
      assigned_at: ctx.now,
      declared_at: null,
      conflict: null,
      declaration: null,
      recused_at: null,
      recused_by: null,
      recusal_reason: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'cases.officer_assigned',
    agencyId: kase.agency_id,
    subjectType: 'case_officer',
    subjectId: row.id,
    record: row,
  });
  return row.id;
}

export interface NewCaseOptions {
  /** The case this one comes from (an inspection's lead). */
  originCaseId?: string | null;
}

/** Opens a case in its lifecycle's first state, inside a running command. Returns the row. */
export async function insertCase(
  ctx: CommandContext,
  agencyId: string,
  input: CaseInput,
  discoveredOn: string,
  options: NewCaseOptions = {},
): Promise<CaseRow> {
  const lc = lifecycles[input.kind];
  let itemCode: string | null = null;
  if (input.itemId) {
    const item = await ctx.trx
      .selectFrom('power_items')
      .select(['code', 'kind', 'agency_id'])
      .where('id', '=', input.itemId)
      .executeTakeFirst();
    if (!item || item.agency_id !== agencyId) {
      throw fieldError('VALIDATION_FAILED', 'body.itemId', '该事项不在本机关的权责清单中');
    }
    if (item.kind !== lc.actionKind) {
      throw fieldError('VALIDATION_FAILED', 'body.itemId', `该事项不是「${lc.label}」类事项`);
    }
    itemCode = item.code;
  }
  if (input.unitId) {
    const unit = await ctx.trx
      .selectFrom('units')
      .select('agency_id')
      .where('id', '=', input.unitId)
      .executeTakeFirst();
    if (unit?.agency_id !== agencyId)
      throw fieldError('VALIDATION_FAILED', 'body.unitId', '承办机构不属于本机关');
  }
  const agency = await agencyOf(ctx, agencyId);
  const row = await ctx.trx
    .insertInto('cases')
    .values({
      id: newId(),
      agency_id: agencyId,
      kind: input.kind,
      action_kind: lc.actionKind,
      procedure: lc.procedure,
      case_number: await nextCaseNumber(ctx, agency, input.kind),
      title: input.title,
      state: lc.initial,
      item_id: input.itemId,
      item_code: itemCode,
      field: input.field,
      unit_id: input.unitId,
      source: input.source,
      origin_case_id: options.originCaseId ?? null,
      version: 1,
      discovered_on: discoveredOn,
      filed_on: null,
      decided_on: null,
      closed_on: null,
      proposed_amount_fen: null,
      amount_fen: null,
      decision_outcome: null,
      circumstance: null,
      benchmark_outcome: null,
      discretion_reason: null,
      major_reasons: '[]',
      suspended_since: null,
      suspensions: '[]',
      extensions: '{}',
      created_by: ctx.actor.personId,
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'cases.case_created',
    agencyId,
    subjectType: 'case',
    subjectId: row.id,
    record: row,
  });
  for (const p of input.parties) await insertParty(ctx, row, p);
  for (const [i, personId] of input.officerIds.entries()) {
    await insertOfficer(ctx, row, personId, discoveredOn, i === 0, `body.officerIds.${i}`);
  }
  const event = await appendEvent(ctx, row, {
    action: 'created',
    on: discoveredOn,
    officerIds: input.officerIds,
    details: { source: input.source, originCaseId: options.originCaseId ?? null },
  });
  // 程序规定 §18: a lead is verified within 15 working days of its discovery
  if (input.kind === 'penalty_ordinary') {
    await openDeadline(ctx, await workingCalendar(ctx.trx), row, 'lead_verification', discoveredOn, event.id);
  }
  // 行政许可法 §32 ¶1 (四): an application is accepted, refused or told what to complete within 5 days
  if (input.kind === 'licensing') {
    const cal = await workingCalendar(ctx.trx);
    await openDeadline(ctx, cal, row, 'licensing_completion_notice', discoveredOn, event.id);
  }
  return row;
}

export async function createCase(
  deps: CommandDeps,
  principal: Principal,
  input: CaseInput,
  /** Who the record names; the principal's own channel unless a loader acts for them (the demo). */
  actor: Actor = actorOf(principal),
): Promise<CaseDetail> {
  const agencyId = principal.agencyId;
  authorize(principal, casesPolicy.create, agencyId);
  const discoveredOn = actingDay(deps.clock.now(), input.discoveredOn, 'body.discoveredOn');
  if (input.kind === 'penalty_summary' && input.parties.length === 0) {
    throw fieldError('VALIDATION_FAILED', 'body.parties', '简易程序须填写当事人');
  }
  const row = await runCommand(deps, actor, (ctx) => insertCase(ctx, agencyId, input, discoveredOn));
  return getCase(deps, principal, row.id);
}

/** Runs a command on a case locked at the client's version, and answers with the case as it is after. */
export async function onCase(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  version: number,
  actor: Actor,
  fn: (ctx: CommandContext, kase: CaseRow) => Promise<void>,
): Promise<CaseDetail> {
  await runCommand(deps, actor, async (ctx) => {
    const kase = await lockCase(ctx, principal.agencyId, id, version);
    await fn(ctx, kase);
  });
  return getCase(deps, principal, id);
}

/** A case that left the procedure (移送、终止调查) is only archived: no suspension, no extension. */
function refuseExited(kase: CaseRow): void {
  const lc = lifecycles[kase.kind];
  const state = lc.states.find((s) => s.id === kase.state);
  if (state?.exit) {
    throw new AppError('CASE_STEP_NOT_ALLOWED', {
      detail: `案件 ${kase.case_number} 已${state.label.replace(/^已/, '')}，只能归档`,
    });
  }
}

export function refuseFinal(kase: CaseRow): void {
  const lc = lifecycles[kase.kind];
  if (lc.states.find((s) => s.id === kase.state)?.final) {
    throw new AppError('CASE_STEP_NOT_ALLOWED', { detail: `案件 ${kase.case_number} 已办结，不能再变更` });
  }
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
  const row = await ctx.trx
    .selectFrom('case_officers')
    .selectAll()
    .where('case_id', '=', kase.id)
    .where('person_id', '=', personId)
    .executeTakeFirst();
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
    const row = await ctx.trx
      .updateTable('case_officers')
      .set({ declared_at: ctx.now, conflict: input.conflict, declaration: input.declaration })
      .where('id', '=', officer.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.record({
      kind: 'cases.recusal_declared',
      agencyId: kase.agency_id,
      subjectType: 'case_officer',
      subjectId: row.id,
      record: row,
      changes: ['declared_at', 'conflict', 'declaration'],
    });
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
  officer: Row<'case_officers'>,
  reason: string,
): Promise<void> {
  if (officer.recused_at) throw new AppError('CONFLICT', { detail: '已决定回避' });
  const row = await ctx.trx
    .updateTable('case_officers')
    .set({ recused_at: ctx.now, recused_by: ctx.actor.personId, recusal_reason: reason })
    .where('id', '=', officer.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'cases.officer_recused',
    agencyId: kase.agency_id,
    subjectType: 'case_officer',
    subjectId: row.id,
    record: row,
    changes: ['recused_at', 'recused_by', 'recusal_reason'],
  });
  const pending = await ctx.trx
    .selectFrom('recusal_applications')
    .select('id')
    .where('case_id', '=', kase.id)
    .where('person_id', '=', officer.person_id)
    .where('decided_at', 'is', null)
    .execute();
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
): Promise<Row<'recusal_applications'>> {
  const row = await ctx.trx
    .updateTable('recusal_applications')
    .set({ decided_at: ctx.now, decided_by: ctx.actor.personId, granted, decision_reason: reason })
    .where('id', '=', applicationId)
    .where('case_id', '=', kase.id)
    .where('decided_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new AppError('CONFLICT', { detail: '该回避申请已作出决定' });
  await ctx.record({
    kind: 'cases.recusal_application_decided',
    agencyId: kase.agency_id,
    subjectType: 'recusal_application',
    subjectId: row.id,
    record: row,
    changes: ['decided_at', 'decided_by', 'granted', 'decision_reason'],
  });
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

/**
 * Suspends the case (中止/期间扣除) for a typed reason: from that day each period stops running only if the
 * law excludes that kind of time from it (excluded-time.rules.ts: testing from the seizure, the lead's
 * verification and the 90 days; hearing and public notice from the 90 days; another ground of 中止 from the
 * 90 days only). No step is taken until it resumes, except the hearing's own steps while it is suspended
 * for a hearing.
 */
export async function suspendCase(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: { version: number; on?: string | undefined; kind: SuspensionKind; reason: string },
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.suspend, principal.agencyId);
  const on = actingDay(deps.clock.now(), input.on);
  return onCase(deps, principal, id, input.version, actorOf(principal), async (ctx, kase) => {
    refuseFinal(kase);
    if (kase.suspended_since)
      throw new AppError('CASE_SUSPENDED', { detail: `案件已于 ${kase.suspended_since} 中止` });
    refuseExited(kase);
    await appendEvent(ctx, kase, {
      action: 'suspended',
      on,
      reason: input.reason,
      details: { kind: input.kind, kindLabel: suspensionKindLabels[input.kind] },
    });
    await writeCase(ctx, kase, { suspended_since: on, suspension_kind: input.kind });
  });
}

/** Resumes a suspended case: the suspended days are added to its suspensions and its periods move on. */
export async function resumeCase(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: { version: number; on?: string | undefined },
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.suspend, principal.agencyId);
  const on = actingDay(deps.clock.now(), input.on);
  const cal = await workingCalendar(deps.db);
  return onCase(deps, principal, id, input.version, actorOf(principal), async (ctx, kase) => {
    if (!kase.suspended_since) throw new AppError('CONFLICT', { detail: '案件未中止' });
    if (on < kase.suspended_since) {
      throw fieldError('VALIDATION_FAILED', 'body.on', `恢复日期不能早于中止日期 ${kase.suspended_since}`);
    }
    const suspendedEvent = await ctx.trx
      .selectFrom('case_events')
      .select('reason')
      .where('case_id', '=', kase.id)
      .where('action', '=', 'suspended')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    const interval = suspensionInterval(kase.suspended_since, on);
    // A suspension begun before migration 0018 has no type: it is recorded as `other`.
    const kind = suspensionKindOf({ kind: kase.suspension_kind });
    const suspensions = interval
      ? [...kase.suspensions, { ...interval, reason: suspendedEvent?.reason ?? '', kind }]
      : kase.suspensions;
    await appendEvent(ctx, kase, { action: 'resumed', on, details: { interval, kind } });
    const after = await writeCase(ctx, kase, {
      suspended_since: null,
      suspension_kind: null,
      suspensions,
    });
    await recomputeDeadlines(ctx, cal, after);
  });
}

/**
 * An approved extension of a running period (e.g. the 90 days of 行政处罚法 §60: +30 by the head under
 * 程序规定 §64; beyond that only by collective deliberation, with the days it fixed). Asked for before the
 * period ends.
 */
export async function extendDeadline(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: {
    version: number;
    code: 'lead_verification' | 'decision' | 'coercive_measure' | 'licensing_decision';
    on?: string | undefined;
    reason: string;
    deliberatedDays: number | null;
  },
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.extend, principal.agencyId);
  const def = caseDeadlineDefs[input.code];
  const extension = def.extension;
  if (!extension) throw fieldError('VALIDATION_FAILED', 'body.code', '该期限不能延长');
  if (!extension.roles.some((r) => principal.roles.has(r))) {
    throw new AppError('FORBIDDEN', { detail: `「${def.label}」的延长须经机关负责人批准` });
  }
  const on = actingDay(deps.clock.now(), input.on);
  const cal = await workingCalendar(deps.db);
  return onCase(deps, principal, id, input.version, actorOf(principal), async (ctx, kase) => {
    refuseExited(kase);
    const deadline = await openDeadlineOf(ctx, kase.id, input.code);
    if (!deadline)
      throw fieldError('VALIDATION_FAILED', 'body.code', `本案没有正在计算的「${def.label}」期限`);
    if (on > deadline.due_on) {
      throw new AppError('CASE_DEADLINE_PASSED', {
        detail: `「${def.label}」已于 ${deadline.due_on} 届满，不能再延长`,
      });
    }
    const count = kase.extensions[input.code] ?? 0;
    let deliberated = kase.deliberated_days;
    if (count >= 1) {
      // 程序规定 §64 (not 行政处罚法 §60, which has no extension): the head extends once; the decision period further only by deliberation
      if (input.code !== 'decision') {
        throw new AppError('CASE_DEADLINE_PASSED', { detail: `「${def.label}」只能延长一次` });
      }
      if (!input.deliberatedDays) {
        throw fieldError(
          'VALIDATION_FAILED',
          'body.deliberatedDays',
          '再次延长须经集体讨论，请填写集体讨论决定的天数',
        );
      }
      deliberated += input.deliberatedDays;
    }
    await appendEvent(ctx, kase, {
      action: 'extended',
      on,
      reason: input.reason,
      details: { code: input.code, deliberatedDays: count >= 1 ? input.deliberatedDays : null },
    });
    const after = await writeCase(ctx, kase, {
      extensions: { ...kase.extensions, [input.code]: count + 1 },
      deliberated_days: deliberated,
    });
    await recomputeDeadlines(ctx, cal, after);
  });
}

/**
 * Marks the case of social impact, or takes the mark off (行政处罚法 §48: decisions with some social impact
 * are published; §57 ¶2: such a case is decided by the heads collectively). An officer of the case or a
 * head may set it, with the reason recorded; the decision is made before the mark can change no more.
 */
export async function setSocialImpact(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: { version: number; on?: string | undefined; socialImpact: boolean; reason: string },
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.socialImpact, principal.agencyId);
  const on = actingDay(deps.clock.now(), input.on);
  return onCase(deps, principal, id, input.version, actorOf(principal), async (ctx, kase) => {
    refuseFinal(kase);
    if (kase.decided_on !== null) {
      throw new AppError('CASE_STEP_NOT_ALLOWED', {
        detail: `案件 ${kase.case_number} 已于 ${kase.decided_on} 作出决定，不能再变更社会影响标记`,
      });
    }
    await appendEvent(ctx, kase, {
      action: 'social_impact_marked',
      on,
      reason: input.reason,
      details: { socialImpact: input.socialImpact },
    });
    await writeCase(ctx, kase, { social_impact: input.socialImpact });
  });
}

/** The case detail read inside a command (for services that answer with it). */
export { caseDetail };
