import type { Db } from '../../platform/db/database.ts';
import { unscoped } from '../../platform/db/agency-scope.ts';
import { escapeLike } from '../publications.queries.ts';
import type { PublicSearch } from './publications-portal.service.ts';

/**
 * The portal's reads of publications in SQL: only what is public today. The portal searches and lists every
 * agency's publications at once (the public names no agency first), so these statements are unscoped on
 * purpose and named so; a page of one agency's own is scoped by it.
 */

export const PAGE_SIZE = 20;

/** What masking needs of a row besides its party's name and credit code: its internal record. */
export const MASKING_COLUMNS = ['p.personal_records', 'p.party_kind'] as const;

/** The publications the public may see today, without their agency (a count needs no more). */
function publicOnly(db: Db, today: string) {
  return db
    .selectFrom('publications as p')
    .where((eb) =>
      eb.or([
        eb('p.status', '=', 'withdrawn'),
        eb.and([
          eb('p.status', '=', 'published'),
          eb.or([eb('p.period_ends_on', 'is', null), eb('p.period_ends_on', '>=', today)]),
        ]),
      ]),
    );
}

function publicRows(db: Db, today: string) {
  return publicOnly(db, today).innerJoin('agencies as a', 'a.id', 'p.agency_id');
}

/**
 * The statements a search runs: how many rows match (`count`) and the page of them (`page`), or both in one
 * (`pageWithTotal`). Exported so the portal search bench (bench/portal-search.bench.ts) can time and
 * EXPLAIN exactly what the route runs.
 *
 * `count` reads the publications alone (every one has its agency), so a kind and a span of dates are
 * counted from the index of 0011 without visiting the table. `pageWithTotal` counts in a window over the
 * matches (count(*) over ()) inside a subquery that is sorted outside: the subquery has no order to keep,
 * so PostgreSQL finds the matches through the trigram index instead of walking a date index in order
 * hoping for 20 early matches (with a window it cannot stop early, and a rare fragment means the whole
 * table).
 */
export function publicSearchQueriesUnscoped(db: Db, search: PublicSearch, today: string) {
  let q = publicOnly(db, today);
  if (search.q) q = q.where('p.party_name', 'like', `%${escapeLike(search.q)}%`);
  if (search.creditCode) q = q.where('p.party_credit_code', '=', search.creditCode.toUpperCase());
  if (search.documentNumber) q = q.where('p.document_number', '=', search.documentNumber);
  if (search.kind) q = q.where('p.kind', '=', search.kind);
  if (search.from) q = q.where('p.decided_on', '>=', search.from);
  if (search.to) q = q.where('p.decided_on', '<=', search.to);
  const columns = q
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select([
      'p.id',
      'a.name as agency_name',
      'p.kind',
      'p.status',
      'p.party_name',
      'p.party_credit_code',
      'p.document_number',
      'p.decided_on',
      'p.title',
      'p.published_on',
      'p.withdrawal_reason',
      ...MASKING_COLUMNS,
    ]);
  const offset = (search.page - 1) * PAGE_SIZE;
  return {
    count: q.select((eb) => eb.fn.countAll<number>().as('total')).$call(unscoped),
    page: columns
      .orderBy('p.decided_on', 'desc')
      .orderBy('p.id', 'desc')
      .limit(PAGE_SIZE)
      .offset(offset)
      .$call(unscoped),
    pageWithTotal: db
      .selectFrom(
        columns
          .select((eb) => eb.fn.countAll<number>().over().as('total'))
          .$call(unscoped)
          .as('m'),
      )
      .selectAll('m')
      .orderBy('m.decided_on', 'desc')
      .orderBy('m.id', 'desc')
      .limit(PAGE_SIZE)
      .offset(offset)
      .$call(unscoped),
  };
}

/**
 * One publication by its id for the portal's page (the address names no agency), if it was ever public.
 */
export async function publicPublicationRowUnscoped(db: Db, id: string) {
  return db
    .selectFrom('publications as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select([
      'p.id',
      'p.agency_id',
      'a.name as agency_name',
      'p.kind',
      'p.status',
      'p.party_name',
      'p.party_credit_code',
      'p.document_number',
      'p.decided_on',
      'p.title',
      'p.summary',
      'p.document_text',
      'p.published_on',
      'p.period_ends_on',
      'p.withdrawal_reason',
      'p.withdrawn_at',
      ...MASKING_COLUMNS,
    ])
    .where('p.id', '=', id)
    .where('p.status', 'in', ['published', 'withdrawn', 'ended'])
    .$call(unscoped)
    .executeTakeFirst();
}

/** The newest publications and withdrawals of every agency, for the public feeds. */
export async function feedRowsUnscoped(db: Db, today: string, limit: number) {
  const base = publicRows(db, today).select([
    'p.id',
    'a.name as agency_name',
    'p.kind',
    'p.title',
    'p.party_name',
    'p.party_credit_code',
    'p.document_number',
    'p.summary',
    'p.withdrawal_reason',
    'p.published_at',
    'p.withdrawn_at',
    ...MASKING_COLUMNS,
  ]);
  return Promise.all([
    base
      .where('p.status', '=', 'published')
      .orderBy('p.published_at', 'desc')
      .limit(limit)
      .$call(unscoped)
      .execute(),
    base
      .where('p.withdrawn_at', 'is not', null)
      .orderBy('p.withdrawn_at', 'desc')
      .limit(limit)
      .$call(unscoped)
      .execute(),
  ]);
}
