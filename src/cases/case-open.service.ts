import { runCommand, type Actor, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { fieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { actingDay } from './case-command.ts';
import { openDeadline } from './case-deadlines.store.ts';
import { getCase } from './case-detail.queries.ts';
import { isUnitOfAgency, itemOfAgency } from './case-items.store.ts';
import { insertOfficer } from './case-officers.service.ts';
import { insertPartyRow } from './case-parties.store.ts';
import type { CaseDetail } from './case-view.ts';
import { casesPolicy } from './cases.policy.ts';
import type { CaseInput, PartyInput } from './cases.schema.ts';
import { agencyOf, appendEvent, insertCaseRow, nextCaseNumber, type CaseRow } from './cases.store.ts';
import { lifecycles } from './lifecycles/index.ts';
import { partyTypeOf } from './party.rules.ts';

/**
 * Opening a case (登记): its row in the lifecycle's first state, its parties and officers, its first event
 * and the period that runs from its discovery, in one transaction through `runCommand`.
 */

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
  await insertPartyRow(
    ctx,
    kase,
    { name: p.name, phone: p.phone, address: p.address, ...typed },
    corrected ? 'organisation' : null,
  );
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
  const scope = ownAgency(agencyId);
  let itemCode: string | null = null;
  if (input.itemId) {
    const item = await itemOfAgency(ctx.trx, scope, input.itemId);
    if (!item) {
      throw fieldError('VALIDATION_FAILED', 'body.itemId', '该事项不在本机关的权责清单中');
    }
    if (item.kind !== lc.actionKind) {
      throw fieldError('VALIDATION_FAILED', 'body.itemId', `该事项不是「${lc.label}」类事项`);
    }
    itemCode = item.code;
  }
  if (input.unitId) {
    if (!(await isUnitOfAgency(ctx.trx, scope, input.unitId)))
      throw fieldError('VALIDATION_FAILED', 'body.unitId', '承办机构不属于本机关');
  }
  const agency = await agencyOf(ctx, scope);
  const row = await insertCaseRow(ctx, scope, {
    id: newId(),
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
  });
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
