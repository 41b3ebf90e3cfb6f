import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../../src/platform/excel/cells.ts';
import type { PowerItem } from '../../src/powers/power-list.schema.ts';
import { databaseKinds } from '../databases.ts';
import { auditCount, signIn, startHarness, type Client, type Harness } from '../harness.ts';

const newItem = (code: string) => ({
  code,
  kind: 'penalty',
  name: '对经营超过保质期的食品的处罚（测试）',
  legalBases: [
    {
      law: '中华人民共和国食品安全法',
      article: '第一百二十四条',
      text: '……用超过保质期的食品原料……生产食品……',
      inForceFrom: '2021-04-29',
    },
  ],
  procedure: '立案—调查—审核—告知—决定—送达',
  timeLimit: { days: 90, dayKind: 'calendar', note: '' },
  fees: '不收费',
  supervision: '12315',
  remedies: {
    reconsiderationBody: '衡阳县人民政府',
    reconsiderationDays: 60,
    court: '衡阳县人民法院',
    litigationMonths: 6,
  },
  benchmarks: [{ circumstance: 'general', description: '一般情形', minFen: 6_500_000, maxFen: 8_500_000 }],
  effectiveFrom: '2026-12-01',
  reason: '新增事项',
});

interface Detail {
  item: { id: string; inForceVersion: number | null; latest: { version: number; status: string } };
  versions: { version: number; status: string; effectiveFrom: string; name: string }[];
  reviews: { action: string; actorName: string }[];
}

