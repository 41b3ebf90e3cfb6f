import { inScope, type AgencyScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Reader } from './cases.store.ts';

/**
 * What a case reads of its agency's power list (权责清单: power_items and their versions) and of its units:
 * the item a case is opened under and its benchmarks on the decision date. Scoped by the case's agency.
 */

/** The agency's item with this id (code and kind), if it is in the agency's list. */
export async function itemOfAgency(db: Reader, scope: OwnAgency, itemId: string) {
  return db
    .selectFrom('power_items')
    .select(['code', 'kind', 'agency_id'])
    .where('id', '=', itemId)
    .where('agency_id', '=', scope.agencyId)
    .executeTakeFirst();
}

/** The item's kind and every version of it with its benchmarks, within the scope. */
export async function itemWithVersions(db: Reader, scope: AgencyScope, itemId: string) {
  const item = await db
    .selectFrom('power_items')
    .select('kind')
    .where('id', '=', itemId)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();
  if (!item) return null;
  const versions = await db
    .selectFrom('power_item_versions')
    .select(['version', 'status', 'effective_from', 'withdrawn', 'benchmarks'])
    .where('item_id', '=', itemId)
    .where(inScope('agency_id', scope))
    .execute();
  return { kind: item.kind, versions };
}

/** Whether the unit is one of the agency's. */
export async function isUnitOfAgency(db: Reader, scope: OwnAgency, unitId: string): Promise<boolean> {
  const unit = await db
    .selectFrom('units')
    .select('id')
    .where('id', '=', unitId)
    .where('agency_id', '=', scope.agencyId)
    .executeTakeFirst();
  return unit !== undefined;
}
