import { inScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { NewRow, Row } from '../platform/db/schema.ts';

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

/** The id of the agency of that short name, or undefined (the agencies table is instance-wide). */
export async function findAgencyIdByShortName(db: Db, shortName: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('agencies')
    .select('id')
    .where('short_name', '=', shortName)
    .executeTakeFirst();
  return row?.id;
}

/** The agencies of those short names. */
export async function agenciesByShortNames(db: Db, shortNames: readonly string[]) {
  return db
    .selectFrom('agencies')
    .select(['id', 'short_name'])
    .where('short_name', 'in', [...shortNames])
    .execute();
}

/** Whether any agency exists yet (the demo loads only into an empty database). */
export async function anyAgency(db: Db): Promise<boolean> {
  const row = await db.selectFrom('agencies').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** A new agency (instance-wide: the agencies table has no agency_id). */
export async function insertAgencyRow(db: Db, values: NewRow<'agencies'>) {
  return db.insertInto('agencies').values(values).returningAll().executeTakeFirstOrThrow();
}

/** A new unit of the agency. */
export async function insertUnitRow(db: Db, own: OwnAgency, values: NewRow<'units'>) {
  return db
    .insertInto('units')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The agency's units. */
export async function unitsOf(db: Db, own: OwnAgency) {
  return db
    .selectFrom('units')
    .select(['id', 'agency_id', 'name'])
    .where(inScope('agency_id', own))
    .execute();
}

/** The agency's people. */
export async function peopleOf(db: Db, own: OwnAgency) {
  return db.selectFrom('people').select(['id', 'name']).where(inScope('agency_id', own)).execute();
}

/** The agency's people by name, each with every role granted to them (one row per grant, or one without). */
export async function peopleWithGrants(db: Db, own: OwnAgency) {
  return db
    .selectFrom('people as p')
    .leftJoin('role_grants as g', (j) =>
      j.onRef('g.person_id', '=', 'p.id').onRef('g.agency_id', '=', 'p.agency_id'),
    )
    .select(['p.id', 'p.name', 'p.agency_id', 'g.role'])
    .where(inScope('p.agency_id', own))
    .execute();
}

/** Suspends the person's certificate and returns its id. */
export async function suspendCertificateOf(
  db: Db,
  own: OwnAgency,
  personId: string,
  now: Date,
): Promise<string> {
  await db
    .updateTable('certificates')
    .set({ status: 'suspended', updated_at: now })
    .where('person_id', '=', personId)
    .where(inScope('agency_id', own))
    .execute();
  const cert = await db
    .selectFrom('certificates')
    .select('id')
    .where('person_id', '=', personId)
    .where(inScope('agency_id', own))
    .executeTakeFirstOrThrow();
  return cert.id;
}

/** A certificate's history row. */
export async function insertCertificateEventRow(
  db: Db,
  own: OwnAgency,
  values: NewRow<'certificate_events'>,
) {
  return db
    .insertInto('certificate_events')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The agency's power items (id, kind and code), by code. */
export async function powerItemsOf(db: Db, own: OwnAgency) {
  return db
    .selectFrom('power_items')
    .select(['id', 'agency_id', 'kind', 'code'])
    .where(inScope('agency_id', own))
    .orderBy('code')
    .execute();
}

/** The id of the agency's power item of that code. */
export async function powerItemIdByCode(db: Db, own: OwnAgency, code: string): Promise<string> {
  const row = await db
    .selectFrom('power_items')
    .select('id')
    .where('code', '=', code)
    .where(inScope('agency_id', own))
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The names of the versions of the agency's items, oldest version first. */
export async function powerItemNames(db: Db, own: OwnAgency, itemIds: readonly string[]) {
  return db
    .selectFrom('power_item_versions')
    .select(['item_id', 'name', 'version'])
    .where('item_id', 'in', [...itemIds])
    .where(inScope('agency_id', own))
    .orderBy('version')
    .execute();
}

/** The id of a version of the agency's item. */
export async function powerVersionId(
  db: Db,
  own: OwnAgency,
  itemId: string,
  version: number,
): Promise<string> {
  const row = await db
    .selectFrom('power_item_versions')
    .select('id')
    .where('item_id', '=', itemId)
    .where('version', '=', version)
    .where(inScope('agency_id', own))
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The id of the latest enforcement step recorded for the agency's subject. */
export async function latestStepId(
  db: Db,
  own: OwnAgency,
  subjectType: Row<'enforcement_steps'>['subject_type'],
  subjectId: string,
): Promise<string> {
  const row = await db
    .selectFrom('enforcement_steps')
    .select('id')
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .where(inScope('agency_id', own))
    .orderBy('recorded_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Publications of the agency, in one statement (the demo writes hundreds). */
export async function insertPublicationRows(db: Db, own: OwnAgency, rows: readonly NewRow<'publications'>[]) {
  if (rows.length === 0) return [];
  return db
    .insertInto('publications')
    .values(rows.map((row) => ({ ...row, agency_id: own.agencyId })))
    .returningAll()
    .execute();
}

/** Publication history rows of the agency, in one statement. */
export async function insertPublicationEventRows(
  db: Db,
  own: OwnAgency,
  rows: readonly NewRow<'publication_events'>[],
) {
  if (rows.length === 0) return [];
  return db
    .insertInto('publication_events')
    .values(rows.map((row) => ({ ...row, agency_id: own.agencyId })))
    .returningAll()
    .execute();
}

/** The serial the agency's next document of `type` in `year` takes (1 when none was numbered yet). */
export async function nextSerialOf(db: Db, own: OwnAgency, type: string, year: number): Promise<number> {
  const row = await db
    .selectFrom('document_number_sequences')
    .select('next_serial')
    .where(inScope('agency_id', own))
    .where('type', '=', type)
    .where('year', '=', year)
    .executeTakeFirst();
  return row?.next_serial ?? 1;
}

/**
 * Numbering continues after documents made before the platform (the demo's published decisions, loaded
 * before any case): the type's next serial in `year` starts at `next`. A counter only ever moves forward by
 * one (its trigger, 0008), so this starts a year's counter and leaves one already running as it is.
 */
export async function continueNumbering(db: Db, own: OwnAgency, type: string, year: number, next: number) {
  await db
    .insertInto('document_number_sequences')
    .values({ agency_id: own.agencyId, type, year, next_serial: next })
    .onConflict((oc) => oc.columns(['agency_id', 'type', 'year']).doNothing())
    .execute();
}

/** The id of the agency's item whose newest version has this name. */
export async function itemIdByName(db: Db, own: OwnAgency, name: string): Promise<string> {
  const row = await db
    .selectFrom('power_item_versions')
    .select('item_id')
    .where('name', '=', name)
    .where(inScope('agency_id', own))
    .orderBy('version', 'desc')
    .executeTakeFirstOrThrow();
  return row.item_id;
}
