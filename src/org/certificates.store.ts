import { sql } from 'kysely';
import { inScope, unscoped, type AgencyScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { Insertable, Updateable } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import { statusAfter, type CertificateFacts, type StatusChange } from './certificate.rules.ts';

/**
 * Law-enforcement certificates and their history (issue 11: the only module that knows their SQL). Every
 * statement is scoped: reads take the agencies a principal may read, writes the own agency.
 */

/** Certificates with their holder's name and unit (the holder and unit are of the certificate's agency). */
const withPerson = (db: Db, scope: AgencyScope) =>
  db
    .selectFrom('certificates')
    .innerJoin('people', (j) =>
      j
        .onRef('people.id', '=', 'certificates.person_id')
        .onRef('people.agency_id', '=', 'certificates.agency_id'),
    )
    .leftJoin('units', (j) =>
      j.onRef('units.id', '=', 'people.unit_id').onRef('units.agency_id', '=', 'people.agency_id'),
    )
    .selectAll('certificates')
    .select(['people.name as person_name', 'units.name as unit_name'])
    .where(inScope('certificates.agency_id', scope));

export type CertificateRow = Awaited<ReturnType<ReturnType<typeof withPerson>['executeTakeFirstOrThrow']>>;

export interface CertificateFilters {
  status?: 'valid' | 'expired' | 'suspended' | 'revoked' | undefined;
  field?: string | undefined;
  q?: string | undefined;
}

/** A page of the certificates in scope, by the end of validity, and how many match. */
export async function listCertificateRows(
  db: Db,
  scope: AgencyScope,
  filters: CertificateFilters,
  today: string,
  paging: { page: number; pageSize: number },
): Promise<{ rows: CertificateRow[]; total: number }> {
  let q = withPerson(db, scope);
  if (filters.status === 'expired')
    q = q.where('certificates.status', '=', 'valid').where('valid_to', '<', today);
  else if (filters.status === 'valid')
    q = q.where('certificates.status', '=', 'valid').where('valid_to', '>=', today);
  else if (filters.status) q = q.where('certificates.status', '=', filters.status);
  if (filters.field)
    q = q.where(sql<boolean>`certificates.fields @> ${JSON.stringify([filters.field])}::jsonb`);
  if (filters.q) {
    const like = `%${filters.q}%`;
    q = q.where((eb) => eb.or([eb('people.name', 'like', like), eb('certificates.number', 'like', like)]));
  }
  const { total } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('certificates.valid_to')
    .orderBy('certificates.id')
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize)
    .execute();
  return { rows, total: Number(total) };
}

/** The certificates of the given people, by the end of validity. */
export async function certificateRowsOfPeople(
  db: Db,
  scope: AgencyScope,
  personIds: readonly string[],
): Promise<CertificateRow[]> {
  if (personIds.length === 0) return [];
  return withPerson(db, scope).where('certificates.person_id', 'in', personIds).orderBy('valid_to').execute();
}

export const certificateRow = (db: Db, scope: AgencyScope, id: string) =>
  withPerson(db, scope).where('certificates.id', '=', id).executeTakeFirst();

/** The agency of a certificate in scope (undefined: no such certificate there). */
export const certificateAgency = async (db: Db, scope: AgencyScope, id: string) =>
  (
    await db
      .selectFrom('certificates')
      .select('agency_id')
      .where('id', '=', id)
      .where(inScope('agency_id', scope))
      .executeTakeFirst()
  )?.agency_id;

/** A certificate's history, in order, with the name of who made each change. */
export const certificateEventRows = (db: Db, scope: AgencyScope, certificateId: string) =>
  db
    .selectFrom('certificate_events')
    .leftJoin('people', (j) =>
      j
        .onRef('people.id', '=', 'certificate_events.actor_id')
        .onRef('people.agency_id', '=', 'certificate_events.agency_id'),
    )
    .selectAll('certificate_events')
    .select('people.name as actor_name')
    .where('certificate_id', '=', certificateId)
    .where(inScope('certificate_events.agency_id', scope))
    .orderBy('at')
    .orderBy('certificate_events.id')
    .execute();

export const insertCertificateRow = (
  db: Db,
  own: OwnAgency,
  values: Omit<Insertable<DB['certificates']>, 'agency_id'>,
) =>
  db
    .insertInto('certificates')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();

