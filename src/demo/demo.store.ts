import type { OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';

/**
 * The demo loaders' reads (the demo seeds several agencies: each read names the agency it is for). The
 * agencies table is instance-wide (no agency_id): the demo bureau is found by its short name.
 */

/** The id of the agency of that short name (e.g. 衡县市监). */
export async function agencyIdByShortName(db: Db, shortName: string): Promise<string> {
  const row = await db
    .selectFrom('agencies')
    .select('id')
    .where('short_name', '=', shortName)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A person of the agency by name, with their account. */
export async function personByName(db: Db, own: OwnAgency, name: string) {
  return db
    .selectFrom('people as p')
    .leftJoin('accounts as ac', (j) =>
      j.onRef('ac.person_id', '=', 'p.id').onRef('ac.agency_id', '=', 'p.agency_id'),
    )
    .select(['p.id', 'p.agency_id', 'p.name', 'ac.id as account_id', 'ac.username'])
    .where('p.agency_id', '=', own.agencyId)
    .where('p.name', '=', name)
    .executeTakeFirstOrThrow();
}

/** The roles the person holds now. */
export async function rolesHeld(db: Db, own: OwnAgency, personId: string): Promise<string[]> {
  const grants = await db
    .selectFrom('role_grants')
    .select('role')
    .where('person_id', '=', personId)
    .where('agency_id', '=', own.agencyId)
    .where('revoked_at', 'is', null)
    .execute();
  return grants.map((g) => g.role);
}

/** A case of the agency by its title and kind. */
export async function caseByTitle(db: Db, own: OwnAgency, title: string, kind: Row<'cases'>['kind']) {
  return db
    .selectFrom('cases')
    .select(['id', 'discovered_on'])
    .where('agency_id', '=', own.agencyId)
    .where('title', '=', title)
    .where('kind', '=', kind)
    .executeTakeFirst();
}

/** The version of a case of the agency (for the next step's optimistic lock). */
export async function caseVersion(db: Db, own: OwnAgency, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select('version')
    .where('id', '=', caseId)
    .where('agency_id', '=', own.agencyId)
    .executeTakeFirstOrThrow();
  return row.version;
}
