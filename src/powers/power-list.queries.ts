import type { ExpressionBuilder } from 'kysely';
import type { CommandDeps } from '../platform/audit/command.ts';
import { authorize, readableAgencies } from '../platform/auth/policy.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/clock.ts';
import { agenciesScope, inScope, ownAgency, type AgencyScope } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import { reachScopeOf } from '../platform/db/agency-scope.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { benchmarkFor, type BenchmarkResult, type Circumstance } from './discretion.rules.ts';
import { powersPolicy } from './power-list.policy.ts';
import { withBasisDefaults } from './legal-basis.rules.ts';
import { versionInForce } from './power-list.rules.ts';
import { itemCode } from './power-list.store.ts';
import type {
  PowerDetail,
  PowerItem,
  PowersQuery,
  PowerVersion,
  PublishedPower,
  PublishedQuery,
} from './power-list.schema.ts';

/** Reads of the power list (权责清单): items with their versions, the published list, benchmark checks. */

type VersionRow = Row<'power_item_versions'> & { unit_name: string | null; author_name: string | null };

function versionOf(r: VersionRow): PowerVersion {
  return {
    id: r.id,
    itemId: r.item_id,
    version: r.version,
    status: r.status,
    effectiveFrom: r.effective_from,
    reason: r.reason,
    withdrawn: r.withdrawn,
    name: r.name,
    legalBases: withBasisDefaults(r.legal_bases),
    unitId: r.unit_id,
    unitName: r.unit_name,
    procedure: r.procedure,
    timeLimit: r.time_limit,
    fees: r.fees,
    supervision: r.supervision,
    remedies: r.remedies,
    randomInspection: r.random_inspection,
    benchmarks: r.benchmarks,
    authorId: r.author_id,
    authorName: r.author_name,
    createdAt: r.created_at.toISOString(),
  };
}

function versionsQuery(db: Db, scope: AgencyScope) {
  return db
    .selectFrom('power_item_versions as v')
    .leftJoin('units', (j) =>
      j.onRef('units.id', '=', 'v.unit_id').onRef('units.agency_id', '=', 'v.agency_id'),
    )
    .leftJoin('people', (j) =>
      j.onRef('people.id', '=', 'v.author_id').onRef('people.agency_id', '=', 'v.agency_id'),
    )
    .where(inScope('v.agency_id', scope))
    .selectAll('v')
    .select(['units.name as unit_name', 'people.name as author_name']);
}

async function versionsOf(db: Db, scope: AgencyScope, itemIds: string[]): Promise<PowerVersion[]> {
  if (itemIds.length === 0) return [];
  const rows = await versionsQuery(db, scope)
    .where('v.item_id', 'in', itemIds)
    .orderBy('v.version')
    .execute();
  return rows.map(versionOf);
}

/** Items in the order of `ids`, each with its newest version and the number of the version in force today. */
async function loadItems(db: Db, scope: AgencyScope, ids: string[], today: string): Promise<PowerItem[]> {
  if (ids.length === 0) return [];
  const items = await db
    .selectFrom('power_items')
    .selectAll()
    .where('id', 'in', ids)
    .where(inScope('agency_id', scope))
    .execute();
  const versions = await versionsOf(db, scope, ids);
  return ids.flatMap((id) => {
    const item = items.find((i) => i.id === id);
    const own = versions.filter((v) => v.itemId === id);
    const latest = own.at(-1);
    if (!item || !latest) return [];
    return [
      {
        id,
        agencyId: item.agency_id,
        code: item.code,
        kind: item.kind,
        latest,
        inForceVersion: versionInForce(own, today)?.version ?? null,
      },
    ];
  });
}

/** The newest version of each item: no other version of the same item has a higher number. */
const isLatest = (eb: ExpressionBuilder<DB & { v: DB['power_item_versions'] }, 'v'>) =>
  eb.not(
    eb.exists(
      eb
        .selectFrom('power_item_versions as newer')
        .select('newer.id')
        .whereRef('newer.item_id', '=', 'v.item_id')
        .whereRef('newer.agency_id', '=', 'v.agency_id')
        .whereRef('newer.version', '>', 'v.version'),
    ),
  );