export const insertCertificateEvent = (
  db: Db,
  own: OwnAgency,
  values: Omit<Insertable<DB['certificate_events']>, 'agency_id'>,
) =>
  db
    .insertInto('certificate_events')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();

/** The certificate's row, locked until the command ends. */
export const lockCertificate = (db: Db, own: OwnAgency, id: string) =>
  db
    .selectFrom('certificates')
    .selectAll()
    .where('id', '=', id)
    .where('agency_id', '=', own.agencyId)
    .forUpdate()
    .executeTakeFirstOrThrow();

export const updateCertificateRow = (
  db: Db,
  own: OwnAgency,
  id: string,
  set: Updateable<DB['certificates']>,
) =>
  db
    .updateTable('certificates')
    .set(set)
    .where('id', '=', id)
    .where('agency_id', '=', own.agencyId)
    .returningAll()
    .executeTakeFirstOrThrow();

const statusActions = ['suspended', 'reinstated', 'revoked'] as const;

/** The effective date of the certificate's latest status change, if any. */
export const latestStatusChange = async (db: Db, own: OwnAgency, certificateId: string) =>
  (
    await db
      .selectFrom('certificate_events')
      .select((eb) => eb.fn.max('effective_on').as('latest'))
      .where('certificate_id', '=', certificateId)
      .where('agency_id', '=', own.agencyId)
      .where('action', 'in', statusActions)
      .executeTakeFirst()
  )?.latest ?? null;

type StatusEvent = { certificate_id: string; action: string; effective_on: string };

function changesByCertificate(certificateIds: readonly string[], events: readonly StatusEvent[]) {
  const changes = new Map<string, StatusChange[]>(certificateIds.map((id) => [id, []]));
  for (const e of events) {
    const status = statusAfter[e.action as keyof typeof statusAfter];
    changes.get(e.certificate_id)?.push({ status, effectiveOn: e.effective_on });
  }
  return changes;
}

/** Every status change of the given certificates, in order of effect (the input of `statusOn`). */
export async function statusChangesOf(
  db: Db,
  scope: AgencyScope,
  certificateIds: readonly string[],
): Promise<Map<string, StatusChange[]>> {
  if (certificateIds.length === 0) return changesByCertificate([], []);
  const events = await db
    .selectFrom('certificate_events')
    .select(['certificate_id', 'action', 'effective_on'])
    .where('certificate_id', 'in', certificateIds)
    .where(inScope('agency_id', scope))
    .where('action', 'in', statusActions)
    .orderBy('effective_on')
    .orderBy('at')
    .execute();
  return changesByCertificate(certificateIds, events);
}

/**
 * The certificate facts of a set of people (issue 11's shared fragment: the one home of it): for each
 * person, every certificate as the facts `mayAct` judges — its fields, its validity and every status
 * change — in two reads for all of them (a case step runs this on each command; one read per officer
 * made it the busiest query of a case). A person with no certificate in scope maps to [].
 */
export async function certificateFactsOfPeople(
  db: Db,
  scope: AgencyScope,
  personIds: readonly string[],
): Promise<Map<string, CertificateFacts[]>> {
  const facts = new Map<string, CertificateFacts[]>(personIds.map((id) => [id, []]));
  if (personIds.length === 0) return facts;
  const certs = await db
    .selectFrom('certificates')
    .select(['id', 'person_id', 'fields', 'valid_from', 'valid_to'])
    .where('person_id', 'in', personIds)
    .where(inScope('agency_id', scope))
    .execute();
  const changes = await statusChangesOf(
    db,
    scope,
    certs.map((c) => c.id),
  );
  for (const c of certs) {
    facts.get(c.person_id)?.push({
      fields: c.fields,
      validFrom: c.valid_from,
      validTo: c.valid_to,
      statusChanges: changes.get(c.id) ?? [],
    });
  }
  return facts;
}

/** Certificate numbers already in use: a number is unique in the whole instance (any agency's). */
export const takenCertificateNumbersUnscoped = async (db: Db, numbers: readonly string[]) =>
  numbers.length === 0
    ? []
    : (
        await db
          .selectFrom('certificates')
          .select('number')
          .where('number', 'in', numbers)
          .$call(unscoped)
          .execute()
      ).map((r) => r.number);
