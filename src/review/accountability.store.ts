import { inScope, type AgencyScope } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';

/** The accountability report's reads (accountability.service.ts), each within the agency reported on. */

/** Every decision in the period, with whether a passing review was concluded before it was made. */
export async function decisionsInPeriod(db: Db, scope: AgencyScope, from: string, to: string) {
  return db
    .selectFrom('case_events as e')
    .innerJoin('cases as c', (j) =>
      j.onRef('c.id', '=', 'e.case_id').onRef('c.agency_id', '=', 'e.agency_id'),
    )
    .select(['c.id', 'c.case_number', 'e.on_date', 'e.at'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('reviews as r')
            .select('r.id')
            .whereRef('r.case_id', '=', 'c.id')
            .whereRef('r.agency_id', '=', 'c.agency_id')
            .whereRef('r.decided_at', '<=', 'e.at')
            .where((w) =>
              w.or([
                w('r.status', 'in', ['approved', 'approved_with_changes']),
                w.and([w('r.status', '=', 'void'), w('r.result', 'in', ['approve', 'approve_with_changes'])]),
              ]),
            ),
        )
        .as('reviewed'),
    )
    .where(inScope('e.agency_id', scope))
    .where('e.step', '=', 'decide')
    .where('e.on_date', '>=', from)
    .where('e.on_date', '<=', to)
    .execute();
}

/** The reviews submitted in the period, with their case, unit, submitter and reviewer. */
export async function reviewsInPeriod(db: Db, scope: AgencyScope, start: Date, end: Date) {
  return db
    .selectFrom('reviews as r')
    .innerJoin('cases as c', (j) =>
      j.onRef('c.id', '=', 'r.case_id').onRef('c.agency_id', '=', 'r.agency_id'),
    )
    .leftJoin('units as u', (j) => j.onRef('u.id', '=', 'c.unit_id').onRef('u.agency_id', '=', 'c.agency_id'))
    .leftJoin('people as sb', (j) =>
      j.onRef('sb.id', '=', 'r.submitted_by').onRef('sb.agency_id', '=', 'r.agency_id'),
    )
    .leftJoin('people as rv', (j) =>
      j.onRef('rv.id', '=', 'r.reviewer_id').onRef('rv.agency_id', '=', 'r.agency_id'),
    )
    .select([
      'r.round',
      'r.status',
      'r.due_on',
      'r.decided_on',
      'c.case_number',
      'u.name as unit_name',
      'sb.name as submitter_name',
      'rv.name as reviewer_name',
    ])
    .where(inScope('r.agency_id', scope))
    .where('r.submitted_at', '>=', start)
    .where('r.submitted_at', '<', end)
    .orderBy('r.submitted_at')
    .execute();
}

/** The refused attempts to decide in the period. */
export async function refusalsInPeriod(db: Db, scope: AgencyScope, start: Date, end: Date) {
  return db
    .selectFrom('review_refusals as f')
    .innerJoin('cases as c', (j) =>
      j.onRef('c.id', '=', 'f.case_id').onRef('c.agency_id', '=', 'f.agency_id'),
    )
    .leftJoin('people as p', (j) =>
      j.onRef('p.id', '=', 'f.actor_id').onRef('p.agency_id', '=', 'f.agency_id'),
    )
    .select(['c.case_number', 'f.at', 'f.reason', 'f.channel', 'p.name as actor_name'])
    .where(inScope('f.agency_id', scope))
    .where('f.at', '>=', start)
    .where('f.at', '<', end)
    .orderBy('f.at')
    .execute();
}
