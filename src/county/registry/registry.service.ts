import { runCommand, type Actor, type CommandDeps } from '../../platform/audit/command.ts';
import { authorize, definePolicy } from '../../platform/auth/policy.ts';
import { actorOf, type Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import type { CountyAgencyEventTable, CountyAgencyTable, CountyPushKey } from '../../platform/db/schema.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Selectable } from 'kysely';
import { logByOrigin } from '../witness/witness.store.ts';
import { writeWitnessedLog } from '../witness/witness.service.ts';
import { eventRefusal, standingOf, type AgencyEventFact } from './registry.rules.ts';
import {
  agencyStateLabels,
  type AgencyRegistration,
  type CountyAgency,
  type CountyAgencyDetail,
} from './registry.schema.ts';
import {
  agencyEvents,
  countyAgencies,
  countyAgencyByCreditCode,
  countyAgencyById,
  countyAgencyByOrigin,
  insertAgencyEvent,
  insertCountyAgency,
  lastReceived,
  lockCountyAgency,
} from './registry.store.ts';

/**
 * The county platform's registry of the agencies it supervises (issue 14 item 1; docs/county-push.md
 * "Pairing" step 2): registered, suspended, reinstated and given new push keys by the platform's
 * administrator (平台管理员), each a recorded command. The command line (`sanxiang county …`) is the
 * operator at the machine and acts as `cli`, as `sanxiang user add` does.
 */
export const registryPolicy = definePolicy({
  read: { roles: ['instance_administrator', 'supervisor'], reach: 'own', writes: false },
  manage: { roles: ['instance_administrator'], reach: 'own', writes: true },
});

/** Who changes the registry: a signed-in administrator (checked here) or the command line. */
export type RegistryCaller = Principal | 'cli';

const cliActor: Actor = { personId: null, agencyId: null, via: 'cli', ip: null };

function actorFor(caller: RegistryCaller, action: 'read' | 'manage'): Actor {
  if (caller === 'cli') return cliActor;
  authorize(caller, registryPolicy[action], caller.agencyId);
  return actorOf(caller);
}

type AgencyRow = Selectable<CountyAgencyTable>;
type EventRow = Selectable<CountyAgencyEventTable>;

const factOf = (e: EventRow): AgencyEventFact => ({
  kind: e.kind,
  reason: e.reason,
  pushKeys: e.push_keys,
});

const eventKindLabels = { suspended: '暂停推送', reinstated: '恢复推送', keys_replaced: '更换推送密钥' };

function toAgency(
  row: AgencyRow,
  events: readonly EventRow[],
  last: { last_sequence: number | null; last_received_at: Date | null } | undefined,
): CountyAgency {
  const standing = standingOf(row.push_keys, events.map(factOf));
  const state = standing.suspended ? 'suspended' : 'active';
  return {
    id: row.id,
    creditCode: row.credit_code,
    name: row.name,
    remoteAgencyId: row.remote_agency_id,
    baseUrl: row.base_url,
    logOrigin: row.log_origin,
    state,
    stateLabel: agencyStateLabels[state],
    suspendedReason: standing.suspendedReason,
    lastSequence: last?.last_sequence == null ? null : Number(last.last_sequence),
    lastReceivedAt: last?.last_received_at ? new Date(last.last_received_at).toISOString() : null,
    registeredAt: row.registered_at.toISOString(),
  };
}

/** The registered agencies with their state and what was last received from each. */
export async function listCountyAgencies(db: Db, caller: RegistryCaller): Promise<CountyAgency[]> {
  actorFor(caller, 'read');
  const rows = await countyAgencies(db);
  const [events, received] = await Promise.all([
    agencyEvents(
      db,
      rows.map((r) => r.id),
    ),
    lastReceived(db),
  ]);
  return rows.map((row) =>
    toAgency(
      row,
      events.filter((e) => e.county_agency_id === row.id),
      received.find((r) => r.county_agency_id === row.id),
    ),
  );
}

export async function getCountyAgency(
  db: Db,
  caller: RegistryCaller,
  id: string,
): Promise<CountyAgencyDetail> {
  actorFor(caller, 'read');
  const row = await countyAgencyById(db, id);
  if (!row) throw new AppError('NOT_FOUND', { detail: '没有该备案机关' });
  const [events, received, log] = await Promise.all([
    agencyEvents(db, [id]),
    lastReceived(db),
    logByOrigin(db, row.log_origin),
  ]);
  const standing = standingOf(row.push_keys, events.map(factOf));
  return {
    ...toAgency(
      row,
      events,
      received.find((r) => r.county_agency_id === id),
    ),
    pushKeys: [...standing.pushKeys],
    logVerifierKeys: log?.verifier_keys ?? [],
    registeredBy: row.registered_by,
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      kindLabel: eventKindLabels[e.kind],
      reason: e.reason,
      pushKeys: e.push_keys,
      recordedBy: e.recorded_by,
      recordedAt: e.recorded_at.toISOString(),
    })),
  };
}

