import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../databases.ts';
import { signIn, startHarness, type Client, type Harness } from '../harness.ts';

/**
 * 行政处罚统计 over HTTP (issue 12 item 3: the sanctions drive the statistics): the demo's decisions of the
 * year by kind of 行政处罚法 §9, for the agency and for the supervision office above it, and as Excel.
 */
interface Stats {
  from: string;
  to: string;
  decisions: number;
  noPenalty: number;
  combined: number;
  kinds: { kind: string; label: string; cases: number; amountFen: number | null }[];
}

describe.each(databaseKinds)('penalty statistics on %s', (kind) => {
  let h: Harness;
  let huanglei: Client;
  let jiandu: Client;
  const year = '/api/v1/cases/workbench/statistics?from=2026-01-01&to=2026-12-31';

  beforeAll(async () => {
    h = await startHarness(kind);
    huanglei = await signIn(h, 'huanglei');
    jiandu = await signIn(h, 'jiandu');
  });
  afterAll(() => h.close());

  /** The decisions of the year as the cases table holds them, counted here directly. */
  const decidedInTable = async () =>
    h.database.db
      .withoutPlugins()
      .selectFrom('cases')
      .select(['decision_outcome', 'sanctions'])
      .where('decided_on', '>=', '2026-01-01')
      .where('decided_on', '<=', '2026-12-31')
      .where('decision_outcome', 'in', ['penalty', 'warning', 'no_penalty'])
      .execute();

  it('counts the year’s decisions by kind, the fines summed, as the cases hold them', async () => {
    const res = await huanglei.get(year);
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json<Stats>();
    const rows = await decidedInTable();
    expect(rows.length).toBeGreaterThan(0);
    expect(stats.decisions + stats.noPenalty).toBe(rows.length);
    const fines = rows.flatMap((r) => r.sanctions.filter((s) => s.kind === 'fine'));
    expect(stats.kinds.find((k) => k.kind === 'fine')).toMatchObject({
      label: '罚款',
      amountFen: fines.reduce((sum, s) => sum + (s.amountFen ?? 0), 0),
    });
    expect(stats.kinds).toHaveLength(12);
  });

  it('shows the supervision office the agencies below; an empty period has no decisions', async () => {
    const above = (await jiandu.get(year)).json<Stats>();
    expect(above.decisions).toBe((await huanglei.get(year)).json<Stats>().decisions);
    const empty = (
      await huanglei.get('/api/v1/cases/workbench/statistics?from=2020-01-01&to=2020-12-31')
    ).json<Stats>();
    expect(empty).toMatchObject({ decisions: 0, noPenalty: 0, combined: 0 });
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    const res = await huanglei.get('/api/v1/cases/workbench/statistics?from=2026-12-01&to=2026-01-01');
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string; message: string }[] }>().errors).toEqual([
      { path: 'querystring.to', message: '截止日期不能早于起始日期' },
    ]);
  });

  it('exports the same figures to Excel', async () => {
    const res = await huanglei.get(year.replace('/statistics?', '/statistics/export.xlsx?'));
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('行政处罚统计')!;
    const stats = (await huanglei.get(year)).json<Stats>();
    const fineRow = sheet.getRows(3, 12)!.find((r) => r.getCell(1).value === '罚款')!;
    expect(fineRow.getCell(2).value).toBe(stats.kinds.find((k) => k.kind === 'fine')!.cases);
    expect(sheet.getCell('A1').text).toContain('2026-01-01 至 2026-12-31');
  });
});
