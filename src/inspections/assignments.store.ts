import { sql, type Transaction } from 'kysely';
import { inScope, type AgencyScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { DB, InspectionResult } from '../platform/db/schema.ts';
import type { Reader } from './targets.store.ts';

/** The drawn inspections (inspection_assignments) with their task, target and case. Scoped. */

export async function assignmentsOf(
  db: Reader,
  scope: AgencyScope,
  only: { personId?: string; drawId?: string; id?: string; published?: boolean } = {},
) {
  let q = db
    .selectFrom('inspection_assignments as a')
    .innerJoin('inspection_targets as t', (j) =>
      j.onRef('t.id', '=', 'a.target_id').onRef('t.agency_id', '=', 'a.agency_id'),
    )
    .innerJoin('inspection_draws as d', (j) =>
      j.onRef('d.id', '=', 'a.draw_id').onRef('d.agency_id', '=', 'a.agency_id'),
    )
    .innerJoin('inspection_commitments as c', (j) =>
      j.onRef('c.id', '=', 'd.commitment_id').onRef('c.agency_id', '=', 'd.agency_id'),
    )
    .innerJoin('inspection_tasks as k', (j) =>
      j.onRef('k.id', '=', 'c.task_id').onRef('k.agency_id', '=', 'c.agency_id'),
    )
    .leftJoin('cases as s', (j) => j.onRef('s.id', '=', 'a.case_id').onRef('s.agency_id', '=', 'a.agency_id'))
    .selectAll('a')
    .select([
      't.credit_code',
      't.name as target_name',
      't.address as target_address',
      'k.id as task_id',
      'k.title as task_title',
      'k.field',
      's.case_number',
      's.state as case_state',
    ])
    .where(inScope('a.agency_id', scope));
  if (only.id) q = q.where('a.id', '=', only.id);
  if (only.drawId) q = q.where('a.draw_id', '=', only.drawId);
  if (only.personId) {
    const personId = only.personId;
    q = q.where(sql<boolean>`jsonb_exists(a.inspector_ids, ${personId})`);
  }
  if (only.published) q = q.where('a.published_at', 'is not', null);
  return q.orderBy('d.drawn_at', 'desc').orderBy('a.position').execute();
}

export type AssignmentListRow = Awaited<ReturnType<typeof assignmentsOf>>[number];

export const lockAssignment = (trx: Transaction<DB>, scope: OwnAgency, id: string) =>
  trx
    .selectFrom('inspection_assignments')
    .selectAll()
    .where('id', '=', id)
    .where('agency_id', '=', scope.agencyId)
    .forUpdate()
    .executeTakeFirst();

export async function setResult(
  trx: Transaction<DB>,
  scope: OwnAgency,
  id: string,
  set: { result: InspectionResult; on: string; summary: string; by: string | null; dueOn: string },
): Promise<void> {
  await trx
    .updateTable('inspection_assignments')
    .set({
      result: set.result,
      result_on: set.on,
      result_summary: set.summary,
      result_by: set.by,
      publish_due_on: set.dueOn,
    })
    .where('id', '=', id)
    .where('agency_id', '=', scope.agencyId)
    .where('result', 'is', null)
    .execute();
}

export async function setPublished(
  trx: Transaction<DB>,
  scope: OwnAgency,
  id: string,
  at: Date,
  by: string | null,
): Promise<void> {
  await trx
    .updateTable('inspection_assignments')
    .set({ published_at: at, published_by: by })
    .where('id', '=', id)
    .where('agency_id', '=', scope.agencyId)
    .where('published_at', 'is', null)
    .execute();
}
