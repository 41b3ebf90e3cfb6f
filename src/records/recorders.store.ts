import type { Transaction, Updateable } from 'kysely';
import { inScope, type AgencyScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, NewRow, Row } from '../platform/db/schema.ts';
import type { RecordersQuery } from './recorders.schema.ts';

/** Recorders' SQL (recorders.service.ts): devices, their loans and holders, within the agency. */

type Reader = Db | Transaction<DB>;

/** Recorders within the scope with their unit and current holder. */
const withHolder = (db: Reader, scope: AgencyScope) =>
  db
    .selectFrom('recorders')
    .leftJoin('units', (j) =>
      j.onRef('units.id', '=', 'recorders.unit_id').onRef('units.agency_id', '=', 'recorders.agency_id'),
    )
    .leftJoin('recorder_loans as loan', (join) =>
      join
        .onRef('loan.recorder_id', '=', 'recorders.id')
        .onRef('loan.agency_id', '=', 'recorders.agency_id')
        .on('loan.checked_in_at', 'is', null),
    )
    .leftJoin('people as officer', (j) =>
      j.onRef('officer.id', '=', 'loan.officer_id').onRef('officer.agency_id', '=', 'loan.agency_id'),
    )
    .selectAll('recorders')
    .select([
      'units.name as unit_name',
      'loan.id as loan_id',
      'loan.officer_id',
      'loan.checked_out_at',
      'officer.name as officer_name',
    ])
    .where(inScope('recorders.agency_id', scope));

export type RecorderRow = Awaited<ReturnType<ReturnType<typeof withHolder>['executeTakeFirstOrThrow']>>;

/** One page of the recorders within the scope, filtered, and how many there are. */
export async function findRecorders(
  db: Reader,
  scope: AgencyScope,
  query: Pick<RecordersQuery, 'status' | 'unitId' | 'holderId' | 'q' | 'page' | 'pageSize'>,
): Promise<{ rows: RecorderRow[]; total: number }> {
  let q = withHolder(db, scope);
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
  return { rows, total: Number(total) };
}

export async function recorderById(
  db: Reader,
  scope: AgencyScope,
  id: string,
): Promise<RecorderRow | undefined> {
  return withHolder(db, scope).where('recorders.id', '=', id).executeTakeFirst();
}

/** The loans of a recorder, newest first, with the officer's name. */
export async function loansOf(db: Reader, own: OwnAgency, recorderId: string) {
  return db
    .selectFrom('recorder_loans')
    .innerJoin('people', (j) =>
      j
        .onRef('people.id', '=', 'recorder_loans.officer_id')
        .onRef('people.agency_id', '=', 'recorder_loans.agency_id'),
    )
    .selectAll('recorder_loans')
    .select('people.name as officer_name')
    .where('recorder_id', '=', recorderId)
    .where('recorder_loans.agency_id', '=', own.agencyId)
    .orderBy('checked_out_at', 'desc')
    .orderBy('recorder_loans.id', 'desc')
    .execute();
}

export async function insertRecorder(
  trx: Reader,
  own: OwnAgency,
  values: Omit<NewRow<'recorders'>, 'agency_id'>,
): Promise<Row<'recorders'>> {
  return trx
    .insertInto('recorders')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The agency of a recorder within the scope. */
export async function recorderAgency(
  db: Reader,
  scope: AgencyScope,
  id: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('recorders')
    .select('agency_id')
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();
  return row?.agency_id;
}

export async function openLoan(db: Reader, own: OwnAgency, recorderId: string) {
  return db
    .selectFrom('recorder_loans')
    .selectAll()
    .where('recorder_id', '=', recorderId)
    .where('agency_id', '=', own.agencyId)
    .where('checked_in_at', 'is', null)
    .executeTakeFirst();
}

export async function lockRecorder(trx: Reader, own: OwnAgency, id: string): Promise<Row<'recorders'>> {
  return trx
    .selectFrom('recorders')
    .selectAll()
    .where('id', '=', id)
    .where('agency_id', '=', own.agencyId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function updateRecorderRow(
  trx: Reader,
  own: OwnAgency,
  id: string,
  set: Updateable<DB['recorders']>,
): Promise<Row<'recorders'>> {
  return trx
    .updateTable('recorders')
    .set(set)
    .where('id', '=', id)
    .where('agency_id', '=', own.agencyId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Whether the person is an active person of the agency. */
export async function isActivePerson(db: Reader, own: OwnAgency, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('people')
    .select('id')
    .where('id', '=', personId)
    .where('agency_id', '=', own.agencyId)
    .where('active', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertLoan(
  trx: Reader,
  own: OwnAgency,
  values: Omit<NewRow<'recorder_loans'>, 'agency_id'>,
): Promise<Row<'recorder_loans'>> {
  return trx
    .insertInto('recorder_loans')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Closes an open loan; undefined when it was closed already. */
export async function closeLoan(
  trx: Reader,
  own: OwnAgency,
  loanId: string,
  set: { checked_in_at: Date; checked_in_by: string | null; in_note: string },
): Promise<Row<'recorder_loans'> | undefined> {
  return trx
    .updateTable('recorder_loans')
    .set(set)
    .where('id', '=', loanId)
    .where('agency_id', '=', own.agencyId)
    .where('checked_in_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
