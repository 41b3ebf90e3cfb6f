import { inScope, type AgencyScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { NewRow } from '../platform/db/schema.ts';

/** Service guides in SQL (服务指南): revisions per item of the power list, scoped by the agency. */

/** The newest revision of an item's guide with its author's name, and how many revisions there are. */
export async function newestGuide(db: Db, scope: AgencyScope, itemId: string) {
  const rows = await db
    .selectFrom('service_guides as g')
    .leftJoin('people', (j) =>
      j.onRef('people.id', '=', 'g.author_id').onRef('people.agency_id', '=', 'g.agency_id'),
    )
    .selectAll('g')
    .select('people.name as author_name')
    .where('g.item_id', '=', itemId)
    .where(inScope('g.agency_id', scope))
    .orderBy('g.revision', 'desc')
    .limit(1)
    .execute();
  const { count } = await db
    .selectFrom('service_guides')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('item_id', '=', itemId)
    .where(inScope('agency_id', scope))
    .executeTakeFirstOrThrow();
  return { latest: rows[0], count: Number(count) };
}

/** Locks the item so two saves at once number their revisions one after the other; the last revision. */
export async function lockLastRevision(db: Db, scope: OwnAgency, itemId: string): Promise<number> {
  await db
    .selectFrom('power_items')
    .select('id')
    .where('id', '=', itemId)
    .where(inScope('agency_id', scope))
    .forUpdate()
    .execute();
  const last = await db
    .selectFrom('service_guides')
    .select((eb) => eb.fn.max('revision').as('revision'))
    .where('item_id', '=', itemId)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();
  return Number(last?.revision ?? 0);
}

export async function insertGuideRow(db: Db, scope: OwnAgency, values: NewRow<'service_guides'>) {
  return db
    .insertInto('service_guides')
    .values({ ...values, agency_id: scope.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}
