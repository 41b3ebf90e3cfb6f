import type { Transaction } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import { inScope, type AgencyScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import type { TargetQuery } from './targets.schema.ts';

/** The inspection-target directory (inspection_targets) and its history. Every statement is scoped. */

export type Reader = Db | Transaction<DB>;
export type TargetRow = Row<'inspection_targets'>;
export type TargetEventRow = Row<'inspection_target_events'> & { actor_name: string | null };

export async function targetsOf(db: Reader, scope: AgencyScope, query: TargetQuery): Promise<TargetRow[]> {
  let q = db.selectFrom('inspection_targets').selectAll().where(inScope('agency_id', scope));
  if (query.field) q = q.where('field', '=', query.field);
  if (query.riskGrade) q = q.where('risk_grade', '=', query.riskGrade);
  if (query.active) q = q.where('active', '=', query.active === 'true');
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('name', 'like', like), eb('credit_code', 'like', like.toUpperCase())]));
  }
  return q.orderBy('credit_code').execute();
}

export const targetById = (db: Reader, scope: AgencyScope, id: string) =>
  db
    .selectFrom('inspection_targets')
    .selectAll()
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();

export const lockTarget = (trx: Transaction<DB>, scope: OwnAgency, id: string) =>
  trx
    .selectFrom('inspection_targets')
    .selectAll()
    .where('id', '=', id)
    .where('agency_id', '=', scope.agencyId)
    .forUpdate()
    .executeTakeFirst();

/** The agency's targets with these credit codes (an import's existing rows). */
export async function targetsByCreditCode(
  db: Reader,
  scope: OwnAgency,
  codes: readonly string[],
): Promise<TargetRow[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('inspection_targets')
    .selectAll()
    .where('agency_id', '=', scope.agencyId)
    .where('credit_code', 'in', codes)
    .execute();
}

/** The active targets of a field, by credit code: what a commitment snapshots. */
export const activeTargetsOfField = (db: Reader, scope: OwnAgency, field: string) =>
  db
    .selectFrom('inspection_targets')
    .select(['id', 'credit_code', 'risk_grade'])
    .where('agency_id', '=', scope.agencyId)
    .where('field', '=', field)
    .where('active', '=', true)
    .orderBy('credit_code')
    .execute();

export async function insertTarget(trx: Transaction<DB>, row: TargetRow): Promise<void> {
  await trx.insertInto('inspection_targets').values(row).execute();
}

export async function updateTarget(
  trx: Transaction<DB>,
  scope: OwnAgency,
  id: string,
  set: Partial<Pick<TargetRow, 'name' | 'address' | 'field' | 'risk_grade' | 'active' | 'updated_at'>>,
): Promise<void> {
  await trx
    .updateTable('inspection_targets')
    .set(set)
    .where('id', '=', id)
    .where('agency_id', '=', scope.agencyId)
    .execute();
}

export async function insertTargetEvent(
  trx: Transaction<DB>,
  row: Omit<Row<'inspection_target_events'>, 'changes'> & {
    changes: Row<'inspection_target_events'>['changes'];
  },
): Promise<void> {
  await trx
    .insertInto('inspection_target_events')
    .values({ ...row, changes: JSON.stringify(row.changes) })
    .execute();
}

export async function targetHistory(
  db: Reader,
  scope: AgencyScope,
  targetId: string,
): Promise<TargetEventRow[]> {
  return db
    .selectFrom('inspection_target_events as e')
    .leftJoin('people as p', (j) =>
      j.onRef('p.id', '=', 'e.actor_id').onRef('p.agency_id', '=', 'e.agency_id'),
    )
    .selectAll('e')
    .select('p.name as actor_name')
    .where('e.target_id', '=', targetId)
    .where(inScope('e.agency_id', scope))
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}
