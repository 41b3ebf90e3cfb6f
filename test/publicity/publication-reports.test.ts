import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../../src/platform/excel/cells.ts';
import { databaseKinds } from '../databases.ts';
import { signIn, startHarness, type Client, type Harness } from '../harness.ts';

async function solved(h: Harness): Promise<string> {
  const res = await h.app.inject({ method: 'GET', url: '/api/v1/publications/anti-robot/challenge' });
  const challenge = res.json<Challenge>();
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

async function sheetRows(body: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    rows.push(
      (row.values as ExcelJS.CellValue[])
        .slice(1)
        .map((v) => (typeof v === 'number' || typeof v === 'string' ? String(v) : '')),
    );
  });
  return rows;
}

/** The publisher's lists as Excel: correction requests with deadlines and answers, timeliness by unit and month. */
describe.each(databaseKinds)('publication reports on %s', (kind) => {
  let h: Harness;
  let publisher: Client;
  let officer: Client;

  beforeAll(async () => {
    h = await startHarness(kind);
    publisher = await signIn(h, 'zhaoli');
    officer = await signIn(h, 'zhangwei');
  });
  afterAll(() => h.close());

  it('exports the correction requests with their deadline and answer', async () => {
    const list = await publisher.get('/api/v1/publications?status=published&pageSize=1');
    const publication = list.json<{ items: { id: string; documentNumber: string }[] }>().items[0]!;
    for (const content of ['罚款金额有误', '当事人名称有误']) {
      const filed = await h.app.inject({
        method: 'POST',
        url: `/api/v1/publications/${publication.id}/corrections`,
        payload: { name: '王先生', contact: '13900000000', content, altcha: await solved(h) },
        remoteAddress: '203.0.113.50',
      });
      expect(filed.statusCode, filed.body).toBe(201);
    }
    const open = await publisher.get(
      `/api/v1/publications/corrections?publicationId=${publication.id}&status=open`,
    );
    const first = open
      .json<{ items: { id: string; content: string }[] }>()
      .items.find((c) => c.content === '罚款金额有误')!;
    const answered = await publisher.send('POST', `/api/v1/publications/corrections/${first.id}/answer`, {
      answer: '经核查，罚款金额无误',
      corrected: false,
    });
    expect(answered.statusCode, answered.body).toBe(200);

    const all = await publisher.get('/api/v1/publications/corrections/export.xlsx');
    expect(all.statusCode).toBe(200);
    expect(all.headers['content-type']).toBe(XLSX_TYPE);
    expect(all.headers['content-disposition']).toContain("filename*=UTF-8''");
    const rows = await sheetRows(all.rawPayload);
    expect(rows[0]).toEqual([
      '受理编号',
      '决定文号',
      '申请人',
      '联系方式',
      '更正内容与理由',
      '收到日期',
      '答复期限',
      '状态',
      '答复',
      '已更正',
    ]);
    const answeredRow = rows.find((r) => r[4] === '罚款金额有误')!;
    expect(answeredRow).toEqual(
      expect.arrayContaining([publication.documentNumber, '已答复', '经核查，罚款金额无误', '否']),
    );
    const openRow = rows.find((r) => r[4] === '当事人名称有误')!;
    expect(openRow[0]).toMatch(/^GZ-\d{4}-\d{6}$/);
    expect(openRow[7]).toMatch(/^剩 \d+ 个工作日$/);
    expect(openRow[8]).toBe('');

    // The same filter as the list: only the open ones.
    const onlyOpen = await sheetRows(
      (await publisher.get('/api/v1/publications/corrections/export.xlsx?status=open')).rawPayload,
    );
    expect(onlyOpen.some((r) => r[4] === '罚款金额有误')).toBe(false);
    expect(onlyOpen.some((r) => r[4] === '当事人名称有误')).toBe(true);
  });

  it('exports the timeliness figures by unit and month with a total, as the API counts them', async () => {
    const year = Number(
      (await publisher.get('/api/v1/publications?status=published&pageSize=1'))
        .json<{ items: { publishedOn: string }[] }>()
        .items[0]!.publishedOn.slice(0, 4),
    );
    const api = (await publisher.get(`/api/v1/publications/timeliness?year=${year}`)).json<{
      rows: { published: number; onTime: number }[];
    }>();
    expect(api.rows.length).toBeGreaterThan(0);
    const res = await publisher.get(`/api/v1/publications/timeliness/export.xlsx?year=${year}`);
    expect(res.statusCode).toBe(200);
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual(['内设机构', '月份', '已发布', '按时发布', '按时公示率']);
    expect(rows).toHaveLength(api.rows.length + 2);
    const published = api.rows.reduce((n, r) => n + r.published, 0);
    const onTime = api.rows.reduce((n, r) => n + r.onTime, 0);
    const total = rows.at(-1)!;
    expect(total.slice(0, 4)).toEqual(['合计', `${year}年`, String(published), String(onTime)]);
    expect(Number(total[4])).toBeCloseTo(onTime / published, 10);

    const bad = await publisher.get('/api/v1/publications/timeliness/export.xlsx?year=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('needs a signed-in reader', async () => {
    const anonymous = await h.app.inject({ url: '/api/v1/publications/corrections/export.xlsx' });
    expect(anonymous.statusCode).toBe(401);
    expect((await officer.get('/api/v1/publications/corrections/export.xlsx')).statusCode).toBe(200);
  });
});
