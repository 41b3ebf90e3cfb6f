import type { ActionKind } from '../../powers/action-kinds.ts';
import type { Db } from '../../platform/db/database.ts';
import { maskText } from '../masking.rules.ts';
import { escapeLike, publicationCode } from '../publications.queries.ts';
import { publicVisibility, shownStatus, type PublicationStatus } from '../publications.rules.ts';
import { rowMaskingRecords } from '../publications.service.ts';

/**
 * What the portal reads of publications: only what is public today — published items within their period,
 * and withdrawals with their reason. Drafts, items in review, ended items and the internal record never
 * leave here. Every parameter is bound; `%` and `_` typed by the public are plain characters.
 */
export interface PublicSearch {
  q: string;
  creditCode: string;
  documentNumber: string;
  kind: ActionKind | undefined;
  from: string | undefined;
  to: string | undefined;
  page: number;
}

export interface PublicListItem {
  id: string;
  agencyName: string;
  kind: ActionKind;
  status: 'published' | 'withdrawn';
  partyName: string;
  partyCreditCode: string | null;
  documentNumber: string;
  decidedOn: string;
  title: string;
  publishedOn: string | null;
  withdrawalReason: string | null;
}

export const PAGE_SIZE = 20;

/** What masking needs of a row besides its party's name and credit code: its internal record. */
const MASKING_COLUMNS = ['p.personal_records', 'p.party_kind'] as const;

/**
 * Every text leaving for the public is masked once more on its way out (个人信息保护法 §13; 政府信息公开条例
 * §15), by the row's own internal record: the guard refused it at publishing, and this catches a row
 * published before a spelling was known to the guard. The page, the list, the feeds and the screen all
 * read through here.
 */
function outgoing(row: Parameters<typeof rowMaskingRecords>[0]): (text: string) => string {
  const records = rowMaskingRecords(row);
  return (text) => maskText(text, records).text;
}

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
export function publicSearchQueries(db: Db, search: PublicSearch, today: string) {
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
    count: q.select((eb) => eb.fn.countAll<number>().as('total')),
    page: columns.orderBy('p.decided_on', 'desc').orderBy('p.id', 'desc').limit(PAGE_SIZE).offset(offset),
    pageWithTotal: db
      .selectFrom(columns.select((eb) => eb.fn.countAll<number>().over().as('total')).as('m'))
      .selectAll('m')
      .orderBy('m.decided_on', 'desc')
      .orderBy('m.id', 'desc')
      .limit(PAGE_SIZE)
      .offset(offset),
  };
}

/**
 * One search. A name fragment is matched through the trigram index, which is lossy: every match is read
 * from the table anyway (to recheck it, and for the public filter), so the count and the page come from
 * one pass (pageWithTotal) instead of two. Other searches count from the indexes (index-only for a kind
 * and dates, 0011) and read just the page's rows, in two statements run side by side.
 */
export async function searchPublications(
  db: Db,
  search: PublicSearch,
  today: string,
): Promise<{ items: PublicListItem[]; total: number }> {
  const queries = publicSearchQueries(db, search, today);
  let total: number;
  let rows: Awaited<ReturnType<typeof queries.page.execute>>;
  if (search.q) {
    const found = await queries.pageWithTotal.execute();
    rows = found;
    // A page past the end has no row to carry the total: count then (page 1 without rows: none match).
    total = found[0]
      ? Number(found[0].total)
      : search.page === 1
        ? 0
        : Number((await queries.count.executeTakeFirstOrThrow()).total);
  } else {
    const [counted, page] = await Promise.all([
      queries.count.executeTakeFirstOrThrow(),
      queries.page.execute(),
    ]);
    total = Number(counted.total);
    rows = page;
  }
  return {
    total,
    items: rows.map((r) => {
      const mask = outgoing(r);
      return {
        id: r.id,
        agencyName: r.agency_name,
        kind: r.kind,
        status: r.status === 'withdrawn' ? 'withdrawn' : 'published',
        partyName: mask(r.party_name),
        partyCreditCode: r.party_credit_code,
        documentNumber: mask(r.document_number),
        decidedOn: r.decided_on,
        title: mask(r.title),
        publishedOn: r.published_on,
        withdrawalReason: r.withdrawal_reason === null ? null : mask(r.withdrawal_reason),
      };
    }),
  };
}

export interface PublicPublication extends PublicListItem {
  shown: PublicationStatus;
  visibility: 'full' | 'withdrawn' | 'none';
  summary: string;
  documentText: string;
  periodEndsOn: string | null;
  withdrawnAt: Date | null;
  verificationCode: string | null;
}

/** One publication as the public may see it today, or undefined when it never was public. */
export async function publicPublication(
  db: Db,
  id: string,
  today: string,
): Promise<PublicPublication | undefined> {
  const r = await db
    .selectFrom('publications as p')
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
    .executeTakeFirst();
  if (!r) return undefined;
  const shown = shownStatus(r.status, r.period_ends_on, today);
  const visibility = publicVisibility(shown);
  const full = visibility === 'full';
  const mask = outgoing(r);
  return {
    id: r.id,
    agencyName: r.agency_name,
    kind: r.kind,
    status: r.status === 'withdrawn' ? 'withdrawn' : 'published',
    shown,
    visibility,
    partyName: visibility === 'none' ? '' : mask(r.party_name),
    partyCreditCode: visibility === 'none' ? null : r.party_credit_code,
    documentNumber: mask(r.document_number),
    decidedOn: r.decided_on,
    title: mask(r.title),
    summary: full ? mask(r.summary) : '',
    documentText: full ? mask(r.document_text) : '',
    publishedOn: r.published_on,
    periodEndsOn: r.period_ends_on,
    withdrawalReason: r.withdrawal_reason === null ? null : mask(r.withdrawal_reason),
    withdrawnAt: r.withdrawn_at,
    verificationCode: full ? await publicationCode(db, r.id) : null,
  };
}

export interface FeedEntry {
  id: string;
  type: 'published' | 'withdrawn';
  at: Date;
  agencyName: string;
  kind: ActionKind;
  title: string;
  partyName: string;
  documentNumber: string;
  summary: string;
  withdrawalReason: string | null;
}

/** The newest publications and withdrawals, newest first, for the JSON and Atom feeds. */
export async function feedEntries(db: Db, today: string, limit = 50): Promise<FeedEntry[]> {
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
  const [published, withdrawn] = await Promise.all([
    base.where('p.status', '=', 'published').orderBy('p.published_at', 'desc').limit(limit).execute(),
    base.where('p.withdrawn_at', 'is not', null).orderBy('p.withdrawn_at', 'desc').limit(limit).execute(),
  ]);
  const entry = (r: (typeof published)[number], type: FeedEntry['type'], at: Date): FeedEntry => {
    const mask = outgoing(r);
    return {
      id: r.id,
      type,
      at,
      agencyName: r.agency_name,
      kind: r.kind,
      title: mask(r.title),
      partyName: mask(r.party_name),
      documentNumber: mask(r.document_number),
      summary: type === 'withdrawn' ? '' : mask(r.summary),
      withdrawalReason: type === 'withdrawn' && r.withdrawal_reason ? mask(r.withdrawal_reason) : null,
    };
  };
  return [
    ...published.map((r) => entry(r, 'published', r.published_at!)),
    ...withdrawn.map((r) => entry(r, 'withdrawn', r.withdrawn_at!)),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, limit);
}
