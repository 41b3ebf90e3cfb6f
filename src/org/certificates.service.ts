import { runCommand, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize, readableAgencies } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/clock.ts';
import {
  agenciesScope,
  ownAgency,
  ownScopeOf,
  readScopeOf,
  type AgencyScope,
} from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import { changedFields, duplicateField } from '../platform/db/writes.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { displayStatus, type CertificateStatus } from './certificate.rules.ts';
import {
  certificateAgency,
  certificateEventRows,
  certificateRow,
  certificateRowsOfPeople,
  insertCertificateEvent,
  insertCertificateRow,
  latestStatusChange,
  listCertificateRows,
  lockCertificate,
  updateCertificateRow,
  type CertificateRow,
} from './certificates.store.ts';
import { personAgency } from './people.store.ts';
import { orgPolicy } from './org.policy.ts';
import type {
  Certificate,
  CertificateEvent,
  CertificateInput,
  CertificatePatch,
  CertificatesQuery,
} from './org.schema.ts';

const toCertificate = (r: CertificateRow, today: string): Certificate => ({
  id: r.id,
  agencyId: r.agency_id,
  personId: r.person_id,
  personName: r.person_name,
  unitName: r.unit_name,
  number: r.number,
  fields: r.fields,
  issuer: r.issuer,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  examDate: r.exam_date,
  status: r.status,
  displayStatus: displayStatus(r.status, r.valid_to, today),
});

export const certificateUniques = { certificates_number_key: 'body.number' };

export async function listCertificates(
  deps: CommandDeps,
  principal: Principal,
  query: CertificatesQuery,
): Promise<{ items: Certificate[]; total: number }> {
  const agencies = query.agencyId ? [query.agencyId] : readableAgencies(principal, orgPolicy.readPeople);
  for (const id of agencies) authorize(principal, orgPolicy.readPeople, id);
  if (agencies.length === 0) return { items: [], total: 0 };
  const today = chinaDate(deps.clock.now());
  const { rows, total } = await listCertificateRows(deps.db, agenciesScope(agencies), query, today, query);
  return { items: rows.map((r) => toCertificate(r, today)), total };
}

export async function certificatesOfPeople(
  db: Db,
  scope: AgencyScope,
  personIds: string[],
  today: string,
): Promise<Certificate[]> {
  const rows = await certificateRowsOfPeople(db, scope, personIds);
  return rows.map((r) => toCertificate(r, today));
}

/** The agency of a certificate the principal manages (its own agency's). */
async function loadForWrite(deps: CommandDeps, principal: Principal, id: string) {
  const agencyId = await certificateAgency(deps.db, ownScopeOf(principal), id);
  if (!agencyId) throw new AppError('NOT_FOUND');
  authorize(principal, orgPolicy.managePeople, agencyId);
  return ownAgency(agencyId);
}

export async function getCertificate(
  deps: CommandDeps,
  principal: Principal,
  id: string,
): Promise<{ certificate: Certificate; history: CertificateEvent[] }> {
  const scope = readScopeOf(principal, orgPolicy.readPeople);
  const row = await certificateRow(deps.db, scope, id);
  if (!row) throw new AppError('NOT_FOUND');
  authorize(principal, orgPolicy.readPeople, row.agency_id);
  const events = await certificateEventRows(deps.db, scope, id);
  return {
    certificate: toCertificate(row, chinaDate(deps.clock.now())),
    history: events.map((e) => ({
      id: e.id,
      action: e.action,
      effectiveOn: e.effective_on,
      reason: e.reason,
      changes: e.changes,
      actorName: e.actor_name,
      at: e.at.toISOString(),
    })),
  };
}

/** Inserts a certificate and its `issued` event inside a running command. */
export async function insertCertificate(
  ctx: CommandContext,
  agencyId: string,
  personId: string,
  input: CertificateInput,
): Promise<string> {
  const id = newId();
  const own = ownAgency(agencyId);
  const row = await insertCertificateRow(ctx.trx, own, {
    id,
    person_id: personId,
    number: input.number,
    fields: JSON.stringify(input.fields),
    issuer: input.issuer,
    valid_from: input.validFrom,
    valid_to: input.validTo,
    exam_date: input.examDate,
    status: 'valid',
    updated_at: ctx.now,
  });
  const history = await insertCertificateEvent(ctx.trx, own, {
    id: newId(),
    certificate_id: id,
    action: 'issued',
    effective_on: input.validFrom,
    reason: '登记执法证',
    changes: JSON.stringify([]),
    actor_id: ctx.actor.personId,
    at: ctx.now,
  });
  await ctx.record({
    kind: 'org.certificate_issued',
    agencyId,
    subjectType: 'certificate',
    subjectId: id,
    record: { ...row, history: [history] },
  });
  return id;
}

