import { inScope, type AgencyScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { NewRow, Row } from '../platform/db/schema.ts';

/**
 * The power list's commands in SQL (权责清单): items, their versions and review events. Every statement
 * is scoped by the agency (issue 11); reads of the lists are in power-list.queries.ts.
 */

export async function insertItemRow(db: Db, scope: OwnAgency, values: NewRow<'power_items'>) {
  return db
    .insertInto('power_items')
    .values({ ...values, agency_id: scope.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertVersionRow(db: Db, scope: OwnAgency, values: NewRow<'power_item_versions'>) {
  return db
    .insertInto('power_item_versions')
    .values({ ...values, agency_id: scope.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The item locked (so changes to it queue), or undefined. */
export async function lockItem(
  db: Db,
  scope: OwnAgency,
  id: string,
): Promise<Row<'power_items'> | undefined> {
  return db
    .selectFrom('power_items')
    .selectAll()
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .forUpdate()
    .executeTakeFirst();
}

export async function versionRowsOf(db: Db, scope: AgencyScope, itemId: string) {
  return db
    .selectFrom('power_item_versions')
    .selectAll()
    .where('item_id', '=', itemId)
    .where(inScope('agency_id', scope))
    .orderBy('version')
    .execute();
}

/** The item's open version (a draft or one submitted), if any. */
export async function openVersionOf(db: Db, scope: OwnAgency, itemId: string) {
  return db
    .selectFrom('power_item_versions')
    .selectAll()
    .where('item_id', '=', itemId)
    .where(inScope('agency_id', scope))
    .where('status', 'in', ['draft', 'submitted'])
    .executeTakeFirst();
}

export async function setVersionStatus(
  db: Db,
  scope: OwnAgency,
  id: string,
  status: Row<'power_item_versions'>['status'],
) {
  return db
    .updateTable('power_item_versions')
    .set({ status })
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertReviewEvent(db: Db, scope: OwnAgency, values: NewRow<'power_review_events'>) {
  await db
    .insertInto('power_review_events')
    .values({ ...values, agency_id: scope.agencyId })
    .execute();
}

/** What an import compares against: the agency's units, items and versions. */
export async function importBasis(db: Db, scope: OwnAgency) {
  const [units, items, versions] = await Promise.all([
    db.selectFrom('units').select(['id', 'name']).where(inScope('agency_id', scope)).execute(),
    db
      .selectFrom('power_items as i')
      .select(['i.id', 'i.code', 'i.kind'])
      .where(inScope('i.agency_id', scope))
      .execute(),
    db
      .selectFrom('power_item_versions')
      .select(['item_id', 'version', 'status', 'effective_from', 'withdrawn'])
      .where(inScope('agency_id', scope))
      .execute(),
  ]);
  return { units, items, versions };
}

/** An item's code, when the item is the agency's. */
export async function itemCode(db: Db, scope: AgencyScope, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('power_items')
    .select('code')
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();
  return row?.code;
}
