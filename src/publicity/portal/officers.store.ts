import { inScope, unscoped, type AgencyScope } from '../../platform/db/agency-scope.ts';
import type { Db } from '../../platform/db/database.ts';

/**
 * The certificates as the portal shows them (S-2.1, S-3): only name, unit, post, fields, number and
 * validity; nothing else about a person is ever selected. The tables are the org area's: read here until
 * the lead consolidates issue 11's stores.
 */
function publicCertificates(db: Db) {
  return db
    .selectFrom('certificates as c')
    .innerJoin('people as p', (j) =>
      j.onRef('p.id', '=', 'c.person_id').onRef('p.agency_id', '=', 'c.agency_id'),
    )
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .leftJoin('units as u', (j) => j.onRef('u.id', '=', 'p.unit_id').onRef('u.agency_id', '=', 'p.agency_id'))
    .select([
      'c.id',
      'c.number',
      'c.fields',
      'c.valid_from',
      'c.valid_to',
      'c.agency_id',
      'a.name as agency_name',
      'p.name as person_name',
      'p.post',
      'u.name as unit_name',
    ]);
}

export type PublicCertificateRow = Awaited<
  ReturnType<ReturnType<typeof publicCertificates>['execute']>
>[number];

/** The certificates of the agency's active people, by unit then name. */
export async function activeCertificates(db: Db, scope: AgencyScope): Promise<PublicCertificateRow[]> {
  return publicCertificates(db)
    .where(inScope('c.agency_id', scope))
    .where('p.active', '=', true)
    .orderBy('u.name')
    .orderBy('p.name')
    .orderBy('c.number')
    .execute();
}

/**
 * A certificate by its number, for the public lookup (the number on an officer's card; the public does not
 * say the agency, and the page shows which it is).
 */
export async function certificatesByNumberUnscoped(db: Db, number: string): Promise<PublicCertificateRow[]> {
  return publicCertificates(db).where('c.number', '=', number).$call(unscoped).execute();
}