export async function listPowers(
  deps: CommandDeps,
  principal: Principal,
  query: PowersQuery,
): Promise<{ items: PowerItem[]; total: number }> {
  const agencies = query.agencyId ? [query.agencyId] : readableAgencies(principal, powersPolicy.read);
  for (const id of agencies) authorize(principal, powersPolicy.read, id);
  if (agencies.length === 0) return { items: [], total: 0 };
  const scope = agenciesScope(agencies);
  let q = deps.db
    .selectFrom('power_items as i')
    .innerJoin('power_item_versions as v', (j) =>
      j.onRef('v.item_id', '=', 'i.id').onRef('v.agency_id', '=', 'i.agency_id'),
    )
    .where(inScope('i.agency_id', scope))
    .where(isLatest);
  if (query.kind) q = q.where('i.kind', '=', query.kind);
  if (query.status) q = q.where('v.status', '=', query.status);
  if (query.randomInspection) {
    q = q.where('v.random_inspection', query.randomInspection === 'true' ? 'is not' : 'is', null);
  }
  if (query.q) {
    const like = `%${query.q}%`;
    q = q.where((eb) => eb.or([eb('v.name', 'like', like), eb('i.code', 'like', like)]));
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q
    .select('i.id')
    .orderBy('i.code')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const items = await loadItems(
    deps.db,
    scope,
    rows.map((r) => r.id),
    chinaDate(deps.clock.now()),
  );
  return { items, total: Number(total) };
}

/** The agency of an item within the scope (NOT_FOUND outside it). */
export async function itemAgency(db: Db, scope: AgencyScope, id: string): Promise<string> {
  const row = await db
    .selectFrom('power_items')
    .select('agency_id')
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row.agency_id;
}

export async function getPower(deps: CommandDeps, principal: Principal, id: string): Promise<PowerDetail> {
  const agencyId = await itemAgency(deps.db, reachScopeOf(principal, powersPolicy.read), id);
  authorize(principal, powersPolicy.read, agencyId);
  const scope = ownAgency(agencyId);
  const [item] = await loadItems(deps.db, scope, [id], chinaDate(deps.clock.now()));
  if (!item) throw new AppError('NOT_FOUND');
  const versions = await versionsOf(deps.db, scope, [id]);
  const reviews = await deps.db
    .selectFrom('power_review_events as e')
    .innerJoin('power_item_versions as v', (j) =>
      j.onRef('v.id', '=', 'e.version_id').onRef('v.agency_id', '=', 'e.agency_id'),
    )
    .leftJoin('people', (j) =>
      j.onRef('people.id', '=', 'e.actor_id').onRef('people.agency_id', '=', 'e.agency_id'),
    )
    .select(['e.id', 'v.version', 'e.action', 'e.note', 'e.at', 'people.name as actor_name'])
    .where(inScope('e.agency_id', scope))
    .where('v.item_id', '=', id)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return {
    item,
    versions,
    reviews: reviews.map((r) => ({
      id: r.id,
      version: r.version,
      action: r.action,
      note: r.note,
      actorName: r.actor_name,
      at: r.at.toISOString(),
    })),
  };
}

/**
 * The published list on a day, as the portal shows it: per item the version in force (the SQL form of
 * `versionInForce`: published, effective by then, no later published version, not withdrawn).
 * Takes no principal: the list is public (S-2); callers choose the agencies.
 */
export async function publishedPowers(
  db: Db,
  scope: AgencyScope,
  on: string,
  query: Omit<PublishedQuery, 'agencyId' | 'on'>,
): Promise<{ items: PublishedPower[]; total: number }> {
  if (scope.agencyIds.length === 0) return { items: [], total: 0 };
  let q = db
    .selectFrom('power_items as i')
    .innerJoin('power_item_versions as v', (j) =>
      j.onRef('v.item_id', '=', 'i.id').onRef('v.agency_id', '=', 'i.agency_id'),
    )
    .where(inScope('i.agency_id', scope))
    .where('v.status', '=', 'published')
    .where('v.effective_from', '<=', on)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('power_item_versions as later')
            .select('later.id')
            .whereRef('later.item_id', '=', 'v.item_id')
            .whereRef('later.agency_id', '=', 'v.agency_id')
            .where('later.status', '=', 'published')
            .where('later.effective_from', '<=', on)
            .where((l) =>
              l.or([
                l('later.effective_from', '>', l.ref('v.effective_from')),
                l.and([
                  l('later.effective_from', '=', l.ref('v.effective_from')),
                  l('later.version', '>', l.ref('v.version')),
                ]),
              ]),
            ),
        ),
      ),
    )
    .where('v.withdrawn', '=', false);
  if (query.kind) q = q.where('i.kind', '=', query.kind);
  if (query.randomInspection) {
    q = q.where('v.random_inspection', query.randomInspection === 'true' ? 'is not' : 'is', null);
  }
  if (query.q) {
    const like = `%${query.q}%`;
    q = q.where((eb) => eb.or([eb('v.name', 'like', like), eb('i.code', 'like', like)]));
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q
    .select(['v.id', 'i.agency_id', 'i.code', 'i.kind'])
    .orderBy('i.code')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const ids = rows.map((r) => r.id);
  const versions = ids.length === 0 ? [] : await versionsQuery(db, scope).where('v.id', 'in', ids).execute();
  const items = rows.flatMap((r) => {
    const v = versions.find((x) => x.id === r.id);
    if (!v) return [];
    const { status: _s, authorId: _a, authorName: _n, createdAt: _c, ...shown } = versionOf(v);
    return [{ ...shown, agencyId: r.agency_id, code: r.code, kind: r.kind }];
  });
  return { items, total: Number(total) };
}

