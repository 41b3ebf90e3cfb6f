import type { Reader } from '../../cases/cases.store.ts';
import { inScope, type AgencyScope, type OwnAgency } from '../../platform/db/agency-scope.ts';
import type { Row } from '../../platform/db/schema.ts';

/** SQL of the agency's pairings with the county platform (`upstreams`, 0027): the newest row is in force. */

export type UpstreamRow = Row<'upstreams'>;

export async function upstreamOf(db: Reader, own: OwnAgency): Promise<UpstreamRow | undefined> {
  return db
    .selectFrom('upstreams')
    .selectAll()
    .where(inScope('agency_id', own))
    .orderBy('paired_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The pairing in force of each agency of the scope that has one. */
export async function upstreamsIn(db: Reader, scope: AgencyScope): Promise<UpstreamRow[]> {
  if (scope.agencyIds.length === 0) return [];
  const rows = await db
    .selectFrom('upstreams')
    .selectAll()
    .where(inScope('agency_id', scope))
    .orderBy('paired_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.agency_id) && seen.add(r.agency_id));
}

export async function insertUpstream(
  db: Reader,
  own: OwnAgency,
  values: Omit<UpstreamRow, 'agency_id'>,
): Promise<UpstreamRow> {
  return db
    .insertInto('upstreams')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The agencies of this instance (not a business table), for the command line to choose from. */
export async function instanceAgencies(db: Reader) {
  return db.selectFrom('agencies').select(['id', 'name', 'credit_code']).orderBy('credit_code').execute();
}