const keysJson = (keys: readonly CountyPushKey[]) =>
  JSON.stringify(keys.map((k) => (k.sm2 ? { vkey: k.vkey, sm2: k.sm2 } : { vkey: k.vkey })));

/**
 * Registers an agency (`county.agency_registered`) and, in the same command, its log with the witness
 * (`witness.log_registered`) when the origin is new. An origin already witnessed must already trust each
 * key given (the witness's keys are not changed from here).
 */
export async function registerCountyAgency(
  deps: CommandDeps,
  caller: RegistryCaller,
  input: AgencyRegistration,
): Promise<CountyAgencyDetail> {
  const actor = actorFor(caller, 'manage');
  const row = await runCommand(deps, actor, async (ctx) => {
    if (await countyAgencyByCreditCode(ctx.trx, input.creditCode)) {
      throw fieldError('DUPLICATE', 'body.creditCode', '该统一社会信用代码的机关已备案');
    }
    if (await countyAgencyByOrigin(ctx.trx, input.logOrigin)) {
      throw fieldError('DUPLICATE', 'body.logOrigin', '该记录日志已属于另一个备案机关');
    }
    const log = await logByOrigin(ctx.trx, input.logOrigin);
    if (log) {
      const unknown = input.logVerifierKeys.findIndex((k) => !log.verifier_keys.includes(k));
      if (unknown >= 0) {
        throw fieldError(
          'VALIDATION_FAILED',
          `body.logVerifierKeys.${unknown}`,
          '该记录日志已登记见证，此验证公钥不在其可信密钥之列',
        );
      }
    } else {
      await writeWitnessedLog(ctx, input.logOrigin, input.logVerifierKeys);
    }
    const agency = await insertCountyAgency(ctx.trx, {
      id: newId(),
      credit_code: input.creditCode,
      name: input.name,
      remote_agency_id: input.remoteAgencyId,
      base_url: input.baseUrl,
      log_origin: input.logOrigin,
      push_keys: keysJson(input.pushKeys),
      registered_by: ctx.actor.personId,
      registered_at: ctx.now,
    });
    await ctx.record({
      kind: 'county.agency_registered',
      agencyId: ctx.actor.agencyId,
      subjectType: 'county_agency',
      subjectId: agency.id,
      record: agency,
    });
    return agency;
  });
  return getCountyAgency(deps.db, caller, row.id);
}

const eventKinds = {
  suspended: 'county.agency_suspended',
  reinstated: 'county.agency_reinstated',
  keys_replaced: 'county.push_keys_replaced',
} as const;

async function addEvent(
  deps: CommandDeps,
  caller: RegistryCaller,
  id: string,
  event: { kind: AgencyEventFact['kind']; reason: string | null; pushKeys: readonly CountyPushKey[] | null },
): Promise<CountyAgencyDetail> {
  const actor = actorFor(caller, 'manage');
  await runCommand(deps, actor, async (ctx) => {
    const agency = await lockCountyAgency(ctx.trx, { id });
    if (!agency) throw new AppError('NOT_FOUND', { detail: '没有该备案机关' });
    const events = await agencyEvents(ctx.trx, [id]);
    const refusal = eventRefusal(standingOf(agency.push_keys, events.map(factOf)), event.kind);
    if (refusal) throw new AppError('CONFLICT', { detail: refusal });
    const row = await insertAgencyEvent(ctx.trx, {
      id: newId(),
      county_agency_id: id,
      kind: event.kind,
      reason: event.reason,
      push_keys: event.pushKeys ? keysJson(event.pushKeys) : null,
      recorded_by: ctx.actor.personId,
      recorded_at: ctx.now,
    });
    await ctx.record({
      kind: eventKinds[event.kind],
      agencyId: ctx.actor.agencyId,
      subjectType: 'county_agency_event',
      subjectId: row.id,
      record: row,
    });
  });
  return getCountyAgency(deps.db, caller, id);
}

/** Suspends an agency's pushes (they are refused with PUSH_AGENCY_SUSPENDED and this reason). */
export const suspendCountyAgency = (deps: CommandDeps, caller: RegistryCaller, id: string, reason: string) =>
  addEvent(deps, caller, id, { kind: 'suspended', reason, pushKeys: null });

export const reinstateCountyAgency = (
  deps: CommandDeps,
  caller: RegistryCaller,
  id: string,
  reason: string | null,
) => addEvent(deps, caller, id, { kind: 'reinstated', reason, pushKeys: null });

/** Replaces the push keys: pushes signed by the previous keys only are refused from now on. */
export const replacePushKeys = (
  deps: CommandDeps,
  caller: RegistryCaller,
  id: string,
  pushKeys: readonly CountyPushKey[],
) => addEvent(deps, caller, id, { kind: 'keys_replaced', reason: null, pushKeys });
