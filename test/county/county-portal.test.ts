import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSanxiang } from '../../src/app.ts';
import {
  countyAgencies,
  countyOfficers,
  countyPowers,
  countyPublications,
  searchCounty,
} from '../../src/county/portal/county-portal.service.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { databaseKinds, freshDatabase } from '../databases.ts';
import { TestClock } from '../harness.ts';
import { testEnv, testStagingKey } from '../test-env.ts';
import { seedTwoAgencies as seed, type Seeded } from './county-fixtures.ts';

/**
 * The county portal (issue 14 item 4) on what two agencies pushed: each subject's latest record is what
 * shows, withdrawn items and publications are hidden, and the search finds across agencies.
 */
const TODAY = '2026-11-28';

describe.each(databaseKinds)('the county portal on %s', (kind) => {
  let database: Database;
  let s: Seeded;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    s = await seed(database);
    app = await createSanxiang({
      db: database.db,
      config: loadConfig(testEnv),
      staging: testStagingKey,
      clock: new TestClock(new Date(`${TODAY}T02:00:00Z`)),
    });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('lists every registered agency with its latest details and whether it is suspended', async () => {
    const agencies = await countyAgencies(database.db);
    expect(agencies.map((a) => [a.name, a.shortName, a.level, a.suspended])).toEqual([
      ['衡阳县城市管理和综合执法局', null, null, true],
      ['衡阳县市场监督管理局', '市监局', 'county', false],
    ]);
  });

  it('shows the latest version of each power-list item and leaves withdrawn items out', async () => {
    const market = (await countyAgencies(database.db)).find((a) => a.id === s.market.id)!;
    const powers = await countyPowers(database.db, market);
    expect(powers.map((p) => [p.itemId, p.version, p.timeLimit.days])).toEqual([[s.ids.food, 2, 60]]);
    expect(await countyPowers(database.db, market, { q: '食品安全' })).toHaveLength(1);
    expect(await countyPowers(database.db, market, { kind: 'licensing' })).toEqual([]);
  });

  it('shows active officers with certificates, each certificate in its state today', async () => {
    const market = (await countyAgencies(database.db)).find((a) => a.id === s.market.id)!;
    const officers = await countyOfficers(database.db, market, TODAY);
    // 李娜's latest record is inactive; 王强 holds no certificate.
    expect(officers.map((o) => o.name)).toEqual(['张伟']);
    expect(officers[0]!.certificates.map((c) => [c.number, c.stateLabel, c.fieldLabels])).toEqual([
      ['43042100001', '有效', ['食品安全']],
      ['43042100009', '已过期', ['食品安全']],
    ]);
  });

  it('shows publications public today: the latest record, not withdrawn, within the period', async () => {
    const all = await countyPublications(database.db, { page: 1, pageSize: 20 }, TODAY);
    expect(all.total).toBe(2);
    // newest decision first, across agencies
    expect(all.items.map((p) => [p.id, p.agencyName, p.title])).toEqual([
      [s.ids.urbanPub, '衡阳县城市管理和综合执法局', '城市建筑垃圾处置核准'],
      [s.ids.pub, '衡阳县市场监督管理局', '衡阳县某某食品有限公司销售过期食品案'],
    ]);
    const second = await countyPublications(database.db, { page: 2, pageSize: 1 }, TODAY);
    expect([second.total, second.items.map((p) => p.id)]).toEqual([2, [s.ids.pub]]);
    const past = await countyPublications(database.db, { page: 9, pageSize: 1 }, TODAY);
    expect([past.total, past.items]).toEqual([2, []]);
  });

  it('searches publications by party, document number and title, and items by name and code, across agencies', async () => {
    const find = (q: string, more: Partial<Parameters<typeof searchCounty>[1]> = {}) =>
      searchCounty(database.db, { q, what: 'all', page: 1, pageSize: 20, ...more }, TODAY);
    const byParty = await find('某某食品');
    expect(byParty.publications!.items.map((p) => p.id)).toEqual([s.ids.pub]);
    expect((await find('城管许〔2026〕3')).publications!.items.map((p) => p.id)).toEqual([s.ids.urbanPub]);
    // A withdrawn publication is not found, by any of its words.
    expect((await find('另一家商行')).publications!.total).toBe(0);
    const byTitle = await find('建筑垃圾');
    expect(byTitle.publications!.items.map((p) => p.id)).toEqual([s.ids.urbanPub]);
    expect(byTitle.powers!.items.map((p) => [p.code, p.agencyName])).toEqual([
      ['XK-007', '衡阳县城市管理和综合执法局'],
    ]);
    expect((await find('CF-0')).powers!.items.map((p) => p.itemId)).toEqual([s.ids.food]);
    expect((await find('', { agencyId: s.urban.id, what: 'powers' })).publications).toBeNull();
    expect((await find('', { kind: 'licensing' })).publications!.items.map((p) => p.id)).toEqual([
      s.ids.urbanPub,
    ]);
    expect((await find('', { agencyId: s.market.id })).powers!.total).toBe(1);
    expect((await find('%')).publications!.total).toBe(0);
  });

  it('serves the same over HTTP without sign-in, and refuses bad input with Chinese problem+json', async () => {
    const agencies = await app.inject({ url: '/api/v1/county-portal/agencies' });
    expect(agencies.statusCode).toBe(200);
    expect(agencies.json<{ items: { name: string }[] }>().items).toHaveLength(2);
    const powers = await app.inject({ url: `/api/v1/county-portal/agencies/${s.market.id}/powers` });
    expect(powers.json<{ items: { itemId: string }[] }>().items.map((p) => p.itemId)).toEqual([s.ids.food]);
    const one = await app.inject({
      url: `/api/v1/county-portal/agencies/${s.market.id}/publications/${s.ids.pub}`,
    });
    expect(one.json<{ documentNumber: string }>().documentNumber).toBe('衡县市监罚〔2026〕12号');
    const withdrawn = await app.inject({
      url: `/api/v1/county-portal/agencies/${s.market.id}/publications/${s.ids.withdrawn}`,
    });
    expect(withdrawn.statusCode).toBe(404);
    const search = await app.inject({
      url: `/api/v1/county-portal/search?q=${encodeURIComponent('某某')}&what=publications`,
    });
    expect(search.json<{ publications: { total: number }; powers: null }>()).toMatchObject({
      publications: { total: 2 },
      powers: null,
    });

    const bad = await app.inject({ url: '/api/v1/county-portal/search?kind=robbery&page=0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    const problem = bad.json<{ errors: { path: string; message: string }[] }>();
    expect(problem.errors.map((e) => e.path).sort()).toEqual(['querystring.kind', 'querystring.page']);
    expect(problem.errors.find((e) => e.path === 'querystring.page')!.message).toBe('页码从 1 开始');
    const notUuid = await app.inject({ url: '/api/v1/county-portal/agencies/abc/officers' });
    expect(notUuid.statusCode).toBe(400);
    expect(notUuid.json<{ errors: { path: string; message: string }[] }>().errors).toEqual([
      { path: 'params.id', message: '机关编号格式不正确' },
    ]);
    const unknown = await app.inject({ url: `/api/v1/county-portal/agencies/${randomUUID()}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ detail: string }>().detail).toBe('平台没有登记该执法机关');
  });

  it('exports an agency’s power list and publications as Excel', async () => {
    const res = await app.inject({ url: `/api/v1/county-portal/agencies/${s.market.id}/powers/export.xlsx` });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = book.getWorksheet('权责清单')!.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => [r[1], r[2]])).toEqual([
      ['CF-001', '对生产经营不符合食品安全标准的食品的行政处罚'],
    ]);
    const pubs = await app.inject({
      url: `/api/v1/county-portal/agencies/${s.urban.id}/publications/export.xlsx`,
    });
    const pubBook = new ExcelJS.Workbook();
    await pubBook.xlsx.load(pubs.rawPayload as unknown as ArrayBuffer);
    const pubRows = pubBook.getWorksheet('公示信息')!.getSheetValues().slice(2) as unknown[][];
    expect(pubRows.map((r) => r[2])).toEqual(['衡县城管许〔2026〕3号']);
  });

  it('makes the home page 全县行政执法公示 and renders each agency’s pages, with the item’s flowchart', async () => {
    const home = await app.inject({ url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<h1>全县行政执法公示</h1>');
    expect(home.body).toContain(`/county-portal/agencies/${s.market.id}`);
    const item = await app.inject({ url: `/county-portal/agencies/${s.market.id}/powers/${s.ids.food}` });
    expect(item.statusCode).toBe(200);
    expect(item.body).toContain('执法流程图');
    expect(item.body).toMatch(/<svg[^>]*class="flowchart"/);
    expect(item.body).not.toContain('服务指南');
    const list = await app.inject({ url: `/county-portal/agencies/${s.market.id}/powers?q=CF` });
    expect(list.body).toContain('找到 1 项');
    expect(list.body).toContain('导出 Excel');
    const officers = await app.inject({ url: `/county-portal/agencies/${s.market.id}/officers` });
    expect(officers.body).toContain('43042100009');
    expect(officers.body).not.toContain('李娜');
    const search = await app.inject({ url: `/county-portal/search?q=${encodeURIComponent('某某')}` });
    expect(search.body).toContain('公示信息（2 条）');
    const gone = await app.inject({ url: `/county-portal/agencies/${s.market.id}/powers/${s.ids.gone}` });
    expect(gone.statusCode).toBe(404);
  });
});