describe.each(databaseKinds)('power list over HTTP on %s', (kind) => {
  let h: Harness;
  let legal: Client;
  let publisher: Client;
  let officer: Client;
  let otherAdmin: Client;
  let id: string;

  beforeAll(async () => {
    h = await startHarness(kind);
    legal = await signIn(h, 'wangzg');
    publisher = await signIn(h, 'zhaoli');
    officer = await signIn(h, 'huanglei');
    otherAdmin = await signIn(h, 'nyadmin');
  });
  afterAll(() => h.close());

  it('loads the demo list: at least 30 items over the six kinds, some for random inspection', async () => {
    const all = await legal.get('/api/v1/powers?pageSize=200');
    const items = all.json<{ total: number; items: { kind: string }[] }>();
    expect(items.total).toBeGreaterThanOrEqual(30);
    expect(new Set(items.items.map((i) => i.kind)).size).toBe(6);
    const random = await legal.get('/api/v1/powers/published?randomInspection=true');
    expect(random.json<{ total: number }>().total).toBeGreaterThanOrEqual(4);
    // The levy and the fee were withdrawn in 2008: listed in the archive, not in force.
    const levies = await legal.get('/api/v1/powers/published?kind=levy');
    expect(levies.json<{ total: number }>().total).toBe(0);
    const in2006 = await legal.get('/api/v1/powers/published?kind=levy&on=2006-01-01');
    expect(in2006.json<{ total: number }>().total).toBe(1);
  });

  it('creates a draft, which the publisher approves after submission; the author may not', async () => {
    const created = await legal.send('POST', '/api/v1/powers', newItem('CS-001'));
    expect(created.statusCode).toBe(201);
    id = created.json<Detail>().item.id;
    expect(created.json<Detail>().item.latest).toMatchObject({ version: 1, status: 'draft' });
    const early = await publisher.send('POST', `/api/v1/powers/${id}/approve`);
    expect(early.statusCode, early.body).toBe(409);
    expect((await legal.send('POST', `/api/v1/powers/${id}/submit`)).statusCode).toBe(200);
    const self = await legal.send('POST', `/api/v1/powers/${id}/approve`);
    expect(self.statusCode).toBe(403); // not the publisher
    const approved = await publisher.send('POST', `/api/v1/powers/${id}/approve`, { note: '同意' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json<Detail>().versions).toMatchObject([{ version: 1, status: 'published' }]);
    expect(approved.json<Detail>().reviews.map((r) => r.action)).toEqual(['submitted', 'published']);
  });

  it('refuses the publisher approving a change they drafted themselves', async () => {
    const created = await publisher.send('POST', '/api/v1/powers', newItem('CS-002'));
    const own = created.json<Detail>().item.id;
    await publisher.send('POST', `/api/v1/powers/${own}/submit`);
    const res = await publisher.send('POST', `/api/v1/powers/${own}/approve`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'POWER_SELF_REVIEW' });
  });

  it('versions an edit with its date and reason; the published view follows the effective date', async () => {
    const edit = await legal.send('POST', `/api/v1/powers/${id}/versions`, {
      name: '对经营超过保质期的食品、食品添加剂的处罚',
      effectiveFrom: '2027-03-01',
      reason: '名称规范',
    });
    expect(edit.statusCode).toBe(201);
    const second = await legal.send('POST', `/api/v1/powers/${id}/versions`, {
      effectiveFrom: '2027-03-01',
      reason: '再改',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'POWER_INVALID_STATE' });
    await legal.send('POST', `/api/v1/powers/${id}/submit`);
    await publisher.send('POST', `/api/v1/powers/${id}/approve`);
    const names = async (on: string) =>
      (await legal.get(`/api/v1/powers/published?q=CS-001&on=${on}`))
        .json<{ items: { name: string; version: number }[] }>()
        .items.map((i) => i.version);
    expect(await names('2026-12-15')).toEqual([1]);
    expect(await names('2027-03-01')).toEqual([2]);
    expect(await names('2026-11-30')).toEqual([]);
    const detail = (await legal.get(`/api/v1/powers/${id}`)).json<Detail>();
    expect(detail.versions.map((v) => [v.version, v.effectiveFrom])).toEqual([
      [1, '2026-12-01'],
      [2, '2027-03-01'],
    ]);
  });

  it('checks a fine against the benchmark in force', async () => {
    const within = await legal.get(
      `/api/v1/powers/${id}/benchmark?circumstance=general&amountFen=7000000&on=2026-12-15`,
    );
    expect(within.json()).toMatchObject({ version: 1, result: { outcome: 'within' } });
    const above = await legal.get(
      `/api/v1/powers/${id}/benchmark?circumstance=general&amountFen=9000000&on=2026-12-15`,
    );
    expect(above.json()).toMatchObject({ result: { outcome: 'outside', by: 'above' } });
  });

  it('answers a repeated code with 409 naming the field, and bad content with every path', async () => {
    const before = await auditCount(h);
    const dup = await legal.send('POST', '/api/v1/powers', newItem('CS-001'));
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({
      code: 'DUPLICATE',
      errors: [{ path: 'body.code', message: '编码已被使用' }],
    });
    expect(await auditCount(h)).toBe(before);
    const bad = await legal.send('POST', '/api/v1/powers', {
      ...newItem('CS-003'),
      kind: 'inspection',
      effectiveFrom: '2020-01-01',
      remedies: {
        reconsiderationBody: '县政府',
        reconsiderationDays: 15,
        court: '县法院',
        litigationMonths: 6,
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
      'body.legalBases',
      'body.remedies.reconsiderationDays',
      'body.benchmarks.0.circumstance',
    ]);
  });

  it('keeps the list to its agency and its roles', async () => {
    expect((await otherAdmin.get(`/api/v1/powers/${id}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/v1/powers/${id}`)).statusCode).toBe(200);
    expect((await officer.send('POST', '/api/v1/powers', newItem('CS-009'))).statusCode).toBe(403);
  });

  it('exports the list and imports it back: every bad row listed, nothing imported while any is bad', async () => {
    const exported = await legal.get('/api/v1/powers/export.xlsx?q=CS-001');
    expect(exported.headers['content-type']).toContain(XLSX_TYPE);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('权责清单')!;
    expect(sheet.getRow(2).getCell(1).value).toBe('CS-001');
    // A new item and a bad row: the code is new, the kind unknown.
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    const newRow = sheet.addRow([]);
    (sheet.getRow(2).values as unknown[]).forEach(
      (v, i) => (newRow.getCell(i).value = v as ExcelJS.CellValue),
    );
    newRow.getCell(col('事项编码')).value = 'CS-010';
    newRow.getCell(col('事项类别')).value = '行政奖励';
    sheet.getRow(2).getCell(col('生效日期')).value = '2027-06-01';
    sheet.getRow(2).getCell(col('变更原因')).value = '导入调整';
    const upload = async (dryRun: boolean) =>
      h.app.inject({
        method: 'POST',
        url: `/api/v1/powers/import?dryRun=${dryRun}`,
        headers: { cookie: legal.cookie, 'x-csrf-token': legal.csrf, 'content-type': XLSX_TYPE },
        payload: Buffer.from(await wb.xlsx.writeBuffer()),
      });
    const before = await auditCount(h);
    const dry = await upload(true);
    expect(dry.json()).toMatchObject({ valid: false, imported: 0 });
    const rows = dry.json<{ rows: { code: string; errors: { column: string }[] }[] }>().rows;
    expect(rows.find((r) => r.code === 'CS-010')?.errors.map((e) => e.column)).toContain('事项类别');
    const rejected = await upload(false);
    expect(rejected.statusCode).toBe(422);
    expect(await auditCount(h)).toBe(before);
    newRow.getCell(col('事项类别')).value = '行政处罚';
    const ws = wb.getWorksheet('法律依据')!;
    ws.addRow(['CS-010', '中华人民共和国食品安全法', '第一百二十四条', '条文', '2021-04-29', '']);
    // 行政处罚法 §37: an amended provision names the one it replaces and whether it is lighter
    ws.addRow([
      'CS-010',
      '中华人民共和国食品安全法',
      '第一百二十四条（修正）',
      '修正后的条文',
      '2027-01-01',
      '',
      '中华人民共和国食品安全法',
      '第一百二十四条',
      '是',
    ]);
    const ok = await upload(false);
    expect(ok.json()).toMatchObject({ valid: true, imported: 2 });
    const list = await legal.get('/api/v1/powers?q=CS-0&status=draft');
    expect(list.json<{ total: number }>().total).toBe(2);
    const imported = list.json<{ items: PowerItem[] }>().items.find((i) => i.code === 'CS-010')!;
    expect(imported.latest.legalBases.map((b) => [b.article, b.supersedes, b.lighter])).toEqual([
      ['第一百二十四条', null, false],
      ['第一百二十四条（修正）', { law: '中华人民共和国食品安全法', article: '第一百二十四条' }, true],
    ]);
  });
});
