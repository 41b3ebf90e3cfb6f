import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText } from '../../src/platform/excel/cells.ts';
import { signIn, startHarness, type Client, type Harness } from '../harness.ts';

async function sheetRows(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c) => cells.push(cellText(c.value)));
    rows.push(cells);
  });
  return rows;
}

/**
 * Each list of random inspection exports to Excel as the workbench shows it (issue 15 item 6): the plans
 * with one row per task, a draw's selection in its order with the inspectors, and the drawn inspections
 * with their results and publication deadlines. On the demo's plan and draw.
 */
describe('random inspection exports (Excel)', () => {
  let h: Harness;
  let zhangwei: Client;

  beforeAll(async () => {
    h = await startHarness('pglite');
    zhangwei = await signIn(h, 'zhangwei');
  });
  afterAll(() => h.close());

  const xlsx = async (url: string) => {
    const res = await zhangwei.get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    return sheetRows(res.rawPayload);
  };

  it('exports the plans with a row per task', async () => {
    const plans = (await zhangwei.get('/api/v1/inspections/plans')).json<{
      items: { title: string; tasks: { title: string }[] }[];
    }>().items;
    const rows = await xlsx('/api/v1/inspections/plans/export.xlsx');
    expect(rows[0]!.slice(0, 2)).toEqual(['年度', '计划名称']);
    const tasks = plans.flatMap((p) => p.tasks.map((t) => [p.title, t.title]));
    expect(rows.slice(1).map((r) => [r[1], r[6]])).toEqual(tasks);
  });

  it('exports a draw’s selection in its order, and the drawn inspections with their results', async () => {
    const items = (await zhangwei.get('/api/v1/inspections/assignments')).json<{
      items: { drawId: string; position: number; creditCode: string; resultLabel: string | null }[];
    }>().items;
    expect(items.length).toBeGreaterThan(0);
    const drawId = items[0]!.drawId;
    const selection = await xlsx(`/api/v1/inspections/draws/${drawId}/export.xlsx`);
    const ofDraw = items.filter((i) => i.drawId === drawId).sort((a, b) => a.position - b.position);
    expect(selection.slice(1).map((r) => r[2])).toEqual(ofDraw.map((i) => i.creditCode));

    const results = await xlsx('/api/v1/inspections/assignments/export.xlsx');
    expect(results[0]).toContain('公示期限');
    expect(results.slice(1).map((r) => [r[2], r[7]])).toEqual(
      items.map((i) => [i.creditCode, i.resultLabel ?? '']),
    );
  });
});
