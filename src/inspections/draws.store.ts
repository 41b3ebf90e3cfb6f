import type { Transaction } from 'kysely';
import { inScope, type AgencyScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import type { Reader } from './targets.store.ts';

/** Commitments, beacons, draws and assignments of random inspection. Every statement is scoped. */

export type CommitmentRow = Row<'inspection_commitments'>;
export type BeaconRow = Row<'inspection_beacons'>;
export type DrawRow = Row<'inspection_draws'>;
export type AssignmentRow = Row<'inspection_assignments'>;

export async function insertCommitment(trx: Transaction<DB>, row: CommitmentRow): Promise<void> {
  await trx
    .insertInto('inspection_commitments')
    .values({
      ...row,
      commitment: JSON.stringify(row.commitment),
      beacon_sources: JSON.stringify(row.beacon_sources),
    })
    .execute();
}

export const commitmentOfTask = (db: Reader, scope: AgencyScope, taskId: string) =>
  db
    .selectFrom('inspection_commitments')
    .selectAll()
    .where('task_id', '=', taskId)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();

export const commitmentById = (db: Reader, scope: AgencyScope, id: string) =>
  db
    .selectFrom('inspection_commitments')
    .selectAll()
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();

export async function insertBeacon(trx: Transaction<DB>, row: BeaconRow): Promise<void> {
  await trx.insertInto('inspection_beacons').values(row).execute();
}

export const beaconsOf = (db: Reader, scope: AgencyScope, commitmentId: string) =>
  db
    .selectFrom('inspection_beacons')
    .selectAll()
    .where('commitment_id', '=', commitmentId)
    .where(inScope('agency_id', scope))
    .orderBy('position')
    .execute();

export async function insertDraw(trx: Transaction<DB>, row: DrawRow): Promise<void> {
  await trx
    .insertInto('inspection_draws')
    .values({ ...row, selection: JSON.stringify(row.selection) })
    .execute();
}

export const drawOfCommitment = (db: Reader, scope: AgencyScope, commitmentId: string) =>
  db
    .selectFrom('inspection_draws')
    .selectAll()
    .where('commitment_id', '=', commitmentId)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();

export const drawById = (db: Reader, scope: AgencyScope, id: string) =>
  db
    .selectFrom('inspection_draws')
    .selectAll()
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();

export async function insertAssignments(trx: Transaction<DB>, rows: readonly AssignmentRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('inspection_assignments')
    .values(rows.map((r) => ({ ...r, inspector_ids: JSON.stringify(r.inspector_ids) })))
    .execute();
}

export const assignmentsOfDraw = (db: Reader, scope: AgencyScope, drawId: string) =>
  db
    .selectFrom('inspection_assignments as a')
    .innerJoin('inspection_targets as t', (j) =>
      j.onRef('t.id', '=', 'a.target_id').onRef('t.agency_id', '=', 'a.agency_id'),
    )
    .selectAll('a')
    .select(['t.credit_code', 't.name as target_name', 't.address as target_address'])
    .where('a.draw_id', '=', drawId)
    .where(inScope('a.agency_id', scope))
    .orderBy('a.position')
    .execute();

/** The agency's draws, newest first, with their task (the portal's list, 抽查任务公告). */
export const drawsOf = (db: Reader, scope: AgencyScope) =>
  db
    .selectFrom('inspection_draws as d')
    .innerJoin('inspection_commitments as c', (j) =>
      j.onRef('c.id', '=', 'd.commitment_id').onRef('c.agency_id', '=', 'd.agency_id'),
    )
    .innerJoin('inspection_tasks as t', (j) =>
      j.onRef('t.id', '=', 'c.task_id').onRef('t.agency_id', '=', 'c.agency_id'),
    )
    .select([
      'd.id',
      'd.agency_id',
      'd.drawn_at',
      'd.seed',
      'd.selection',
      'c.commitment_sha256',
      'c.committed_at',
      't.id as task_id',
      't.title',
      't.field',
      't.cancelled_at',
      't.cancelled_reason',
    ])
    .where(inScope('d.agency_id', scope))
    .orderBy('d.drawn_at', 'desc')
    .execute();

/** Certificates of the agency by number: whose they are (to assign the drawn inspectors). */
export async function certificateHolders(
  db: Reader,
  scope: OwnAgency,
  numbers: readonly string[],
): Promise<Map<string, { personId: string; name: string }>> {
  if (numbers.length === 0) return new Map();
  const rows = await db
    .selectFrom('certificates as c')
    .innerJoin('people as p', (j) =>
      j.onRef('p.id', '=', 'c.person_id').onRef('p.agency_id', '=', 'c.agency_id'),
    )
    .select(['c.number', 'p.id', 'p.name'])
    .where('c.number', 'in', numbers)
    .where('c.agency_id', '=', scope.agencyId)
    .execute();
  return new Map(rows.map((r) => [r.number, { personId: r.id, name: r.name }]));
}

/** The agency's certificates of active people, with their facts: the inspector pool's candidates. */
export const poolCertificates = (db: Reader, scope: OwnAgency) =>
  db
    .selectFrom('certificates as c')
    .innerJoin('people as p', (j) =>
      j.onRef('p.id', '=', 'c.person_id').onRef('p.agency_id', '=', 'c.agency_id'),
    )
    .select(['c.id', 'c.number', 'c.fields', 'c.valid_from', 'c.valid_to', 'p.id as person_id', 'p.name'])
    .where('c.agency_id', '=', scope.agencyId)
    .where('p.active', '=', true)
    .orderBy('c.number')
    .execute();
