import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../../src/platform/excel/cells.ts';
import { databaseKinds } from '../databases.ts';
import { auditCount, signIn, startHarness, type Client, type Harness } from '../harness.ts';

async function workbook(rows: (string | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('人员');
  sheet.addRow([
    '姓名',
    '所属机构',
    '职务',
    '联系电话',
    '角色',
    '用户名',
    '初始密码',
    '执法证号',
    '执法领域',
    '发证机关',
    '有效期起',
    '有效期止',
  ]);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const good = (n: number): (string | Date)[] => [
  `导入${n}`,
  '西渡市场监管所',
  '监管员',
  '',
  '执法人员',
  `daoru${n}`,
  'Initial2026pw',
  `4304219800000${n}`,
  '食品安全、计量',
  '湖南省人民政府',
  new Date('2026-01-01T00:00:00Z'),
  '2031-12-31',
];

describe.each(databaseKinds)('people Excel import and export on %s', (kind) => {
  let h: Harness;
  let admin: Client;
  beforeAll(async () => {
    h = await startHarness(kind);
    admin = await signIn(h, 'admin');
  });
  afterAll(() => h.close());

  const upload = (file: Buffer, dryRun: boolean) =>
    h.app.inject({
      method: 'POST',
      url: `/api/v1/people/import?dryRun=${dryRun}`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': XLSX_TYPE },
      payload: file,
    });

  it('lists every bad row with its column and message, and imports nothing while any row is bad', async () => {
    const bad1 = good(2);
    bad1[1] = '不存在的所';
    const bad2 = good(3);
    bad2[7] = '43042100000003'; // the demo's 张伟 holds this number
    bad2[8] = '火星';
    const file = await workbook([good(1), bad1, bad2, good(1)]);
    const dry = await upload(file, true);
    expect(dry.statusCode).toBe(200);
    const result = dry.json<{
      valid: boolean;
      rows: { row: number; errors: { column: string; message: string }[] }[];
    }>();
    expect(result.valid).toBe(false);
    expect(result.rows.map((r) => [r.row, r.errors.map((e) => e.column)])).toEqual([
      [2, []],
      [3, ['所属机构']],
      [4, ['执法领域']],
      [5, ['执法证号', '用户名']],
    ]);
    const before = await auditCount(h);
    const commit = await upload(file, false);
    expect(commit.statusCode).toBe(422);
    expect(commit.json()).toMatchObject({ code: 'IMPORT_REJECTED', rows: result.rows });
    expect(await auditCount(h)).toBe(before);
  });

  it('imports a clean file whole, then exports the people it holds', async () => {
    const file = await workbook([good(4), good(5)]);
    const res = await upload(file, false);
    expect(res.json()).toMatchObject({ valid: true, imported: 2 });
    const list = (await admin.get('/api/v1/people?q=导入')).json<{
      items: { name: string; roles: string[] }[];
    }>();
    expect(list.items.map((p) => p.name)).toEqual(['导入4', '导入5']);

    const exported = await admin.get('/api/v1/people/export.xlsx?q=导入');
    expect(exported.headers['content-type']).toBe(XLSX_TYPE);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('姓名');
    expect(sheet?.getRow(2).getCell(9).value).toBe('食品安全、计量');
    expect(sheet?.rowCount).toBe(3);
  });

  it('rejects a file that is not a workbook with a clear message', async () => {
    const res = await upload(Buffer.from('not a workbook'), true);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ detail: '无法读取该文件，请上传 .xlsx 格式的 Excel 文件' });
  });
});
