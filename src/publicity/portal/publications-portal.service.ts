import type { ActionKind } from '../../powers/action-kinds.ts';
import type { Db } from '../../platform/db/database.ts';
import { maskText } from '../masking.rules.ts';
import { ownAgency } from '../../platform/db/agency-scope.ts';
import { publicationCode } from '../publications.queries.ts';
import {
  feedRowsUnscoped,
  publicPublicationRowUnscoped,
  publicSearchQueriesUnscoped,
  PAGE_SIZE,
} from './publications-portal.queries.ts';
import { publicVisibility, shownStatus, type PublicationStatus } from '../publications.rules.ts';
import { rowMaskingRecords } from '../publication-masking.ts';

export { PAGE_SIZE };

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
  const queries = publicSearchQueriesUnscoped(db, search, today);
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
  const r = await publicPublicationRowUnscoped(db, id);
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
    verificationCode: full ? await publicationCode(db, ownAgency(r.agency_id), r.id) : null,
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
  const [published, withdrawn] = await feedRowsUnscoped(db, today, limit);
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
