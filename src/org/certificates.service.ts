import { sql, type Transaction } from 'kysely';
import { runCommand, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize, readableAgencies } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import { changedFields, duplicateField } from '../platform/db/writes.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import {
  displayStatus,
  type CertificateFacts,
  type CertificateStatus,
  type StatusChange,
} from './certificate.rules.ts';
import { orgPolicy } from './org.policy.ts';
import type {
  Certificate,
  CertificateEvent,
  CertificateInput,
  CertificatePatch,
  CertificatesQuery,
} from './org.schema.ts';

type CertificateRow = Row<'certificates'> & { person_name: string; unit_name: string | null };

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

const withPerson = (db: Db | Transaction<DB>) =>
  db
    .selectFrom('certificates')
    .innerJoin('people', 'people.id', 'certificates.person_id')
    .leftJoin('units', 'units.id', 'people.unit_id')
    .selectAll('certificates')
    .select(['people.name as person_name', 'units.name as unit_name']);

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
  let q = withPerson(deps.db).where('certificates.agency_id', 'in', agencies);
  if (query.status === 'expired')
    q = q.where('certificates.status', '=', 'valid').where('valid_to', '<', today);
  else if (query.status === 'valid')
    q = q.where('certificates.status', '=', 'valid').where('valid_to', '>=', today);
  else if (query.status) q = q.where('certificates.status', '=', query.status);
  if (query.field) q = q.where(sql<boolean>`certificates.fields @> ${JSON.stringify([query.field])}::jsonb`);
  if (query.q) {
    const like = `%${query.q}%`;
    q = q.where((eb) => eb.or([eb('people.name', 'like', like), eb('certificates.number', 'like', like)]));
  }
  const { total } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('certificates.valid_to')
    .orderBy('certificates.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: rows.map((r) => toCertificate(r, today)), total: Number(total) };
}

export async function certificatesOfPeople(
  db: Db,
  personIds: string[],
  today: string,
): Promise<Certificate[]> {
  if (personIds.length === 0) return [];
  const rows = await withPerson(db)
    .where('certificates.person_id', 'in', personIds)
    .orderBy('valid_to')
    .execute();
  return rows.map((r) => toCertificate(r, today));
}