export async function listPublished(
  deps: CommandDeps,
  principal: Principal,
  query: PublishedQuery,
): Promise<{ items: PublishedPower[]; total: number; on: string }> {
  const agencies = query.agencyId ? [query.agencyId] : readableAgencies(principal, powersPolicy.read);
  for (const id of agencies) authorize(principal, powersPolicy.read, id);
  const on = query.on ?? chinaDate(deps.clock.now());
  return { ...(await publishedPowers(deps.db, agenciesScope(agencies), on, query)), on };
}

/** The benchmark check on the version of a penalty item in force on a day (for the cases and review areas). */
export async function checkBenchmark(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  circumstance: Circumstance,
  amountFen: number,
  on: string | undefined,
): Promise<{ version: number | null; result: BenchmarkResult }> {
  const agencyId = await itemAgency(deps.db, reachScopeOf(principal, powersPolicy.read), id);
  authorize(principal, powersPolicy.read, agencyId);
  const scope = ownAgency(agencyId);
  const [item] = await loadItems(deps.db, scope, [id], chinaDate(deps.clock.now()));
  const versions = await versionsOf(deps.db, scope, [id]);
  const inForce = versionInForce(versions, on ?? chinaDate(deps.clock.now()));
  if (!item || !inForce) return { version: null, result: { outcome: 'no_benchmark' } };
  return {
    version: inForce.version,
    result: benchmarkFor({ kind: item.kind, benchmarks: inForce.benchmarks }, circumstance, amountFen),
  };
}

/** The published item (the version in force on the day) of the agency, or undefined. Public, like the list. */
export async function publishedItem(
  db: Db,
  scope: AgencyScope,
  itemId: string,
  on: string,
): Promise<PublishedPower | undefined> {
  const code = await itemCode(db, scope, itemId);
  if (code === undefined) return undefined;
  const { items } = await publishedPowers(db, scope, on, { q: code, page: 1, pageSize: 200 });
  return items.find((p) => p.itemId === itemId);
}

/**
 * What the county holds of an item on a day (docs/county-push.md): the published version in force, or,
 * when the item's latest published change by then withdrew it, that withdrawal (`withdrawn: true`), so
 * the county stops showing it. Undefined while nothing of it is published and in effect.
 */
export async function publishedStateOf(
  db: Db,
  scope: AgencyScope,
  itemId: string,
  on: string,
): Promise<PublishedPower | undefined> {
  const [item] = await db
    .selectFrom('power_items')
    .select(['agency_id', 'code', 'kind'])
    .where('id', '=', itemId)
    .where(inScope('agency_id', scope))
    .execute();
  if (!item) return undefined;
  const versions = await versionsOf(db, scope, [itemId]);
  const inForce =
    versionInForce(versions, on) ??
    versionInForce(
      versions.map((v) => ({ ...v, withdrawn: false })),
      on,
    );
  if (!inForce) return undefined;
  const shown = versions.find((v) => v.id === inForce.id)!;
  const { status: _s, authorId: _a, authorName: _n, createdAt: _c, ...rest } = shown;
  return { ...rest, agencyId: item.agency_id, code: item.code, kind: item.kind };
}

/** The ids of the agency's power-list items. */
export async function powerItemIds(db: Db, scope: AgencyScope): Promise<string[]> {
  const rows = await db
    .selectFrom('power_items')
    .select('id')
    .where(inScope('agency_id', scope))
    .orderBy('code')
    .execute();
  return rows.map((r) => r.id);
}
