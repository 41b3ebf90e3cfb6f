import type { Transaction } from 'kysely';
import { inScope, type AgencyScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import type { Reader } from './targets.store.ts';

/** Plans and tasks (inspection_plans, inspection_tasks). Every statement is scoped. */

export type PlanRow = Row<'inspection_plans'>;
export type TaskRow = Row<'inspection_tasks'>;

export async function insertPlan(trx: Transaction<DB>, row: PlanRow): Promise<void> {
  await trx.insertInto('inspection_plans').values(row).execute();
}

export const planById = (db: Reader, scope: AgencyScope, id: string) =>
  db
    .selectFrom('inspection_plans')
    .selectAll()
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();

export const lockPlan = (trx: Transaction<DB>, scope: OwnAgency, id: string) =>
  trx
    .selectFrom('inspection_plans')
    .selectAll()
    .where('id', '=', id)
    .where('agency_id', '=', scope.agencyId)
    .forUpdate()
    .executeTakeFirst();

export const planWithTitle = (db: Reader, scope: OwnAgency, year: number, title: string) =>
  db
    .selectFrom('inspection_plans')
    .select('id')
    .where('agency_id', '=', scope.agencyId)
    .where('year', '=', year)
    .where('title', '=', title)
    .executeTakeFirst();

export async function plansOf(
  db: Reader,
  scope: AgencyScope,
  only: { published?: boolean; year?: number } = {},
): Promise<PlanRow[]> {
  let q = db.selectFrom('inspection_plans').selectAll().where(inScope('agency_id', scope));
  if (only.published) q = q.where('published_at', 'is not', null);
  if (only.year) q = q.where('year', '=', only.year);
  return q.orderBy('year', 'desc').orderBy('created_at', 'desc').execute();
}

export async function setPlanApproved(
  trx: Transaction<DB>,
  scope: OwnAgency,
  id: string,
  by: string | null,
  on: string,
): Promise<void> {
  await trx
    .updateTable('inspection_plans')
    .set({ approved_by: by, approved_on: on })
    .where('id', '=', id)
    .where('agency_id', '=', scope.agencyId)
    .where('approved_on', 'is', null)
    .execute();
}

export async function setPlanPublished(trx: Transaction<DB>, scope: OwnAgency, id: string, at: Date) {
  await trx
    .updateTable('inspection_plans')
    .set({ published_at: at })
    .where('id', '=', id)
    .where('agency_id', '=', scope.agencyId)
    .where('published_at', 'is', null)
    .execute();
}

export async function insertTask(trx: Transaction<DB>, row: TaskRow): Promise<void> {
  await trx
    .insertInto('inspection_tasks')
    .values({
      ...row,
      quotas: JSON.stringify(row.quotas),
      joint_agencies: JSON.stringify(row.joint_agencies),
    })
    .execute();
}

/** The tasks of these plans with their item's name, commitment and draw (a plan page, the portal). */
export async function tasksOfPlans(db: Reader, scope: AgencyScope, planIds: readonly string[]) {
  if (planIds.length === 0) return [];
  return db
    .selectFrom('inspection_tasks as t')
    .leftJoin('inspection_commitments as c', (j) =>
      j.onRef('c.task_id', '=', 't.id').onRef('c.agency_id', '=', 't.agency_id'),
    )
    .leftJoin('inspection_draws as d', (j) =>
      j.onRef('d.commitment_id', '=', 'c.id').onRef('d.agency_id', '=', 'c.agency_id'),
    )
    .selectAll('t')
    .select(['c.id as commitment_id', 'd.id as draw_id'])
    .where('t.plan_id', 'in', planIds)
    .where(inScope('t.agency_id', scope))
    .orderBy('t.starts_on')
    .orderBy('t.created_at')
    .execute();
}

export const lockTask = (trx: Transaction<DB>, scope: OwnAgency, id: string) =>
  trx
    .selectFrom('inspection_tasks')
    .selectAll()
    .where('id', '=', id)
    .where('agency_id', '=', scope.agencyId)
    .forUpdate()
    .executeTakeFirst();

export const taskById = (db: Reader, scope: AgencyScope, id: string) =>
  db
    .selectFrom('inspection_tasks')
    .selectAll()
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();

export async function setTaskCancelled(
  trx: Transaction<DB>,
  scope: OwnAgency,
  id: string,
  set: { at: Date; reason: string; by: string | null },
): Promise<void> {
  await trx
    .updateTable('inspection_tasks')
    .set({ cancelled_at: set.at, cancelled_reason: set.reason, cancelled_by: set.by })
    .where('id', '=', id)
    .where('agency_id', '=', scope.agencyId)
    .where('cancelled_at', 'is', null)
    .execute();
}
