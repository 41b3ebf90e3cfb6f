import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../../src/platform/excel/cells.ts';
import { databaseKinds } from '../databases.ts';
import { signIn, startHarness, type Client, type Harness } from '../harness.ts';

interface CasePage {
  total: number;
  items: { caseNumber: string; partyNames: string[] }[];
}

/** The case list found by its party (当事人), and exported to Excel as filtered. */
describe.each(databaseKinds)('case list party search and Excel on %s', (kind) => {
  let h: Harness;
  let officer: Client;
  let supervisor: Client;

  beforeAll(async () => {
    h = await startHarness(kind);
    officer = await signIn(h, 'zhangwei');
    supervisor = await signIn(h, 'jiandu');
  });
  afterAll(() => h.close());

  const list = async (client: Client, query: string) =>
    (await client.get(`/api/v1/cases/workbench/cases?${query}`)).json<CasePage>();

  it('finds the cases of a party by part of its name, which the case number and title search does not', async () => {
    expect((await list(officer, `q=${encodeURIComponent('食品超市')}`)).total).toBe(0);
    const found = await list(officer, `party=${encodeURIComponent('食品超市')}`);
    expect(found.total).toBeGreaterThan(0);
    for (const c of found.items) expect(c.partyNames.join('、')).toContain('衡阳县演示食品超市有限公司');
    const person = await list(officer, `party=${encodeURIComponent('赵演示')}`);
    expect(person.total).toBeGreaterThan(0);
  });

  it('does not let a reader of another agency find a natural person whose name the list masks', async () => {
    expect((await list(supervisor, `party=${encodeURIComponent('赵演示')}`)).total).toBe(0);
    expect((await list(supervisor, `party=${encodeURIComponent('食品超市')}`)).total).toBeGreaterThan(0);
  });

  it('exports the filtered list as Excel with Chinese headers', async () => {
    const filtered = await list(officer, `party=${encodeURIComponent('食品超市')}&pageSize=500`);
    const res = await officer.get(
      `/api/v1/cases/workbench/cases/export.xlsx?party=${encodeURIComponent('食品超市')}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('案件.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('案件')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '案号',
      '案由',
      '类别',
      '状态',
      '当事人',
      '执法领域',
      '发现（受理）日期',
      '立案日期',
      '决定日期',
      '结案日期',
      '金额（元）',
    ]);
    expect(sheet.rowCount).toBe(1 + filtered.total);
    const numbers = sheet.getColumn(1).values.slice(2);
    expect(numbers.sort()).toEqual(filtered.items.map((c) => c.caseNumber).sort());
    expect(sheet.getRow(2).getCell(5).value as string).toContain('衡阳县演示食品超市有限公司');
    expect(sheet.getRow(2).getCell(3).value as string).toMatch(/\p{Script=Han}/u);
  });
});