async function loadForWrite(deps: CommandDeps, principal: Principal, id: string) {
  const row = await deps.db
    .selectFrom('certificates')
    .select('agency_id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  authorize(principal, orgPolicy.managePeople, row.agency_id);
}

export async function getCertificate(
  deps: CommandDeps,
  principal: Principal,
  id: string,
): Promise<{ certificate: Certificate; history: CertificateEvent[] }> {
  const row = await withPerson(deps.db).where('certificates.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  authorize(principal, orgPolicy.readPeople, row.agency_id);
  const events = await deps.db
    .selectFrom('certificate_events')
    .leftJoin('people', 'people.id', 'certificate_events.actor_id')
    .selectAll('certificate_events')
    .select('people.name as actor_name')
    .where('certificate_id', '=', id)
    .orderBy('at')
    .orderBy('certificate_events.id')
    .execute();
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
  const row = await ctx.trx
    .insertInto('certificates')
    .values({
      id,
      agency_id: agencyId,
      person_id: personId,
      number: input.number,
      fields: JSON.stringify(input.fields),
      issuer: input.issuer,
      valid_from: input.validFrom,
      valid_to: input.validTo,
      exam_date: input.examDate,
      status: 'valid',
      updated_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const history = await ctx.trx
    .insertInto('certificate_events')
    .values({
      id: newId(),
      agency_id: agencyId,
      certificate_id: id,
      action: 'issued',
      effective_on: input.validFrom,
      reason: '登记执法证',
      changes: JSON.stringify([]),
      actor_id: ctx.actor.personId,
      at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
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
  const person = await deps.db
    .selectFrom('people')
    .select('agency_id')
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) throw new AppError('NOT_FOUND');
  authorize(principal, orgPolicy.managePeople, person.agency_id);
  const id = await duplicateField(certificateUniques, () =>
    runCommand(deps, actorOf(principal), (ctx) => insertCertificate(ctx, person.agency_id, personId, input)),
  );
  return (await getCertificate(deps, principal, id)).certificate;
}

export async function editCertificate(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  patch: CertificatePatch,
): Promise<Certificate> {
  await loadForWrite(deps, principal, id);
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const before = await ctx.trx
      .selectFrom('certificates')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const validFrom = patch.validFrom ?? before.valid_from;
    const validTo = patch.validTo ?? before.valid_to;
    if (validTo < validFrom)
      throw fieldError('VALIDATION_FAILED', 'body.validTo', '有效期止不能早于有效期起');
    const after = await ctx.trx
      .updateTable('certificates')
      .set({
        fields: patch.fields ? JSON.stringify(patch.fields) : undefined,
        issuer: patch.issuer,
        valid_from: patch.validFrom,
        valid_to: patch.validTo,
        exam_date: patch.examDate,
        updated_at: ctx.now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const changes = changedFields(before, after);
    const history = await ctx.trx
      .insertInto('certificate_events')
      .values({
        id: newId(),
        agency_id: after.agency_id,
        certificate_id: id,
        action: 'edited',
        effective_on: chinaDate(ctx.now),
        reason: patch.reason,
        changes: JSON.stringify(changes),
        actor_id: ctx.actor.personId,
        at: ctx.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
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
  await loadForWrite(deps, principal, id);
  const transition = transitions[action];
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const before = await ctx.trx
      .selectFrom('certificates')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!transition.from.includes(before.status)) {
      throw new AppError('CERTIFICATE_INVALID_STATE', {
        detail: `执法证当前状态为“${before.status === 'revoked' ? '注销' : before.status === 'suspended' ? '暂扣' : '有效'}”，不能${transition.label}`,
      });
    }
    const last = await ctx.trx
      .selectFrom('certificate_events')
      .select((eb) => eb.fn.max('effective_on').as('latest'))
      .where('certificate_id', '=', id)
      .where('action', 'in', ['suspended', 'reinstated', 'revoked'])
      .executeTakeFirst();
    if (last?.latest && input.effectiveOn < last.latest) {
      throw fieldError(
        'VALIDATION_FAILED',
        'body.effectiveOn',
        `生效日期不能早于上一次状态变更（${last.latest}）`,
      );
    }
    const after = await ctx.trx
      .updateTable('certificates')
      .set({ status: transition.to, updated_at: ctx.now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const history = await ctx.trx
      .insertInto('certificate_events')
      .values({
        id: newId(),
        agency_id: after.agency_id,
        certificate_id: id,
        action,
        effective_on: input.effectiveOn,
        reason: input.reason,
        changes: JSON.stringify(['status']),
        actor_id: ctx.actor.personId,
        at: ctx.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
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

/** Every status change of the given certificates, in order of effect (the input of `statusOn`). */
export async function statusChangesOf(
  db: Db,
  certificateIds: string[],
): Promise<Map<string, StatusChange[]>> {
  const changes = new Map<string, StatusChange[]>(certificateIds.map((id) => [id, []]));
  if (certificateIds.length === 0) return changes;
  const events = await db
    .selectFrom('certificate_events')
    .select(['certificate_id', 'action', 'effective_on'])
    .where('certificate_id', 'in', certificateIds)
    .where('action', 'in', ['suspended', 'reinstated', 'revoked'])
    .orderBy('effective_on')
    .orderBy('at')
    .execute();
  for (const e of events) {
    changes
      .get(e.certificate_id)
      ?.push({ status: transitions[e.action as StatusAction].to, effectiveOn: e.effective_on });
  }
  return changes;
}

/** A person's certificates as the facts `mayAct` judges: validity, fields and every status change. */
export async function certificateFactsOf(db: Db, personId: string): Promise<CertificateFacts[]> {
  const certs = await db.selectFrom('certificates').selectAll().where('person_id', '=', personId).execute();
  const changes = await statusChangesOf(
    db,
    certs.map((c) => c.id),
  );
  return certs.map((c) => ({
    fields: c.fields,
    validFrom: c.valid_from,
    validTo: c.valid_to,
    statusChanges: changes.get(c.id) ?? [],
  }));
}