export async function addCertificate(
  deps: CommandDeps,
  principal: Principal,
  personId: string,
  input: CertificateInput,
): Promise<Certificate> {
  const agencyId = await personAgency(deps.db, ownScopeOf(principal), personId);
  if (!agencyId) throw new AppError('NOT_FOUND');
  authorize(principal, orgPolicy.managePeople, agencyId);
  const id = await duplicateField(certificateUniques, () =>
    runCommand(deps, actorOf(principal), (ctx) => insertCertificate(ctx, agencyId, personId, input)),
  );
  return (await getCertificate(deps, principal, id)).certificate;
}

export async function editCertificate(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  patch: CertificatePatch,
): Promise<Certificate> {
  const own = await loadForWrite(deps, principal, id);
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const before = await lockCertificate(ctx.trx, own, id);
    const validFrom = patch.validFrom ?? before.valid_from;
    const validTo = patch.validTo ?? before.valid_to;
    if (validTo < validFrom)
      throw fieldError('VALIDATION_FAILED', 'body.validTo', '有效期止不能早于有效期起');
    const after = await updateCertificateRow(ctx.trx, own, id, {
      fields: patch.fields ? JSON.stringify(patch.fields) : undefined,
      issuer: patch.issuer,
      valid_from: patch.validFrom,
      valid_to: patch.validTo,
      exam_date: patch.examDate,
      updated_at: ctx.now,
    });
    const changes = changedFields(before, after);
    const history = await insertCertificateEvent(ctx.trx, own, {
      id: newId(),
      certificate_id: id,
      action: 'edited',
      effective_on: chinaDate(ctx.now),
      reason: patch.reason,
      changes: JSON.stringify(changes),
      actor_id: ctx.actor.personId,
      at: ctx.now,
    });
    await ctx.record({
      kind: 'org.certificate_edited',
      agencyId: after.agency_id,
      subjectType: 'certificate',
      subjectId: id,
      record: { ...after, history: [history] },
      changes,
    });
  });
  return (await getCertificate(deps, principal, id)).certificate;
}

type StatusAction = 'suspended' | 'reinstated' | 'revoked';

/** Which status each action leads to, and from which statuses it may be taken. Revocation is final. */
const transitions: Record<StatusAction, { to: CertificateStatus; from: CertificateStatus[]; label: string }> =
  {
    suspended: { to: 'suspended', from: ['valid'], label: '暂扣' },
    reinstated: { to: 'valid', from: ['suspended'], label: '恢复' },
    revoked: { to: 'revoked', from: ['valid', 'suspended'], label: '注销' },
  };

export async function changeCertificateStatus(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  action: StatusAction,
  input: { reason: string; effectiveOn: string },
): Promise<Certificate> {
  const own = await loadForWrite(deps, principal, id);
  const transition = transitions[action];
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const before = await lockCertificate(ctx.trx, own, id);
    if (!transition.from.includes(before.status)) {
      throw new AppError('CERTIFICATE_INVALID_STATE', {
        detail: `执法证当前状态为“${before.status === 'revoked' ? '注销' : before.status === 'suspended' ? '暂扣' : '有效'}”，不能${transition.label}`,
      });
    }
    const latest = await latestStatusChange(ctx.trx, own, id);
    if (latest && input.effectiveOn < latest) {
      throw fieldError(
        'VALIDATION_FAILED',
        'body.effectiveOn',
        `生效日期不能早于上一次状态变更（${latest}）`,
      );
    }
    const after = await updateCertificateRow(ctx.trx, own, id, {
      status: transition.to,
      updated_at: ctx.now,
    });
    const history = await insertCertificateEvent(ctx.trx, own, {
      id: newId(),
      certificate_id: id,
      action,
      effective_on: input.effectiveOn,
      reason: input.reason,
      changes: JSON.stringify(['status']),
      actor_id: ctx.actor.personId,
      at: ctx.now,
    });
    await ctx.record({
      kind: `org.certificate_${action}`,
      agencyId: after.agency_id,
      subjectType: 'certificate',
      subjectId: id,
      record: { ...after, effectiveOn: input.effectiveOn, reason: input.reason, history: [history] },
      changes: ['status'],
    });
  });
  return (await getCertificate(deps, principal, id)).certificate;
}
