import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/database.ts';
import { newId } from '../../src/platform/ids.ts';
import {
  PAGE_SIZE,
  searchPublications,
  type PublicSearch,
} from '../../src/publicity/portal/publications-portal.service.ts';
import { databaseKinds, freshDatabase } from '../databases.ts';

/**
 * The portal search's totals and pages (publications-portal.service.ts): a name fragment takes its count
 * and its page from one statement (count(*) over ()), the other searches from two; both must agree with
 * the public rows counted directly, on every page and past the last one.
 */
const TODAY = '2026-11-28';
const none: PublicSearch = {
  q: '',
  creditCode: '',
  documentNumber: '',
  kind: undefined,
  from: undefined,
  to: undefined,
  page: 1,
};

/**
 * 90 publications of one agency over 2025–2026: natural persons (某某) and companies, every third a
 * penalty; some withdrawn, some ended early, some past a 3-month period, two still drafts.
 */
async function seed(database: Database): Promise<void> {
  const agencyId = newId();
  await database.db
    .withoutPlugins()
    .insertInto('agencies')
    .values({
      id: agencyId,
      name: '衡阳县市场监督管理局',
      short_name: '衡县市监',
      credit_code: '11430421000000001X',
      region_code: '430421',
      level: 'county',
      kind: 'enforcement',
      created_at: new Date('2026-01-01T00:00:00Z'),
      updated_at: new Date('2026-01-01T00:00:00Z'),
    })
    .execute();
  const at = new Date('2026-01-01T00:00:00Z');
  const rows = Array.from({ length: 90 }, (_, n) => {
    const person = n % 2 === 0;
    const decidedOn = `${n < 45 ? 2025 : 2026}-${String(1 + (n % 10)).padStart(2, '0')}-${String(1 + (n % 27)).padStart(2, '0')}`;
    const status = n % 17 === 3 ? 'withdrawn' : n % 19 === 5 ? 'ended' : n % 41 === 7 ? 'draft' : 'published';
    return {
      id: newId(),
      agency_id: agencyId,
      kind: n % 3 === 0 ? 'penalty' : 'licensing',
      status,
      party_kind: person ? 'natural_person' : 'organisation',
      party_name: person ? `${'王李张刘陈'[n % 5]}某某` : `衡阳县西渡镇恒达${n}商贸有限公司`,
      party_credit_code: person ? null : `91430421${String(n).padStart(9, '0')}X`,
      document_number: `衡县市监〔${decidedOn.slice(0, 4)}〕${n}号`,
      decided_on: decidedOn,
      title: `决定 ${n}`,
      summary: '摘要',
      document_text: '正文',
      sanctions: JSON.stringify([]),
      facts: JSON.stringify({}),
      personal_records: JSON.stringify({ naturalPersons: [], organisations: [] }),
      due_on: decidedOn,
      due_warnings: JSON.stringify([]),
      published_at: status === 'draft' ? null : at,
      published_on: status === 'draft' ? null : decidedOn,
      period_ends_on: status === 'draft' ? null : n % 7 === 1 ? '2026-03-01' : '2029-01-01',
      withdrawal_reason: status === 'withdrawn' ? '原决定已被撤销' : null,
      created_at: at,
      updated_at: at,
    } as const;
  });
  await database.db.withoutPlugins().insertInto('publications').values(rows).execute();
}

describe.each(databaseKinds)('portal search totals (%s)', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    await seed(database);
  });
  afterAll(() => database.close());

  /** The public rows today (published within their period, or withdrawn) that `where` keeps. */
  async function publicIds(where: (name: string, kind: string, decidedOn: string) => boolean) {
    const rows = await database.db
      .withoutPlugins()
      .selectFrom('publications')
      .select(['id', 'party_name', 'kind', 'decided_on', 'status', 'period_ends_on'])
      .execute();
    return rows
      .filter(
        (r) =>
          r.status === 'withdrawn' ||
          (r.status === 'published' && (r.period_ends_on === null || r.period_ends_on >= TODAY)),
      )
      .filter((r) => where(r.party_name, r.kind, r.decided_on))
      .map((r) => r.id);
  }

  it('counts a name fragment as the rows say, on every page and past the last', async () => {
    const expected = await publicIds((name) => name.includes('某某'));
    expect(expected.length).toBeGreaterThan(PAGE_SIZE); // more than one page
    const pages = Math.ceil(expected.length / PAGE_SIZE);
    const seen: string[] = [];
    for (let page = 1; page <= pages + 1; page++) {
      const { items, total } = await searchPublications(database.db, { ...none, q: '某某', page }, TODAY);
      expect(total).toBe(expected.length);
      expect(items.length).toBe(page <= pages ? Math.min(PAGE_SIZE, expected.length - seen.length) : 0);
      seen.push(...items.map((i) => i.id));
    }
    expect(seen.sort()).toEqual([...expected].sort());
    const nothing = await searchPublications(database.db, { ...none, q: '无此当事人' }, TODAY);
    expect(nothing).toEqual({ items: [], total: 0 });
  });

  it('counts a kind and a span of dates from the index, newest first', async () => {
    const search = { ...none, kind: 'penalty' as const, from: '2025-06-01', to: '2026-06-30' };
    const expected = await publicIds((_n, k, d) => k === 'penalty' && d >= '2025-06-01' && d <= '2026-06-30');
    expect(expected.length).toBeGreaterThan(0);
    const { items, total } = await searchPublications(database.db, search, TODAY);
    expect(total).toBe(expected.length);
    const dates = items.map((i) => i.decidedOn);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});
